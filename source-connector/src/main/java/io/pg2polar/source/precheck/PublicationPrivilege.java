package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.debezium.relational.TableId;

import io.pg2polar.common.jdbc.PgEndpoint;
import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.sql.Identifiers;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/**
 * Whether the source account may create (or re-target) the migration's publication. PostgreSQL's CREATE PUBLICATION
 * page: creating one needs CREATE on the database, adding a table needs its ownership, FOR ALL TABLES needs a
 * superuser. Debezium's {@code publication.autocreate.mode}: {@code all_tables} creates FOR ALL TABLES,
 * {@code filtered} creates (and on restart alters) one FOR TABLE the selected tables, {@code disabled} expects it to
 * exist - except with row filters, where pg2polar's task maintains it as {@code filtered} would.
 */
final class PublicationPrivilege {

    static final String ID = "source.publication_privilege";
    private static final String FIELD = "publication.autocreate.mode";
    private static final String TITLE = "Privilege to create the publication (incremental)";

    private final Connection connection;
    private final PgEndpoint endpoint;

    PublicationPrivilege(Connection connection, PgEndpoint endpoint) {
        this.connection = connection;
        this.endpoint = endpoint;
    }

    /**
     * @param mode        the effective {@code publication.autocreate.mode}
     * @param managedByUs true when pg2polar creates the publication itself (row filters)
     */
    PrecheckItem check(String publication, String mode, boolean managedByUs, List<TableId> tables, int listed)
            throws SQLException {
        boolean exists = !SourcePrecheck.queryList(
                        connection,
                        "SELECT 1 FROM pg_publication WHERE pubname = ?",
                        Map.of(1, publication),
                        rs -> rs.getInt(1))
                .isEmpty();
        if ("on".equals(SourcePrecheck.queryString(connection, "SHOW is_superuser"))) {
            return PrecheckItem.pass(
                    ID, SOURCE, FIELD, TITLE, "superuser" + (exists ? "; publication " + publication + " exists" : ""));
        }
        boolean perTable = "filtered".equals(mode) || managedByUs;
        if (!perTable) {
            return exists
                    ? PrecheckItem.pass(ID, SOURCE, FIELD, TITLE, "publication " + publication + " exists")
                    : missing(publication, mode);
        }
        List<String> problems = new ArrayList<>();
        if (!exists && !queryBoolean("SELECT has_database_privilege(current_database(), 'CREATE')")) {
            problems.add("no CREATE privilege on database " + Identifiers.quote(endpoint.database()));
        }
        List<String> notOwned = notOwned(tables);
        if (!notOwned.isEmpty()) {
            problems.add(
                    "does not own " + notOwned.size() + " selected tables: " + SourceChecks.list(notOwned, listed));
        }
        if (problems.isEmpty()) {
            return PrecheckItem.pass(
                    ID,
                    SOURCE,
                    FIELD,
                    TITLE,
                    (exists ? "publication " + publication + " exists; " : "") + "the account owns all " + tables.size()
                            + " selected tables");
        }
        return PrecheckItem.fail(
                ID,
                SOURCE,
                FIELD,
                TITLE,
                "Source user '" + endpoint.user() + "' may not " + (exists ? "alter" : "create") + " publication "
                        + publication + " for the selected tables: " + String.join("; ", problems) + ".",
                "Use a superuser (or the tables' owner, with GRANT CREATE ON DATABASE "
                        + Identifiers.quote(endpoint.database()) + " TO "
                        + endpoint.user() + "), or create the publication yourself as a superuser (CREATE PUBLICATION "
                        + Identifiers.quote(publication)
                        + " FOR TABLE ...) and set publication.autocreate.mode = disabled.");
    }

    private PrecheckItem missing(String publication, String mode) {
        if ("all_tables".equals(mode)) {
            return PrecheckItem.fail(
                    ID,
                    SOURCE,
                    FIELD,
                    TITLE,
                    "publication.autocreate.mode = all_tables creates publication " + publication
                            + " FOR ALL TABLES, which only a superuser may do, and source user '" + endpoint.user()
                            + "' is none.",
                    "Use a superuser, or set publication.autocreate.mode = filtered (the account must then own the selected tables).");
        }
        return PrecheckItem.fail(
                ID,
                SOURCE,
                FIELD,
                TITLE,
                "publication.autocreate.mode = " + mode + " expects publication " + publication
                        + " to exist, and it does not.",
                "Create it as a superuser (CREATE PUBLICATION " + Identifiers.quote(publication)
                        + " FOR TABLE ...), or set publication.autocreate.mode = filtered.");
    }

    /** Tables whose owner role the account is not a member of (ownership passes through role membership). */
    private List<String> notOwned(List<TableId> tables) throws SQLException {
        List<String> notOwned = new ArrayList<>();
        for (TableId table : tables) {
            String quoted = Identifiers.qualify(table.schema(), table.table());
            if (!SourcePrecheck.queryList(
                            connection,
                            "SELECT pg_has_role(relowner, 'USAGE') FROM pg_class WHERE oid = ?::regclass",
                            Map.of(1, quoted),
                            rs -> rs.getBoolean(1))
                    .get(0)) {
                notOwned.add(quoted);
            }
        }
        return notOwned;
    }

    private boolean queryBoolean(String sql) throws SQLException {
        return SourcePrecheck.queryList(connection, sql, Map.of(), rs -> rs.getBoolean(1))
                .get(0);
    }
}
