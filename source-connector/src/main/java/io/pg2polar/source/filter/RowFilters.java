package io.pg2polar.source.filter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigException;

import io.pg2polar.common.sql.TableId;

/**
 * Row filters, one WHERE condition per table, declared as {@code row.filter.<schema>.<table> = <condition>}. The
 * same condition restricts the full load (Debezium's snapshot SELECT) and the change stream (a PostgreSQL 15+
 * publication row filter), so a row that stops matching after an UPDATE is deleted on the target and one that
 * starts matching is inserted: the publication row-filter semantics of PostgreSQL 15.
 */
public final class RowFilters {

    public static final String PREFIX = "row.filter.";

    private final Map<TableId, String> conditions;

    private RowFilters(Map<TableId, String> conditions) {
        this.conditions = Collections.unmodifiableMap(conditions);
    }

    /** The filters among the connector's settings; keys naming no schema and table are left to {@link #badKeys}. */
    public static RowFilters from(Map<String, String> props) {
        Map<TableId, String> conditions = new TreeMap<>(java.util.Comparator.comparing(TableId::toString));
        props.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && badKey(key) == null) {
                conditions.put(tableOf(key), value == null ? "" : value.trim());
            }
        });
        return new RowFilters(conditions);
    }

    /** Each {@code row.filter.} key that names no table, with what is wrong. */
    public static Map<String, String> badKeys(Map<String, String> props) {
        Map<String, String> bad = new TreeMap<>();
        props.keySet().stream().filter(k -> k.startsWith(PREFIX)).forEach(key -> {
            String problem = badKey(key);
            if (problem != null) {
                bad.put(key, problem);
            }
        });
        return bad;
    }

    private static String badKey(String key) {
        try {
            tableOf(key);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The table a {@code row.filter.<schema>.<table>} key names. */
    public static TableId tableOf(String key) {
        String name = key.substring(PREFIX.length());
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("Row filter key '" + key
                    + "' must name a table as row.filter.<schema>.<table>," + " e.g. row.filter.public.orders");
        }
        return new TableId(name.substring(0, dot), name.substring(dot + 1));
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** The conditions as configured, checked or not: for messages and for {@link RowFilterCheck}. */
    public Map<TableId, String> conditions() {
        return conditions;
    }

    /** Why a table's condition is not one boolean expression, with the fix; empty when it is. */
    public static java.util.Optional<String> problemOf(TableId table, String condition) {
        return RowFilterSyntax.problem(condition)
                .map(problem -> "The row filter " + keyOf(table) + " is not one boolean expression: "
                        + problem
                        + ". Write a single condition over the table's columns, such as region = 'EU' AND amount >= 100;"
                        + " ';', '--' and '/*' may appear only inside quoted strings.");
    }

    /**
     * The conditions as they may be put into SQL.
     *
     * @throws ConfigException naming the first filter that is not one boolean expression, with the reason
     */
    public Map<TableId, RowCondition> checked() {
        Map<TableId, RowCondition> checked = new TreeMap<>(java.util.Comparator.comparing(TableId::toString));
        conditions.forEach((table, condition) -> {
            problemOf(table, condition).ifPresent(problem -> {
                throw new ConfigException(keyOf(table), condition, problem);
            });
            checked.put(table, new RowCondition(condition));
        });
        return checked;
    }

    /** The config key of a table's filter. */
    public static String keyOf(TableId table) {
        return PREFIX + table.schema() + '.' + table.table();
    }

    /** The snapshot SELECT Debezium runs for a filtered table. */
    public static String snapshotSelect(TableId table, RowCondition condition) {
        return "SELECT * FROM " + table.quoted() + condition.whereClause();
    }
}
