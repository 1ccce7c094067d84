package io.pg2polar.sink.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pg2polar.common.schema.ColumnDefinition;
import io.pg2polar.common.schema.ConstraintDefinition;
import io.pg2polar.common.schema.IndexDefinition;
import io.pg2polar.common.schema.SequenceDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.common.schema.TypeDefinition;
import io.pg2polar.common.sequence.SequenceStatements;
import io.pg2polar.common.sequence.SequenceValue;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.sink.catalog.TargetColumn;
import io.pg2polar.sink.catalog.TargetTable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of statement the sink sends, as each dialect writes it for one table, compared with the golden file
 * {@code <dialect>.sql} next to this class. A difference fails with both texts; the actual one is also written to
 * {@code target/golden-sql/} to compare or copy over.
 */
class GoldenSqlTest {

    private static final TableId ORDER = new TableId("Sales", "order");
    private static final ColumnDefinition ID =
            new ColumnDefinition(1, "id", "bigint", "int8", "pg_catalog", true, null, null, "a", false, null, null);
    private static final ColumnDefinition LEVEL = new ColumnDefinition(
            2,
            "level",
            "numeric(12,2)",
            "numeric",
            "pg_catalog",
            true,
            "0.00",
            null,
            null,
            false,
            null,
            "discount level");
    private static final ColumnDefinition ORDERED_ON = new ColumnDefinition(
            3, "ordered on", "date", "date", "pg_catalog", false, null, null, null, false, null, null);
    private static final ColumnDefinition STATUS = new ColumnDefinition(
            4,
            "status",
            "\"Sales\".status",
            "status",
            "Sales",
            false,
            "'new'::\"Sales\".status",
            null,
            null,
            false,
            null,
            null);
    private static final ColumnDefinition NOTE = new ColumnDefinition(
            5, "note", "text", "text", "pg_catalog", false, null, null, null, false, "\"C\"", null);
    private static final ColumnDefinition CUSTOMER = new ColumnDefinition(
            6, "customer", "integer", "int4", "pg_catalog", false, null, null, null, false, null, null);
    private static final ConstraintDefinition PRIMARY_KEY =
            new ConstraintDefinition("order_pkey", "p", "PRIMARY KEY (id)", true, null, null);
    private static final ConstraintDefinition FOREIGN_KEY = new ConstraintDefinition(
            "order_customer_fkey",
            "f",
            "FOREIGN KEY (customer) REFERENCES \"Sales\".customer(id) NOT VALID",
            false,
            "Sales",
            "customer");
    private static final IndexDefinition INDEX = new IndexDefinition(
            "order_ordered on_idx",
            "CREATE INDEX \"order_ordered on_idx\" ON ONLY \"Sales\".\"order\" USING btree (\"ordered on\")");
    private static final SequenceDefinition SEQUENCE =
            new SequenceDefinition("Sales", "order_id_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, "id");
    private static final TypeDefinition ENUM = new TypeDefinition(
            "Sales", "status", "e", List.of("new", "paid", "it's sent"), null, false, null, null, null);
    private static final TableDefinition DEFINITION = new TableDefinition(
            7,
            "Sales",
            "order",
            "r",
            "f",
            null,
            null,
            "orders, one a row",
            List.of(ID, LEVEL, ORDERED_ON, STATUS, NOTE, CUSTOMER),
            List.of(PRIMARY_KEY, FOREIGN_KEY),
            List.of(INDEX),
            List.of(ENUM),
            List.of(SEQUENCE),
            null,
            List.of());
    /** The table as the target's catalog describes it after creation. */
    private static final TargetTable TARGET = new TargetTable(
            ORDER,
            List.of(
                    new TargetColumn("id", "bigint", false, true),
                    new TargetColumn("level", "numeric(12,2)", false, false),
                    new TargetColumn("ordered on", "timestamp(0) without time zone", false, false),
                    new TargetColumn("note", "text", false, false)),
            List.of("id"));

    private static final SequenceValue SEQUENCE_POSITION =
            new SequenceValue("Sales", "order_id_seq", "integer", 100, -1, -1000, 1000, 20, true, 42L);

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "polardb-o"})
    void everyStatementAsTheGoldenFileHasIt(String dialectName) throws IOException {
        String actual = render(statements(TargetDialects.forName(dialectName)));
        Path written = Path.of("target", "golden-sql", dialectName + ".sql");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual);
        assertEquals(
                golden(dialectName + ".sql"), actual, "statements differ from the golden file; actual in " + written);
    }

    private static Map<String, String> statements(TargetDialect dialect) {
        Map<String, String> sql = new LinkedHashMap<>();
        DdlStatements ddl = dialect.ddl();
        sql.put("create schema", ddl.createSchema("Sales"));
        sql.put("create enum type", ddl.createType(ENUM));
        sql.put("create sequence", ddl.createSequence(SEQUENCE));
        sql.put("create table", ddl.createTable(DEFINITION));
        sql.put("sequence owned by", ddl.sequenceOwnedBy(SEQUENCE, ORDER));
        sql.put("add primary key", ddl.addConstraint(ORDER, PRIMARY_KEY));
        sql.put("add foreign key", ddl.addConstraint(ORDER, FOREIGN_KEY));
        sql.put("create index", ddl.createIndex(INDEX));
        sql.put("replica identity", ddl.replicaIdentity(ORDER, "f"));
        sql.put("comment on table", ddl.commentOnTable(ORDER, DEFINITION.comment()));
        sql.put("comment on column", ddl.commentOnColumn(ORDER, "level", LEVEL.comment()));
        sql.put("add column", ddl.addColumn(ORDER, ORDERED_ON));
        sql.put("drop column", ddl.dropColumn(ORDER, "ordered on"));
        sql.put("rename column", ddl.renameColumn(ORDER, "level", "Level"));
        sql.put("alter column type", ddl.alterColumnType(ORDER, ORDERED_ON));
        sql.put("set default", ddl.alterColumnDefault(ORDER, LEVEL));
        sql.put("drop default", ddl.alterColumnDefault(ORDER, NOTE));
        sql.put("set not null", ddl.alterColumnNotNull(ORDER, LEVEL));
        sql.put("drop not null", ddl.alterColumnNotNull(ORDER, NOTE));
        sql.put("drop constraint", ddl.dropConstraint(ORDER, "order_pkey"));
        sql.put("hold back foreign key", ddl.dropExistingConstraint(ORDER, FOREIGN_KEY.name()));
        sql.put("disable trigger", ddl.disableTrigger(ORDER, "audit order"));
        sql.put("drop index", ddl.dropIndexIfExists("Sales", INDEX.name()));
        sql.put("defer index", ddl.dropIndex("Sales", INDEX.name()));
        sql.put("rename table", ddl.renameTable(ORDER, "orders"));
        sql.put("move table", ddl.setSchema(ORDER, "archive"));
        sql.put("drop table", ddl.dropTable(ORDER));
        sql.put("truncate", dialect.truncate(ORDER));
        sql.put("delete all", dialect.deleteAll(ORDER));
        sql.put("upsert", dialect.upsert(TARGET, List.of("id", "level", "ordered on")));
        sql.put("insert", dialect.insert(TARGET, List.of("id", "note")));
        sql.put("insert if absent", dialect.insertIfAbsent(TARGET, List.of("id", "note")));
        sql.put("update by key", dialect.updateByKey(TARGET, List.of("level", "note")));
        sql.put("delete by key", dialect.deleteByKey(TARGET));
        sql.put("update one matching", dialect.updateOneMatching(TARGET, List.of("note"), List.of("level", "note")));
        sql.put("delete one matching", dialect.deleteOneMatching(TARGET, List.of("level", "note")));
        sql.put("copy", dialect.copyIn(TARGET, List.of("id", "level", "ordered on", "note")));
        SequenceStatements sequences = dialect.sequences();
        sql.put("sequence exists", sequences.exists());
        sql.put("sequence position", sequences.position(SEQUENCE_POSITION));
        sql.put("set sequence position", sequences.setPosition());
        sql.put("sequence schema", sequences.createSchema("Sales"));
        sql.put("create synced sequence", sequences.create(SEQUENCE_POSITION));
        StateStatements state = dialect.state();
        sql.put("applied offset", state.loadOffset());
        sql.put("save applied offset", state.saveOffset());
        sql.put("snapshot attempt", state.loadSnapshot());
        sql.put("save snapshot attempt", state.saveSnapshot());
        sql.put("snapshot load state", state.snapshotState());
        sql.put("set loading", state.setLoading());
        sql.put("set replacing", state.setReplacing());
        sql.put("save table progress", state.saveTableProgress());
        sql.put("save connector progress", state.saveConnectorProgress());
        sql.put("save lag", state.saveLag());
        sql.put("prune lag", state.pruneLag());
        sql.put("record rename", state.recordRename());
        sql.put("renamed later", state.renamedLater());
        sql.put("old copy applied", state.oldCopyApplied());
        sql.put("resolve renamed table", state.resolveTable());
        sql.put("record held foreign key", state.recordHeldForeignKey());
        sql.put("record pending foreign key", state.recordPendingForeignKey());
        sql.put("pending foreign keys referencing", state.pendingReferencing());
        sql.put("forget pending foreign key", state.forgetPending());
        sql.put("record unvalidated foreign key", state.recordUnvalidated());
        sql.put("record held trigger", state.recordHeldTrigger());
        sql.put("keep deferred index", state.keepDeferredIndex());
        sql.put("forget deferred indexes", state.forgetDeferredIndexes());
        sql.put("deferred indexes", state.deferredIndexes());
        return sql;
    }

    private static String render(Map<String, String> statements) {
        return statements.entrySet().stream()
                .map(e -> "-- " + e.getKey() + '\n' + e.getValue() + ";\n")
                .collect(Collectors.joining("\n"));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenSqlTest.class.getResourceAsStream(name)) {
            return in == null ? "(no golden file " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
