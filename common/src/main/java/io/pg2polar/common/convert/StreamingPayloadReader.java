package io.pg2polar.common.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a JsonConverter payload straight from its bytes into Connect values, for schemas made of structs, arrays and
 * plain primitives: no tree of JSON nodes in between, and bytes decoded from base64 where they lie. JsonConverter
 * builds the whole tree first (for a snapshot chunk: a string of most of a megabyte, then its decoded copy); on the
 * sink this was most of the remaining conversion cost.
 *
 * <p>It yields JsonConverter's values for the JSON JsonConverter writes. Whatever else it meets (a token of
 * another type than the schema's, a number too large for a long, a required value missing, bytes after the payload)
 * makes it answer {@link #UNREAD}, and the caller has JsonConverter read the record, so unusual input keeps
 * JsonConverter's lenient readings and its errors.
 */
final class StreamingPayloadReader {

    /** Returned when the payload is not one this reader vouches for. */
    static final Object UNREAD = new Object();

    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private final boolean replaceNullWithDefault;
    /** The record being read and where its payload starts: base64 strings are decoded from it directly. */
    private byte[] json;

    private int from;

    StreamingPayloadReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /** Whether payloads of this record schema (a struct) are read here and written by {@link StreamingPayloadWriter}. */
    static boolean streams(Schema schema) {
        return schema.type() == Schema.Type.STRUCT && supports(schema);
    }

    /**
     * Whether every part of the schema is a struct, array or primitive this reader converts as JsonConverter does:
     * no maps, no Connect logical types (decimals, dates), no float32 (whose rounding depends on the decimal format).
     */
    static boolean supports(Schema schema) {
        if (schema.name() != null && schema.name().startsWith("org.apache.kafka.connect.data.")) {
            return false;
        }
        return switch (schema.type()) {
            case STRUCT -> schema.fields().stream().allMatch(f -> supports(f.schema()));
            case ARRAY -> supports(schema.valueSchema());
            case MAP, FLOAT32 -> false;
            default -> true;
        };
    }

    /** The payload in {@code json[from, from + length)}, which must hold exactly one object of the schema. */
    Object read(Schema schema, byte[] json, int from, int length) {
        this.json = json;
        this.from = from;
        try (JsonParser parser = JSON.createParser(json, from, length)) {
            Object value = value(schema, parser, parser.nextToken());
            return value != UNREAD && parser.nextToken() == null ? value : UNREAD;
        } catch (IOException | RuntimeException unusual) {
            return UNREAD;
        }
    }

    private Object value(Schema schema, JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return absent(schema);
        }
        switch (schema.type()) {
            case STRUCT:
                return token == JsonToken.START_OBJECT ? struct(schema, parser) : UNREAD;
            case ARRAY:
                return token == JsonToken.START_ARRAY ? array(schema, parser) : UNREAD;
            case STRING:
                return token == JsonToken.VALUE_STRING ? parser.getText() : UNREAD;
            case BYTES:
                return token == JsonToken.VALUE_STRING ? bytes(parser) : UNREAD;
            case BOOLEAN:
                return token == JsonToken.VALUE_TRUE
                        ? Boolean.TRUE
                        : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : UNREAD;
            case FLOAT64:
                return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                        ? float64(parser.getDoubleValue())
                        : UNREAD;
            case INT8:
            case INT16:
            case INT32:
            case INT64:
                return integer(schema.type(), parser, token);
            default:
                return UNREAD;
        }
    }

    /**
     * A base64 string decoded by the JDK's decoder straight from the record's bytes (Jackson's own decoding took a
     * fifth of the sink task during a full load, a snapshot chunk being most of a megabyte of base64); the parser
     * then skips the string unread. A string with escapes or anything else unusual is left to Jackson.
     */
    private Object bytes(JsonParser parser) throws IOException {
        long quote = from + parser.currentTokenLocation().getByteOffset();
        if (quote < from || quote >= json.length || json[(int) quote] != '"') {
            return parser.getBinaryValue();
        }
        int start = (int) quote + 1;
        int end = start;
        while (end < json.length && json[end] != '"' && json[end] != '\\') {
            end++;
        }
        if (end >= json.length || json[end] != '"' || (end - start) % 4 != 0) {
            return parser.getBinaryValue(); // escapes, or no padding: Jackson's reading, as JsonConverter's
        }
        try {
            ByteBuffer decoded = BASE64.decode(ByteBuffer.wrap(json, start, end - start));
            return decoded.remaining() == decoded.array().length
                    ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        } catch (IllegalArgumentException notPlainBase64) {
            return parser.getBinaryValue();
        }
    }

    /**
     * JsonConverter's double: it reads numbers through BigDecimal, which has no negative zero, so -0.0 arrives as 0.0
     * (pg2polar's own records carry floats as text and keep it).
     */
    private static double float64(double value) {
        return value == 0.0 ? 0.0 : value;
    }

    /** A whole number as JsonConverter narrows it (its tree holds an int or a long; larger ones go back to it). */
    private static Object integer(Schema.Type type, JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return UNREAD;
        }
        long value = parser.getLongValue();
        return switch (type) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            case INT32 -> (int) value;
            default -> value;
        };
    }

    /** A missing or null value: the default where JsonConverter is told to use it, else null where allowed. */
    private Object absent(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        return schema.isOptional() ? null : UNREAD;
    }

    private Object struct(Schema schema, JsonParser parser) throws IOException {
        List<Field> fields = schema.fields();
        Object[] values = new Object[fields.size()];
        boolean[] seen = new boolean[fields.size()];
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            Field field = schema.field(name);
            if (field == null) {
                parser.skipChildren();
                continue;
            }
            Object value = value(field.schema(), parser, token);
            if (value == UNREAD) {
                return UNREAD;
            }
            values[field.index()] = value;
            seen[field.index()] = true;
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            return UNREAD;
        }
        Struct struct = new Struct(schema);
        for (Field field : fields) {
            Object value = seen[field.index()] ? values[field.index()] : absent(field.schema());
            if (value == UNREAD) {
                return UNREAD;
            }
            struct.put(field, value);
        }
        return struct;
    }

    private Object array(Schema schema, JsonParser parser) throws IOException {
        List<Object> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return UNREAD;
            }
            Object element = value(schema.valueSchema(), parser, token);
            if (element == UNREAD) {
                return UNREAD;
            }
            elements.add(element);
        }
        return elements;
    }
}
