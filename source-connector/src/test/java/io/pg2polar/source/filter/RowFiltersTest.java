package io.pg2polar.source.filter;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFiltersTest {

    private static final TableId USERS = new TableId("public", "users");

    @Test
    void onlyCheckedConditionsReachSql() {
        RowFilters filters = RowFilters.from(Map.of("row.filter.public.users", " name <> 'a; --' "));
        RowCondition condition = filters.checked().get(USERS);
        assertEquals(" WHERE (name <> 'a; --')", condition.whereClause());
        assertEquals(
                "SELECT * FROM \"public\".\"users\" WHERE (name <> 'a; --')",
                RowFilters.snapshotSelect(USERS, condition));
    }

    @Test
    void aFilterThatLeavesItsExpressionIsRefusedNamingItsKeyAndTheReason() {
        RowFilters filters = RowFilters.from(Map.of("row.filter.public.users", "id > 0); drop table canary; --"));
        ConfigException refused = assertThrows(ConfigException.class, filters::checked);
        assertTrue(
                refused.getMessage().contains("row.filter.public.users")
                        && refused.getMessage().contains("not one boolean expression")
                        && refused.getMessage().contains("closes a parenthesis"),
                refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RowCondition("id > 0; drop table canary"));
    }
}
