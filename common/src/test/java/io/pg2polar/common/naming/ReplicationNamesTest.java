package io.pg2polar.common.naming;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicationNamesTest {

    @Test
    void derivesALegalSlotNameFromTheConnectorName() {
        assertEquals("pg2polar_orders_migration", ReplicationNames.forConnector("Orders-Migration"));
        assertEquals("pg2polar_a_b_c", ReplicationNames.forConnector("a.b c"));
    }

    @Test
    void cutsLongNamesButKeepsThemDistinct() {
        String base = "x".repeat(80);
        String first = ReplicationNames.forConnector(base + "1");
        String second = ReplicationNames.forConnector(base + "2");
        assertEquals(63, first.length());
        assertTrue(first.matches("[a-z0-9_]+"));
        assertNotEquals(first, second);
    }

    @Test
    void aPublicationNameMustBeOneLowercaseWord() {
        assertTrue(ReplicationNames.publicationNameProblem("pg2polar_orders").isEmpty());
        assertTrue(ReplicationNames.publicationNameProblem(ReplicationNames.forConnector("Orders-Migration"))
                .isEmpty());
        for (String bad : new String[] {
            "x FOR ALL TABLES; drop table canary; --", "Orders", "1pub", "a-b", "\"quoted\"", "", "x".repeat(64)
        }) {
            assertTrue(
                    ReplicationNames.publicationNameProblem(bad).orElseThrow().contains("publication.name"), bad);
        }
    }
}
