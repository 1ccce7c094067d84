package io.pg2polar.source.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import io.pg2polar.common.Pg2PolarVersion;
import io.pg2polar.common.control.ChunkText;
import io.pg2polar.common.control.ControlEvents;
import io.pg2polar.common.control.CopyChunk;
import io.pg2polar.common.control.CopyText;

/**
 * An SMT that masks columns inside Debezium change events: the named columns of the {@code before} and
 * {@code after} rows get a fixed replacement, so personal data never reaches Kafka (in the source chain) or the
 * target (in the sink chain). Kafka's own {@code MaskField} cannot reach into the envelope's nested rows.
 * The full load's copy-chunk events get the same masking in every line; other pg2polar control events pass
 * unchanged; NULLs stay NULL.
 *
 * <pre>
 * "transforms": "mask",
 * "transforms.mask.type": "io.pg2polar.source.transforms.MaskColumns",
 * "transforms.mask.columns": "public.customer.email,public.customer.phone",
 * "transforms.mask.replacement": "***"
 * </pre>
 */
public class MaskColumns<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String COLUMNS = "columns";
    public static final String REPLACEMENT = "replacement";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    COLUMNS,
                    ConfigDef.Type.LIST,
                    ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH,
                    "Columns to mask, each as schema.table.column (the source's names).")
            .define(
                    REPLACEMENT,
                    ConfigDef.Type.STRING,
                    "****",
                    ConfigDef.Importance.MEDIUM,
                    "What every non-NULL value of a masked column becomes. Masked columns must be carried as text (character types,"
                            + " or any type pg2polar's pgtext converter carries as text); the replacement must be a valid value of the"
                            + " column's type on the target.");

    /** Masked column names per "schema.table". */
    private Map<String, Set<String>> columnsByTable;

    private String replacement;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        List<String> columns = config.getList(COLUMNS);
        for (String column : columns) {
            if (column.split("\\.").length != 3) {
                throw new ConfigException(
                        COLUMNS, column, "name each column as schema.table.column, e.g. public.customer.email");
            }
        }
        columnsByTable = columns.stream()
                .collect(Collectors.groupingBy(
                        c -> c.substring(0, c.lastIndexOf('.')),
                        Collectors.mapping(c -> c.substring(c.lastIndexOf('.') + 1), Collectors.toSet())));
        replacement = config.getString(REPLACEMENT);
    }

    @Override
    public R apply(R record) {
        if (record.value() instanceof Struct chunk
                && record.valueSchema() != null
                && CopyChunk.SCHEMA_NAME.equals(record.valueSchema().name())) {
            return maskChunk(record, CopyChunk.fromStruct(chunk));
        }
        if (!(record.value() instanceof Struct envelope)
                || ControlEvents.isControl(record.valueSchema())
                || envelope.schema().field("source") == null
                || envelope.getStruct("source") == null) {
            return record;
        }
        Struct source = envelope.getStruct("source");
        if (source.schema().field("schema") == null || source.schema().field("table") == null) {
            return record;
        }
        Set<String> masked = columnsByTable.get(source.getString("schema") + '.' + source.getString("table"));
        if (masked == null) {
            return record;
        }
        Struct copy = new Struct(envelope.schema());
        for (Field field : envelope.schema().fields()) {
            Object value = envelope.getWithoutDefault(field.name());
            boolean row = field.name().equals("before") || field.name().equals("after");
            copy.put(field, row && value instanceof Struct image ? mask(image, masked) : value);
        }
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                copy,
                record.timestamp(),
                record.headers());
    }

    /** Snapshot rows of the COPY full load: the masked columns' values in every line. */
    private R maskChunk(R record, CopyChunk chunk) {
        Set<String> masked =
                columnsByTable.get(chunk.table().schema() + '.' + chunk.table().table());
        if (masked == null || chunk.rows() == 0) {
            return record;
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < chunk.columns().size(); i++) {
            if (masked.contains(chunk.columns().get(i))) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return record;
        }
        List<List<String>> rows = CopyText.parse(chunk.data().text());
        for (List<String> row : rows) {
            for (int position : positions) {
                if (row.get(position) != null) {
                    row.set(position, replacement);
                }
            }
        }
        Struct value = chunk.with(chunk.table(), chunk.columns(), ChunkText.of(CopyText.format(rows)))
                .toStruct();
        return record.newRecord(
                record.topic(),
                record.kafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                value,
                record.timestamp(),
                record.headers());
    }

    private Struct mask(Struct image, Set<String> masked) {
        Struct copy = new Struct(image.schema());
        for (Field field : image.schema().fields()) {
            Object value = image.getWithoutDefault(field.name());
            if (masked.contains(field.name()) && value != null) {
                if (field.schema().type() != Schema.Type.STRING) {
                    throw new DataException("Cannot mask column " + field.name() + ": it is carried as "
                            + field.schema().type() + ", not as text; mask only text columns");
                }
                value = replacement;
            }
            copy.put(field, value);
        }
        return copy;
    }

    @Override
    public String version() {
        return Pg2PolarVersion.get();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {}
}
