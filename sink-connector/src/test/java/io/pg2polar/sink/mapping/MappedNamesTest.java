package io.pg2polar.sink.mapping;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.naming.NameMapping;
import io.pg2polar.common.naming.NameMappingConfig;
import io.pg2polar.common.naming.NameMappingException;
import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MappedNamesTest {

    private static final TableId CUSTOMERS = new TableId("sales", "customers");
    private static final TableId ORDERS = new TableId("sales", "orders");
    private static final NameMapping MAPPING = NameMapping.parse(
            "sales:crm",
            "sales.customers:clients",
            "sales.customers.name:full_name," + " sales.orders.customer_id:client_id",
            "^(order.*)$",
            "$1_migrated");
    private static final MappedNames NAMES = new MappedNames(MAPPING);

    @Test
    void tablesFollowSingleMappingsThenSchemaMappingAndPattern() {
        assertEquals(new TableId("crm", "clients"), MAPPING.table(CUSTOMERS));
        assertEquals(new TableId("crm", "orders_migrated"), MAPPING.table(ORDERS));
        assertEquals(new TableId("public", "audit"), MAPPING.table(new TableId("public", "audit")));
        assertEquals("full_name", MAPPING.column(CUSTOMERS, "name"));
        assertEquals("id", MAPPING.column(CUSTOMERS, "id"));
    }

    @Test
    void sqlFragmentsAreRenamedTokenByToken() {
        assertEquals(
                "FOREIGN KEY (\"client_id\") REFERENCES \"crm\".\"clients\"(\"id\")",
                NAMES.constraintSql(
                        "FOREIGN KEY (\"customer_id\") REFERENCES \"sales\".\"customers\"(\"id\")", ORDERS, CUSTOMERS));
        assertEquals(
                "CREATE INDEX \"customers_name\" ON \"crm\".\"clients\" USING btree (\"full_name\")",
                NAMES.sql(
                        "CREATE INDEX \"customers_name\" ON \"sales\".\"customers\" USING btree (\"name\")",
                        CUSTOMERS));
        // a sequence matching the table pattern keeps its name and follows its schema
        assertEquals(
                "nextval('\"crm\".\"orders_id_seq\"'::regclass)",
                NAMES.sql("nextval('\"sales\".\"orders_id_seq\"'::regclass)", ORDERS));
    }

    @Test
    void anExtensionMovesWithItsSchemaLikeTheTypesAndOperatorClassesNamedWithIt() {
        TableDefinition definition = new TableDefinition(
                1,
                "sales",
                "orders",
                "r",
                "d",
                null,
                null,
                null,
                List.of(new ColumnDefinition(
                        1,
                        "tags",
                        "\"sales\".\"hstore\"",
                        "hstore",
                        "sales",
                        false,
                        null,
                        null,
                        null,
                        false,
                        null,
                        null)),
                List.of(),
                List.of(new IndexDefinition(
                        "orders_note",
                        "CREATE INDEX \"orders_note\" ON \"sales\".\"orders\" USING gin (\"tags\""
                                + " \"sales\".\"gin_hstore_ops\")")),
                List.of(),
                List.of(),
                null,
                List.of(new ExtensionDefinition("hstore", "sales", "1.8", List.of())));
        TableDefinition mapped = NAMES.definition(definition);
        assertEquals("\"crm\".\"hstore\"", mapped.columns().get(0).type());
        assertEquals("crm", mapped.extensions().get(0).schema());
        assertEquals(
                "CREATE INDEX \"orders_note\" ON \"crm\".\"orders_migrated\" USING gin (\"tags\" \"crm\".\"gin_hstore_ops\")",
                mapped.indexes().get(0).definition());
    }

    @Test
    void collidingAndMalformedMappingsNameTheirOption() {
        NameMappingException collision = assertThrows(
                NameMappingException.class, () -> NameMapping.parse("", "sales.a:crm.x, sales.b:crm.x", "", "", ""));
        assertEquals(NameMappingConfig.TABLES, collision.option());
        assertEquals(
                NameMappingConfig.SCHEMAS,
                assertThrows(NameMappingException.class, () -> NameMapping.parse("a:x, b:x", "", "", "", ""))
                        .option());
        assertEquals(
                NameMappingConfig.COLUMNS,
                assertThrows(NameMappingException.class, () -> NameMapping.parse("", "", "customers.name:n", "", ""))
                        .option());
        assertEquals(
                NameMappingConfig.TABLE_REPLACEMENT,
                assertThrows(NameMappingException.class, () -> NameMapping.parse("", "", "", "^(.*)$", ""))
                        .option());
    }
}
