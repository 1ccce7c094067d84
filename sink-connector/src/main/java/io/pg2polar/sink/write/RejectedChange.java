package io.pg2polar.sink.write;

import java.sql.SQLException;

import io.pg2polar.sink.catalog.TargetTable;
import io.pg2polar.sink.event.ChangeEvent;
import io.pg2polar.sink.event.RowImage;

/**
 * A change the target refused, with what a user needs to find it: table, key, record position and cause.
 *
 * @param table the target table, or null for a schema change
 */
public record RejectedChange(ChangeEvent event, TargetTable table, SQLException cause) {

    /** E.g. {@code update of "public"."orders" key {id=42} at p.public.orders[0]@1234: new row violates check ...}. */
    public String describe() {
        return event.operation().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " of "
                + event.table().quoted() + " "
                + identity()
                + " at " + event.position() + ": "
                + TableChangesWriter.serverError(cause).getMessage();
    }

    private String identity() {
        RowImage image = event.after() != null ? event.after() : event.before();
        if (event.schemaChange() != null) {
            return "(" + event.schemaChange().command() + ")";
        }
        if (event.chunk() != null) {
            return "(snapshot chunk " + event.chunk().sequence() + " of "
                    + event.chunk().rows() + " rows)";
        }
        if (image == null || table == null) {
            return "(whole table)";
        }
        if (table.primaryKey().isEmpty()) {
            String row = image.toString();
            return "row " + (row.length() > 300 ? row.substring(0, 300) + "...}" : row);
        }
        StringBuilder key = new StringBuilder("key {");
        for (String column : table.primaryKey()) {
            key.append(key.length() > 5 ? ", " : "").append(column).append('=').append(image.get(column));
        }
        return key.append('}').toString();
    }
}
