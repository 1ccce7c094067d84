package io.pg2polar.sink.value;

import java.util.List;

import org.apache.kafka.connect.data.Schema;

/**
 * PostgreSQL array literals: {@code {1,NULL,"a \"b\""}}. Every non-null element is double-quoted, so
 * elements holding commas, braces, spaces or the word NULL stay what they were.
 */
final class ArrayText {

    private ArrayText() {}

    static String encode(PgTextEncoder encoder, Schema elementSchema, List<?> elements) {
        StringBuilder text = new StringBuilder(elements.size() * 8 + 2).append('{');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object element = elements.get(i);
            String elementText = element == null ? null : encoder.encode(elementSchema, element);
            if (elementText == null) {
                text.append("NULL");
            } else if (element instanceof List<?>) {
                text.append(elementText);
            } else {
                appendQuoted(text, elementText);
            }
        }
        return text.append('}').toString();
    }

    private static void appendQuoted(StringBuilder text, String element) {
        text.append('"');
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        text.append('"');
    }
}
