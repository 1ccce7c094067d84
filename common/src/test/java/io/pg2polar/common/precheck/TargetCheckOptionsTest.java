package io.pg2polar.common.precheck;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetCheckOptionsTest {

    @Test
    void missingSinkKeysTakeTheSinksDefaults() {
        assertEquals(
                new TargetCheckOptions("m-sink", "auto", "precheck"),
                TargetCheckOptions.fromSinkConfig(Map.of("name", "m-sink")));
    }

    @Test
    void setKeysAreRead() {
        TargetCheckOptions options = TargetCheckOptions.fromSinkConfig(Map.of(
                "name",
                "m-sink",
                "apply.foreign.keys",
                " replica-role ",
                "conflict.mode",
                "ignore",
                "target.dialect",
                "polardb-o"));
        assertEquals(new TargetCheckOptions("m-sink", "replica-role", "ignore", "polardb-o"), options);
        assertEquals(false, options.conflictsRefused());
    }
}
