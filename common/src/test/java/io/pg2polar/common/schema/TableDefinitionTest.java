package io.pg2polar.common.schema;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableDefinitionTest {

    private static final TableDefinition CUSTOMERS = new TableDefinition(
            1,
            "sales",
            "customers",
            "r",
            "d",
            null,
            null,
            null,
            List.of(column(1, "id"), column(2, "name"), column(3, "ssn")),
            List.of(
                    new ConstraintDefinition("customers_pkey", "p", "PRIMARY KEY (\"id\")", true, null, null),
                    new ConstraintDefinition("ssn_format", "c", "CHECK ((length(\"ssn\") = 11))", true, null, null)),
            List.of(
                    new IndexDefinition(
                            "customers_name",
                            "CREATE INDEX \"customers_name\" ON \"sales\".\"customers\" USING btree (\"name\")"),
                    new IndexDefinition(
                            "customers_ssn",
                            "CREATE UNIQUE INDEX \"customers_ssn\" ON \"sales\".\"customers\" USING btree (\"ssn\")")),
            List.of(),
            List.of(),
            null,
            List.of());

    @Test
    void leavingOutAColumnDropsTheConstraintsAndIndexesThatUseIt() {
        TableDefinition selected = CUSTOMERS.withoutColumns("ssn"::equals);
        assertEquals(
                List.of("id", "name"),
                selected.columns().stream().map(ColumnDefinition::name).toList());
        assertEquals(
                List.of("customers_pkey"),
                selected.constraints().stream().map(ConstraintDefinition::name).toList());
        assertEquals(
                List.of("customers_name"),
                selected.indexes().stream().map(IndexDefinition::name).toList());
    }

    @Test
    void extensionsTravelInTheJsonAndADefinitionWithoutThemReadsAsNeedingNone() {
        TableDefinition withExtensions = CUSTOMERS.withParent(null);
        TableDefinition needing = new TableDefinition(
                2,
                "geo",
                "place",
                "r",
                "d",
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(new ExtensionDefinition("earthdistance", "public", "1.2", List.of("cube"))));
        assertEquals(needing, TableDefinition.fromJson(needing.toJson()));
        String json = withExtensions.toJson();
        assertTrue(json.contains(",\"extensions\":[]"), json);
        assertEquals(
                List.of(),
                TableDefinition.fromJson(json.replace(",\"extensions\":[]", "")).extensions());
    }

    @Test
    void keepingEveryColumnKeepsTheDefinition() {
        assertSame(CUSTOMERS, CUSTOMERS.withoutColumns(column -> false));
    }

    private static ColumnDefinition column(int attnum, String name) {
        return new ColumnDefinition(
                attnum, name, "text", "text", "pg_catalog", false, null, null, null, false, null, null);
    }
}
