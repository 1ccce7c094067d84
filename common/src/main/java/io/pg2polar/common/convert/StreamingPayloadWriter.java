package io.pg2polar.common.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a Connect value of a {@link StreamingPayloadReader#supports supported} schema as the JSON JsonConverter
 * writes for it, straight from the value: no tree of JSON nodes in between. A CDC profile had two thirds of the
 * source task in JsonConverter building and then serialising that tree for every record.
 *
 * <p>Anything it does not vouch for (a null where the schema wants a value, a struct of another schema, a buffer
 * instead of a byte array) makes {@link #write} answer false, and the caller has JsonConverter write the record, so
 * its output and errors stay JsonConverter's. Not thread-safe: one per converter.
 */
final class StreamingPayloadWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final boolean replaceNullWithDefault;
    private final Buffer buffer = new Buffer();

    StreamingPayloadWriter(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * The bytes {@code prefix + payload + suffix}, the payload being the value as JSON; null when the value is one
     * JsonConverter should write.
     */
    byte[] write(byte[] prefix, Schema schema, Object value, byte suffix) {
        buffer.reset();
        buffer.write(prefix, 0, prefix.length);
        try (JsonGenerator generator = JSON.createGenerator(buffer)) {
            if (!value(generator, schema, value)) {
                return null;
            }
        } catch (IOException | RuntimeException unusual) {
            return null;
        }
        buffer.write(suffix);
        return buffer.toByteArray();
    }

    private boolean value(JsonGenerator generator, Schema schema, Object value) throws IOException {
        if (value == null) {
            if (schema.defaultValue() != null && replaceNullWithDefault) {
                return value(generator, schema, schema.defaultValue());
            }
            if (!schema.isOptional()) {
                return false;
            }
            generator.writeNull();
            return true;
        }
        switch (schema.type()) {
            case INT8 -> generator.writeNumber((Byte) value);
            case INT16 -> generator.writeNumber((Short) value);
            case INT32 -> generator.writeNumber((Integer) value);
            case INT64 -> generator.writeNumber((Long) value);
            case FLOAT64 -> generator.writeNumber((Double) value);
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case STRING -> generator.writeString(((CharSequence) value).toString());
            case BYTES -> {
                if (!(value instanceof byte[] bytes)) {
                    return false;
                }
                // the JDK's encoder, several times faster than Jackson's for a snapshot chunk; the same text
                byte[] base64 = BASE64.encode(bytes);
                generator.writeRawUTF8String(base64, 0, base64.length);
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (Object element : (Collection<?>) value) {
                    if (!value(generator, schema.valueSchema(), element)) {
                        return false;
                    }
                }
                generator.writeEndArray();
            }
            case STRUCT -> {
                Struct struct = (Struct) value;
                if (struct.schema() != schema && !struct.schema().equals(schema)) {
                    return false;
                }
                generator.writeStartObject();
                for (Field field : schema.fields()) {
                    generator.writeFieldName(field.name());
                    Object fieldValue =
                            replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name());
                    if (!value(generator, field.schema(), fieldValue)) {
                        return false;
                    }
                }
                generator.writeEndObject();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A growable byte buffer kept between records, copied out once per record. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[8192];
        private int size;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            byte[] copy = Arrays.copyOf(bytes, size);
            if (bytes.length > 4 << 20) {
                bytes = new byte[8192]; // a huge record once does not pin its buffer
            }
            return copy;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
