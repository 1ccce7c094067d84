package io.pg2polar.common.extension;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.extension.ExtensionOutcome.State;
import io.pg2polar.common.schema.ExtensionDefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExtensionOutcomesTest {

    private static final ExtensionDefinition CUBE = new ExtensionDefinition("cube", "public", "1.5", List.of());
    private static final ExtensionDefinition EARTHDISTANCE =
            new ExtensionDefinition("earthdistance", "public", "1.2", List.of("cube"));
    private static final ExtensionDefinition UUID =
            new ExtensionDefinition("uuid-ossp", "my \"ext\"", "1.1", List.of());
    private static final ExtensionDefinition LTREE = new ExtensionDefinition("ltree", "ext", "1.3", List.of());

    @Test
    void theFixCreatesWhatABlockedExtensionRequiresFirstEvenWhatTheSinkCreatedInTheFailedBatch() {
        ExtensionOutcomes outcomes = new ExtensionOutcomes(
                List.of(
                        new ExtensionOutcome(CUBE, State.CREATED, "1.5", ""),
                        new ExtensionOutcome(EARTHDISTANCE, State.NOT_ALLOWED, null, "not trusted")),
                PostgresExtensionOffer.INSTANCE);
        assertTrue(outcomes.anyBlocked());
        assertEquals(
                "Run on the target as a superuser: CREATE EXTENSION IF NOT EXISTS \"cube\" SCHEMA \"public\"; CREATE EXTENSION IF NOT"
                        + " EXISTS \"earthdistance\" SCHEMA \"public\"",
                outcomes.fix());
        assertEquals(
                "earthdistance 1.2 (schema \"public\"), needed by t: not trusted",
                outcomes.describeBlocked(e -> ", needed by t"));
    }

    @Test
    void anInstalledRequirementIsNotCreatedAgainAndEveryIdentifierIsQuoted() {
        ExtensionOutcomes outcomes = new ExtensionOutcomes(
                List.of(
                        new ExtensionOutcome(CUBE, State.INSTALLED, "1.5", ""),
                        new ExtensionOutcome(EARTHDISTANCE, State.FAILED, null, "the target refused"),
                        new ExtensionOutcome(UUID, State.UNAVAILABLE, null, "no files")),
                PostgresExtensionOffer.INSTANCE);
        String fix = outcomes.fix();
        assertTrue(
                fix.endsWith(
                        "Then run on the target: CREATE EXTENSION IF NOT EXISTS \"earthdistance\" SCHEMA \"public\"; CREATE EXTENSION"
                                + " IF NOT EXISTS \"uuid-ossp\" SCHEMA \"my \"\"ext\"\"\""),
                fix);
        assertTrue(fix.startsWith("Install the package that provides uuid-ossp"), fix);
        assertFalse(fix.contains("\"cube\""), fix);
    }

    @Test
    void anExtensionInAnotherSchemaIsMovedWhereTheDefinitionsNameIt() {
        ExtensionOutcomes outcomes = new ExtensionOutcomes(
                List.of(new ExtensionOutcome(LTREE, State.ELSEWHERE, "1.2", "installed in schema public")),
                PostgresExtensionOffer.INSTANCE);
        assertTrue(
                outcomes.fix().endsWith("Then run on the target: ALTER EXTENSION \"ltree\" SET SCHEMA \"ext\""),
                outcomes.fix());
    }

    @Test
    void nothingIsBlockedWhenEverythingIsThereOrCreated() {
        ExtensionOutcomes outcomes = new ExtensionOutcomes(
                List.of(
                        new ExtensionOutcome(CUBE, State.INSTALLED, "1.5", ""),
                        new ExtensionOutcome(LTREE, State.CREATED, "1.2", "")),
                PostgresExtensionOffer.INSTANCE);
        assertFalse(outcomes.anyBlocked());
        assertEquals(List.of(), outcomes.blocked());
    }

    @Test
    void polarDbAdviceSaysWhetherItsDocumentationNamesTheExtension() {
        ExtensionOffer polarDb = ExtensionOffer.forDialect("polardb-o");
        assertEquals(java.util.Optional.of(true), polarDb.documents("hstore"));
        assertEquals(java.util.Optional.of(false), polarDb.documents("seg"));
        assertTrue(polarDb.whenUnavailable("hstore").startsWith("PolarDB-O documents hstore"));
        assertTrue(polarDb.whenUnavailable("seg").contains("does not name seg"));
        assertEquals(
                java.util.Optional.empty(),
                ExtensionOffer.forDialect("postgresql").documents("seg"));
    }
}
