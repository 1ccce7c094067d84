package io.pg2polar.sink.value;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recognises every shape Debezium gives its placeholder for an unchanged TOASTed value, which depends on the
 * column type (Debezium's {@code UnchangedToastedPlaceholder}): the string, its bytes, a one-element list of
 * either, the bytes as a list of int or bigint values for integer arrays, a one-element list with a name-based
 * UUID of the bytes for uuid arrays, and a one-entry map for hstore.
 */
final class UnavailablePlaceholder {

    private final String text;
    private final byte[] bytes;
    private final String uuid;

    UnavailablePlaceholder(String placeholder) {
        this.text = placeholder;
        this.bytes = placeholder.getBytes(StandardCharsets.UTF_8);
        this.uuid = UUID.nameUUIDFromBytes(bytes).toString();
    }

    boolean matches(Object value) {
        if (value instanceof String s) {
            return s.equals(text);
        }
        if (value instanceof byte[] array) {
            return Arrays.equals(array, bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.equals(ByteBuffer.wrap(bytes));
        }
        if (value instanceof List<?> list) {
            return list.size() == 1 && (matches(list.get(0)) || uuid.equals(list.get(0))) || isBytesAsNumbers(list);
        }
        if (value instanceof Map<?, ?> map) {
            return map.size() == 1 && text.equals(map.get(text));
        }
        return false;
    }

    private boolean isBytesAsNumbers(List<?> list) {
        if (list.size() != bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
