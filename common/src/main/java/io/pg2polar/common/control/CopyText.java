package io.pg2polar.common.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's COPY text format (tab-separated, one line per row, {@code \N} for NULL, backslash escapes), read and
 * written value by value: for the few places that must look inside a {@link CopyChunk} (masking a column, applying
 * rows one by one after COPY met rows already on the target).
 */
public final class CopyText {

    private CopyText() {}

    /** Every line's values as PostgreSQL text, null for NULL. */
    public static List<List<String>> parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            rows.add(parseLine(text.substring(start, end)));
            start = end + 1;
        }
        return rows;
    }

    /** The lines in COPY text format, each ended by a newline. */
    public static byte[] format(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder line = new StringBuilder(256);
        for (List<String> row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                appendEscaped(line, row.get(i));
            }
            line.append('\n');
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Escapes one value for COPY's text format; null is {@code \N}. */
    public static void appendEscaped(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c);
            }
        }
    }

    private static List<String> parseLine(String line) {
        List<String> values = new ArrayList<>();
        // a raw tab always separates values: tabs inside values are escaped
        for (String field : line.split("\t", -1)) {
            values.add("\\N".equals(field) ? null : unescape(field));
        }
        return values;
    }

    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder value = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                value.append(c);
                continue;
            }
            char next = field.charAt(++i);
            switch (next) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'v' -> value.append('\u000b');
                case 'x' -> {
                    int end = i + 1;
                    while (end < field.length() && end < i + 3 && Character.digit(field.charAt(end), 16) >= 0) {
                        end++;
                    }
                    if (end == i + 1) {
                        value.append('x');
                    } else {
                        value.append((char) Integer.parseInt(field.substring(i + 1, end), 16));
                        i = end - 1;
                    }
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int end = i;
                        while (end < field.length()
                                && end < i + 3
                                && field.charAt(end) >= '0'
                                && field.charAt(end) <= '7') {
                            end++;
                        }
                        value.append((char) Integer.parseInt(field.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        value.append(next);
                    }
                }
            }
        }
        return value.toString();
    }
}
