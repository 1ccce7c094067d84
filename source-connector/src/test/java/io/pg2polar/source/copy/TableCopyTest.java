package io.pg2polar.source.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.pg2polar.common.sql.TableId;
import io.pg2polar.source.filter.RowCondition;

class TableCopyTest {

    private static final TableId USERS = new TableId("public", "users");

    @Test
    void theCopyQueryEmbedsTheCheckedConditionInParentheses() {
        String query = TableCopy.select(USERS, false, List.of("id", "na\"me"), new RowCondition("\"na\"\"me\" <> 'x); --'"));
        assertEquals("SELECT \"id\", \"na\"\"me\" FROM ONLY \"public\".\"users\" WHERE (\"na\"\"me\" <> 'x); --')", query);
        assertEquals("COPY (" + query + ") TO STDOUT", new TableCopy(USERS, List.of("id"), query, 0).copyOut());
        assertEquals("SELECT \"id\" FROM \"public\".\"users\"", TableCopy.select(USERS, true, List.of("id"), null));
    }
}
