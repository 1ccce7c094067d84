package io.pg2polar.source.copy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.filter.RowCondition;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableCopyTest {

    private static final TableId USERS = new TableId("public", "users");

    @Test
    void theCopyQueryEmbedsTheCheckedConditionInParentheses() {
        String query = TableCopy.select(
                USERS, false, List.of("id", "na\"me"), new RowCondition("\"na\"\"me\" <> 'x); --'"), null);
        assertEquals(
                "SELECT \"id\", \"na\"\"me\" FROM ONLY \"public\".\"users\" WHERE (\"na\"\"me\" <> 'x); --')", query);
        assertEquals(
                "SELECT \"id\" FROM \"public\".\"users\"", TableCopy.select(USERS, true, List.of("id"), null, null));
    }

    @Test
    void aChunkCopiesItsKeyRangeInKeyOrderWithTheRangesValuesAsQuotedLiteralsOfTheKeyTypes() {
        TableCopy orders = new TableCopy(
                new TableId("public", "orders"),
                1,
                false,
                List.of(new TableCopy.KeyColumn("region", "text"), new TableCopy.KeyColumn("id", "bigint")),
                new RowCondition("id > 0"),
                0,
                0);
        assertEquals(
                "COPY (SELECT \"region\", \"id\" FROM ONLY \"public\".\"orders\" WHERE (id > 0) AND (\"region\", \"id\") > (CAST('o''hare' AS text),"
                        + " CAST('7' AS bigint)) AND (\"region\", \"id\") <= (CAST('z' AS text), CAST('1' AS bigint)) ORDER BY \"region\", \"id\") TO STDOUT",
                orders.copyOut(List.of("region", "id"), new KeyRange(List.of("o'hare", "7"), List.of("z", "1"))));
        TableCopy log = new TableCopy(new TableId("public", "log"), 2, false, List.of(), null, 0, 0);
        assertEquals(
                "COPY (SELECT \"at\" FROM ONLY \"public\".\"log\") TO STDOUT",
                log.copyOut(List.of("at"), KeyRange.ALL));
    }
}
