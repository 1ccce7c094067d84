package io.pg2polar.common.convert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * Reads {@code {"schema":...,"payload":{...}}} envelopes whose schema bytes it has met before without parsing the
 * schema again: the schema is compared byte for byte with the known one (the topic's last first) and only the
 * payload is parsed, straight into Connect values ({@link StreamingPayloadReader}) where the schema allows, else by a
 * JsonConverter fixed to that schema ({@code schema.content}). A CDC profile of the sink task had 72 % of its time
 * in JsonConverter parsing and hashing the same embedded schema, several times the row's size, for every record.
 *
 * <p>The result equals JsonConverter's for the whole envelope. Anything else (a schema met for the first time, other
 * spacing, a payload that is not an object, bytes after the payload, values of unexpected types) goes to the plain
 * JsonConverter, so its errors and behaviour are unchanged. Not thread-safe: Connect gives each task its own
 * converter.
 */
final class KnownSchemaReader {

    static final byte[] HEAD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    static final byte[] MIDDLE = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    /** Schemas per table version; far more than any migration keeps alive at once. */
    private static final int MAX_KNOWN = 1_000;

    private final Map<String, ?> settings;
    private final boolean isKey;
    private final JsonConverter whole;
    private final Map<SchemaBytes, KnownSchema> known = new HashMap<>();
    private final StreamingPayloadReader streaming;
    private final Map<String, KnownSchema> lastByTopic = new HashMap<>();

    KnownSchemaReader(Map<String, ?> settings, boolean isKey, JsonConverter whole, boolean replaceNullWithDefault) {
        this.settings = settings;
        this.isKey = isKey;
        this.whole = whole;
        this.streaming = new StreamingPayloadReader(replaceNullWithDefault);
    }

    SchemaAndValue read(String topic, byte[] value) {
        if (value == null || !startsWith(value, 0, HEAD)) {
            return whole.toConnectData(topic, value);
        }
        KnownSchema last = lastByTopic.get(topic);
        boolean sameAsLast = last != null && last.matches(value);
        int schemaEnd = sameAsLast ? HEAD.length + last.schemaJson.length : endOfObject(value, HEAD.length);
        int payloadStart = schemaEnd + MIDDLE.length;
        if (schemaEnd < 0
                || !startsWith(value, schemaEnd, MIDDLE)
                || payloadStart >= value.length
                || value[payloadStart] != '{'
                || value[value.length - 1] != '}') {
            return whole.toConnectData(topic, value);
        }
        KnownSchema schema = sameAsLast ? last : known.get(new SchemaBytes(value, HEAD.length, schemaEnd));
        if (schema == null) {
            // met for the first time: JsonConverter reads it whole, and its schema is kept for the next records
            SchemaAndValue first = whole.toConnectData(topic, value);
            remember(topic, value, schemaEnd, first.schema());
            return first;
        }
        lastByTopic.put(topic, schema);
        int payloadLength = value.length - 1 - payloadStart;
        if (schema.streamable()) {
            Object payload = streaming.read(schema.schema(), value, payloadStart, payloadLength);
            return payload == StreamingPayloadReader.UNREAD
                    ? whole.toConnectData(topic, value)
                    : new SchemaAndValue(schema.schema(), payload);
        }
        if (schema.payloadReader() == null || endOfObject(value, payloadStart) != value.length - 1) {
            return whole.toConnectData(topic, value);
        }
        return schema.payloadReader().toConnectData(topic, Arrays.copyOfRange(value, payloadStart, value.length - 1));
    }

    void close() {
        known.values().stream()
                .map(KnownSchema::payloadReader)
                .filter(r -> r != null)
                .forEach(JsonConverter::close);
        known.clear();
        lastByTopic.clear();
    }

    private void remember(String topic, byte[] value, int schemaEnd, Schema schema) {
        if (schema == null) {
            return;
        }
        if (known.size() >= MAX_KNOWN) {
            close();
        }
        byte[] schemaJson = Arrays.copyOfRange(value, HEAD.length, schemaEnd);
        boolean streamable = StreamingPayloadReader.streams(schema);
        KnownSchema entry = new KnownSchema(schemaJson, schema, streamable, streamable ? null : fixedTo(schemaJson));
        known.put(new SchemaBytes(schemaJson, 0, schemaJson.length), entry);
        lastByTopic.put(topic, entry);
    }

    /** A JsonConverter reading bare payloads of this schema; null when the schema is not one it accepts. */
    private JsonConverter fixedTo(byte[] schemaJson) {
        Map<String, Object> fixed = new HashMap<>(settings);
        fixed.put(JsonConverterConfig.SCHEMA_CONTENT_CONFIG, new String(schemaJson, StandardCharsets.UTF_8));
        JsonConverter reader = new JsonConverter();
        try {
            reader.configure(fixed, isKey);
            return reader;
        } catch (DataException | org.apache.kafka.common.config.ConfigException invalid) {
            return null;
        }
    }

    private static boolean startsWith(byte[] value, int at, byte[] prefix) {
        return at >= 0
                && at + prefix.length <= value.length
                && Arrays.equals(value, at, at + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The index just past the JSON object starting at {@code start}, or -1 when none does: braces are counted outside
     * strings, and a string ends at a quote not escaped by a backslash.
     */
    static int endOfObject(byte[] json, int start) {
        if (start >= json.length || json[start] != '{') {
            return -1;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * A schema met before: its JSON (a record of the same table version starts with exactly these bytes), the
     * Connect schema JsonConverter made of it, and how its payloads are read.
     *
     * @param streamable    read by {@link StreamingPayloadReader}
     * @param payloadReader otherwise, a JsonConverter fixed to the schema; null when JsonConverter reads records whole
     */
    private record KnownSchema(byte[] schemaJson, Schema schema, boolean streamable, JsonConverter payloadReader) {
        boolean matches(byte[] value) {
            return startsWith(value, HEAD.length, schemaJson)
                    && startsWith(value, HEAD.length + schemaJson.length, MIDDLE);
        }
    }

    /** A range of bytes as a map key, compared by content. */
    private static final class SchemaBytes {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        SchemaBytes(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaBytes that && Arrays.equals(bytes, from, to, that.bytes, that.from, that.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
