package io.pg2polar.source.precheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import io.pg2polar.common.extension.ExtensionNeed;
import io.pg2polar.common.extension.ExtensionOffer;
import io.pg2polar.common.precheck.PrecheckItem;
import io.pg2polar.common.sink.TargetDialectName;
import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.Pg2PolarSourceConfig;
import io.pg2polar.source.schema.TableExtensions;

import static io.pg2polar.common.precheck.PrecheckItem.Side.SOURCE;

/**
 * For a PolarDB-O target, the extensions the selected tables need that PolarDB-O's documentation does not name. A
 * warning, not a refusal: the list read from the documentation is partial, and the target's own precheck item
 * ({@code target.extensions}) tries each extension on the live cluster.
 */
final class PolarDbExtensionsCheck {

    private static final String ID = "source.polardb_extensions";
    private static final String TITLE = "Extensions PolarDB-O documents";
    private static final int LISTED = 5;

    private PolarDbExtensionsCheck() {}

    static PrecheckItem run(Connection connection, Collection<Long> tableOids) throws SQLException {
        ExtensionOffer polarDb = ExtensionOffer.forDialect(TargetDialectName.POLARDB_O.value());
        List<ExtensionNeed> needs = TableExtensions.read(connection, tableOids);
        List<ExtensionNeed> undocumented = needs.stream()
                .filter(n -> !polarDb.documents(n.extension().name()).orElse(true))
                .toList();
        if (undocumented.isEmpty()) {
            return PrecheckItem.pass(
                    ID,
                    SOURCE,
                    Pg2PolarSourceConfig.TARGET_DIALECT,
                    TITLE,
                    needs.isEmpty()
                            ? "The selected tables need no extension"
                            : "PolarDB-O documents every extension the selected tables need: "
                                    + needs.stream()
                                            .map(n -> n.extension().name())
                                            .collect(Collectors.joining(", ")));
        }
        return PrecheckItem.warn(
                ID,
                SOURCE,
                Pg2PolarSourceConfig.TARGET_DIALECT,
                TITLE,
                "PolarDB-O's documented extensions ("
                        + polarDb.documentation() + ") do not name "
                        + undocumented.stream()
                                .map(n -> n.extension().name() + " (needed by " + tables(n.tables()) + ')')
                                .collect(Collectors.joining(", "))
                        + ".",
                "Check SELECT name FROM pg_available_extensions on the PolarDB-O cluster (the target's precheck item target.extensions"
                        + " tries them there); if the cluster lacks one, leave the tables that need it out of the migration"
                        + " (table.exclude.list) or change them on the source.");
    }

    private static String tables(List<TableId> tables) {
        String listed = tables.stream().limit(LISTED).map(TableId::quoted).collect(Collectors.joining(", "));
        return tables.size() <= LISTED ? listed : listed + " and " + (tables.size() - LISTED) + " more";
    }
}
