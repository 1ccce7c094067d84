package io.pg2polar.common.convert;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Kafka's {@link JsonConverter} with schemas, byte for byte, in a fraction of the time. Writing, the {@code "schema"}
 * half of each {@code {"schema":...,"payload":...}} envelope is serialised once per schema and copied afterwards, so
 * only the row is serialised per record; reading, a schema already met is recognised by its bytes and only the
 * payload is parsed ({@link KnownSchemaReader}). A CDC profile of the worker had 52 % of the source task and 72 % of
 * the sink task in JsonConverter, nearly all of it writing and parsing the same envelope schema, several times the
 * row's size, again and again. Other consumers read the topics with the plain JsonConverter. One difference when
 * reading: bytes that are no such JSON become an {@link Undecodable} value instead of an exception, so that the sink task
 * can name the record's topic, partition and offset, or set it aside.
 */
public final class CachedSchemaJsonConverter implements Converter {

    private static final byte[] HEAD = KnownSchemaReader.HEAD;
    private static final byte[] MIDDLE = KnownSchemaReader.MIDDLE;
    private static final byte[] NOT_CACHEABLE = new byte[0];
    private static final WrittenSchema NOT_WRITTEN_HERE = new WrittenSchema(NOT_CACHEABLE, false);
    /** Debezium keeps one schema object per table version; more than this many means schemas are not reused. */
    private static final int MAX_CACHED = 10_000;

    private final JsonConverter envelopes = new JsonConverter();
    private final JsonConverter payloads = new JsonConverter();
    private final Map<Schema, WrittenSchema> written = new IdentityHashMap<>();
    private boolean schemasEnabled;
    private StreamingPayloadWriter writer;
    private KnownSchemaReader reader;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        envelopes.configure(configs, isKey);
        Map<String, Object> payloadOnly = new HashMap<>(configs);
        payloadOnly.put("schemas.enable", "false");
        payloads.configure(payloadOnly, isKey);
        Map<String, Object> typed = new HashMap<>(configs);
        typed.put(ConverterConfig.TYPE_CONFIG, isKey ? ConverterType.KEY.getName() : ConverterType.VALUE.getName());
        JsonConverterConfig config = new JsonConverterConfig(typed);
        schemasEnabled = config.schemasEnabled();
        writer = new StreamingPayloadWriter(config.replaceNullWithDefault());
        reader = schemasEnabled && config.schemaContent() == null
                ? new KnownSchemaReader(configs, isKey, envelopes, config.replaceNullWithDefault())
                : null;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (!schemasEnabled || schema == null) {
            return envelopes.fromConnectData(topic, schema, value);
        }
        WrittenSchema cached = written.get(schema);
        if (cached == null) {
            byte[] envelope = envelopes.fromConnectData(topic, schema, value);
            remember(schema, schemaPart(envelope, payloads.fromConnectData(topic, schema, value)));
            return envelope;
        }
        if (cached == NOT_WRITTEN_HERE) {
            return envelopes.fromConnectData(topic, schema, value);
        }
        if (cached.streamable()) {
            byte[] envelope = writer.write(cached.prefix(), schema, value, (byte) '}');
            if (envelope != null) {
                return envelope;
            }
        }
        byte[] payload = payloads.fromConnectData(topic, schema, value);
        if (payload == null) {
            return envelopes.fromConnectData(topic, schema, value);
        }
        // one exact-size array per record, no intermediate buffer: this runs for every record the source sends
        byte[] out = new byte[cached.prefix().length + payload.length + 1];
        int at = append(out, 0, cached.prefix());
        at = append(out, at, payload);
        out[at] = '}';
        return out;
    }

    /** Bytes it cannot read become an {@link Undecodable} value without a schema, for the sink task to name. */
    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        try {
            return reader == null ? envelopes.toConnectData(topic, value) : reader.read(topic, value);
        } catch (DataException e) {
            return new SchemaAndValue(null, new Undecodable(e.getMessage()));
        }
    }

    @Override
    public void close() {
        envelopes.close();
        payloads.close();
        if (reader != null) {
            reader.close();
        }
    }

    private static int append(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private void remember(Schema schema, byte[] json) {
        if (written.size() >= MAX_CACHED) {
            written.clear();
        }
        if (json == NOT_CACHEABLE) {
            written.put(schema, NOT_WRITTEN_HERE);
            return;
        }
        byte[] prefix = new byte[HEAD.length + json.length + MIDDLE.length];
        append(prefix, append(prefix, append(prefix, 0, HEAD), json), MIDDLE);
        written.put(schema, new WrittenSchema(prefix, StreamingPayloadReader.streams(schema)));
    }

    /**
     * A schema this converter has written: the envelope's start up to the payload, and whether
     * {@link StreamingPayloadWriter} writes its payloads.
     */
    private record WrittenSchema(byte[] prefix, boolean streamable) {}

    /**
     * The schema's JSON inside an envelope JsonConverter wrote, found as what lies between {@code {"schema":} and
     * {@code ,"payload":<payload>}}; {@link #NOT_CACHEABLE} when the envelope is laid out otherwise.
     */
    static byte[] schemaPart(byte[] envelope, byte[] payload) {
        if (envelope == null || payload == null) {
            return NOT_CACHEABLE;
        }
        int schemaEnd = envelope.length - 1 - payload.length - MIDDLE.length;
        if (schemaEnd <= HEAD.length
                || envelope[envelope.length - 1] != '}'
                || !Arrays.equals(envelope, 0, HEAD.length, HEAD, 0, HEAD.length)
                || !Arrays.equals(envelope, schemaEnd, schemaEnd + MIDDLE.length, MIDDLE, 0, MIDDLE.length)
                || !Arrays.equals(
                        envelope, schemaEnd + MIDDLE.length, envelope.length - 1, payload, 0, payload.length)) {
            return NOT_CACHEABLE;
        }
        return Arrays.copyOfRange(envelope, HEAD.length, schemaEnd);
    }
}
