package io.pg2polar.controlplane;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicAuthChallengeTest {

    @Test
    void neededWhenTheWorkerNamesKafkasBasicAuthenticationAmongItsExtensions() {
        assertTrue(BasicAuthChallenge.needed(BasicAuthChallenge.KAFKA_BASIC_AUTH));
        assertTrue(BasicAuthChallenge.needed(
                "io.pg2polar.controlplane.Pg2PolarRestExtension, " + BasicAuthChallenge.KAFKA_BASIC_AUTH));
        assertTrue(BasicAuthChallenge.needed(
                List.of("io.pg2polar.controlplane.Pg2PolarRestExtension", BasicAuthChallenge.KAFKA_BASIC_AUTH)));
        assertFalse(BasicAuthChallenge.needed("io.pg2polar.controlplane.Pg2PolarRestExtension"));
        assertFalse(BasicAuthChallenge.needed(null));
    }
}
