package io.pg2polar.source.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The key of a row from its line of {@code COPY ... TO STDOUT} text: the key columns' fields, unescaped, which are the
 * key values' text as PostgreSQL writes it (the same text {@code ::text} gives), so they bound a key range again.
 */
final class CopyLineKey {

    private final int[] positions;

    private CopyLineKey(int[] positions) {
        this.positions = positions;
    }

    /** @return null when a key column is not among the copied columns (the range is then read whole) */
    static CopyLineKey of(List<String> columns, List<String> keyColumns) {
        int[] positions = new int[keyColumns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = columns.indexOf(keyColumns.get(i));
            if (positions[i] < 0) {
                return null;
            }
        }
        return new CopyLineKey(positions);
    }

    /** The key of one line of COPY text (its fields separated by tabs, ended by a newline). */
    List<String> of(byte[] line) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length; i++) {
            if (i == line.length || line[i] == '\t' || line[i] == '\n') {
                fields.add(Arrays.copyOfRange(line, start, i));
                start = i + 1;
                if (i < line.length && line[i] == '\n') {
                    break;
                }
            }
        }
        List<String> key = new ArrayList<>(positions.length);
        for (int position : positions) {
            key.add(unescape(fields.get(position)));
        }
        return key;
    }

    /** COPY text's escapes: backslash and a letter, an octal or {@code x} and hex digits, or the character itself. */
    static String unescape(byte[] field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length);
        for (int i = 0; i < field.length; i++) {
            byte b = field[i];
            if (b != '\\' || i + 1 == field.length) {
                out.write(b);
                continue;
            }
            byte c = field[++i];
            switch (c) {
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(0x0b);
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < field.length && Character.digit(field[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(field[++i], 16);
                        digits++;
                    }
                    if (digits == 0) {
                        out.write('x');
                    } else {
                        out.write(value);
                    }
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int value = c - '0';
                        for (int digits = 1;
                                digits < 3 && i + 1 < field.length && field[i + 1] >= '0' && field[i + 1] <= '7';
                                digits++) {
                            value = value * 8 + (field[++i] - '0');
                        }
                        out.write(value);
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
