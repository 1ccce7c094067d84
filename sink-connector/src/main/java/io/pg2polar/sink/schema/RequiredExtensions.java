package io.pg2polar.sink.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pg2polar.common.extension.ExtensionInstaller;
import io.pg2polar.common.extension.ExtensionNeed;
import io.pg2polar.common.extension.ExtensionOutcome;
import io.pg2polar.common.extension.ExtensionOutcomes;
import io.pg2polar.common.schema.ExtensionDefinition;
import io.pg2polar.common.schema.TableDefinition;
import io.pg2polar.sink.dialect.TargetDialect;

/** Creates the extensions a table's definition needs before the table or its new columns and indexes, or stops the task naming them. */
final class RequiredExtensions {

    private static final Logger LOG = LoggerFactory.getLogger(RequiredExtensions.class);

    private final ExtensionInstaller installer;

    RequiredExtensions(TargetDialect dialect) {
        this.installer = new ExtensionInstaller(dialect.extensionOffer());
    }

    /**
     * @throws MissingExtensionException when one cannot be had; the caller's transaction then holds nothing of it
     */
    void ensure(Connection connection, TableDefinition definition) throws SQLException {
        List<ExtensionDefinition> needed = new ArrayList<>();
        for (TableDefinition d = definition; d != null; d = d.parent()) {
            needed.addAll(d.extensions());
        }
        if (needed.isEmpty()) {
            return;
        }
        List<ExtensionDefinition> ordered = ExtensionNeed.of(Map.of(definition.id(), needed)).stream()
                .map(ExtensionNeed::extension)
                .toList();
        ExtensionOutcomes outcomes = installer.install(connection, ordered);
        if (outcomes.anyBlocked()) {
            throw new MissingExtensionException(definition.id(), outcomes);
        }
        for (ExtensionOutcome outcome : outcomes.all()) {
            if (outcome.state() == ExtensionOutcome.State.CREATED) {
                LOG.info(
                        "Created extension {} {} in schema {} on the target for {} (the source has {})",
                        outcome.extension().name(),
                        outcome.installedVersion(),
                        outcome.extension().schema(),
                        definition.id(),
                        outcome.extension().version());
            }
        }
    }
}
