package io.pg2polar.controlplane.verify;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;

import static io.pg2polar.controlplane.verify.Columns.bigint;
import static io.pg2polar.controlplane.verify.Columns.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableShapeTest {

    private static final TableId TABLE = new TableId("public", "t");

    @Test
    void comparesTheColumnsBothSidesHaveInSourceOrderAndNamesTheRest() {
        TableShape shape = TableShape.match(
                TABLE,
                List.of(bigint("id"), text("a"), text("gone"), text("b")),
                List.of(text("b"), bigint("id"), text("added"), text("a")),
                List.of("id"));
        assertEquals(
                List.of("id", "a", "b"),
                shape.columns().stream().map(ComparedColumn::name).toList());
        assertEquals(
                List.of("id"), shape.key().stream().map(ComparedColumn::name).toList());
        assertEquals(
                "columns only on the source, not compared: gone; columns only on the target, not compared: added",
                shape.columnNote());
        assertEquals(Optional.empty(), shape.problem());
    }

    @Test
    void aKeyColumnMissingOnTheTargetPreventsComparison() {
        TableShape shape = TableShape.match(
                TABLE,
                List.of(bigint("id"), bigint("n"), text("a")),
                List.of(bigint("id"), text("a")),
                List.of("id", "n"));
        assertEquals(Optional.of("primary-key columns missing on the target: n"), shape.problem());
    }

    @Test
    void aTableWithoutKeyHasNone() {
        TableShape shape = TableShape.match(TABLE, List.of(text("a")), List.of(text("a")), List.of());
        assertTrue(!shape.hasKey()
                && shape.columnNote().isEmpty()
                && shape.problem().isEmpty());
    }
}
