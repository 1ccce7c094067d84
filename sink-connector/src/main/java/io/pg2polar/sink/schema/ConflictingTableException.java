package io.pg2polar.sink.schema;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.connect.errors.ConnectException;

import io.pg2polar.common.sql.TableId;

/** A migrated table already exists on the target with rows or another definition, and conflict.mode is precheck. */
public class ConflictingTableException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public ConflictingTableException(TableId table, String problem, List<TableId> tablesWithRows) {
        super(
                "Target table " + table.quoted() + " " + problem + " (conflict.mode = precheck). "
                        + (tablesWithRows.isEmpty()
                                ? ""
                                : "Target tables that already hold rows: "
                                        + tablesWithRows.stream()
                                                .map(TableId::toString)
                                                .collect(Collectors.joining(", "))
                                        + ". ")
                        + "Empty or drop the conflicting tables (or migrate into another database), or set conflict.mode = ignore to"
                        + " keep target rows with the same key and leave differing definitions as they are; then restart the failed task.");
    }
}
