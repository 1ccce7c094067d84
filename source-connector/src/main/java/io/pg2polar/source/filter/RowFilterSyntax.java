package io.pg2polar.source.filter;

import java.util.Optional;

/**
 * Whether a row filter's text stays inside the parentheses pg2polar puts it in ({@code WHERE (<filter>)}): read with
 * PostgreSQL's lexical rules (src/backend/parser/scan.l of versions 14 to 18), outside string literals, quoted
 * identifiers and dollar quotes it has no {@code ;}, no comment and no parenthesis it did not open, and every
 * literal it opens is closed. Then nothing in it can end the expression, the statement or hide what follows.
 *
 * <p>Literals are read as the server reads them: {@code '...'} with {@code ''} inside (and backslash escapes when
 * {@code standard_conforming_strings} is off: the text must pass read both ways), {@code E'...'} with backslash
 * escapes, {@code B'...'}, {@code X'...'}, {@code N'...'}, {@code U&'...'}, strings continued after a newline
 * ({@code 'a'<newline>'b'} is one literal), {@code "..."} and {@code U&"..."} with {@code ""} inside, and
 * {@code $tag$...$tag$} where a {@code $} starts a token (inside an identifier such as {@code a$$} it does not). A
 * number directly followed by a letter, {@code _}, {@code $} or a quote is refused: PostgreSQL 14 reads
 * {@code 1e'...'} as 1 and an E string, 15 and later as an error, 16 and later read {@code 1_000$$} as a number and
 * a dollar quote, so no single reading is safe.
 */
public final class RowFilterSyntax {

    private RowFilterSyntax() {}

    /** Why the text is not one expression that stays in its parentheses, e.g. "it contains ';' ...", or empty when it is. */
    public static Optional<String> problem(String condition) {
        if (condition == null || condition.isBlank()) {
            return Optional.of("it is empty");
        }
        int nul = condition.indexOf('\0');
        if (nul >= 0) {
            return Optional.of("it contains a NUL character (at character " + (nul + 1) + ")");
        }
        Optional<String> standard = new Scan(condition, true).problem();
        if (standard.isPresent()) {
            return standard;
        }
        return new Scan(condition, false)
                .problem()
                .map(
                        p -> p
                                + " when the server's standard_conforming_strings is off (a backslash then escapes the quote after it)");
    }

    /** One pass over the text, with {@code '...'} read as standard or as escape strings. */
    private static final class Scan {

        private enum Literal {
            STANDARD,
            ESCAPE,
            BITS
        }

        private final String text;
        private final boolean standardStrings;
        private int pos;
        private int depth;

        Scan(String text, boolean standardStrings) {
            this.text = text;
            this.standardStrings = standardStrings;
        }

        Optional<String> problem() {
            while (pos < text.length()) {
                String problem = token();
                if (problem != null) {
                    return Optional.of(problem);
                }
            }
            return depth == 0
                    ? Optional.empty()
                    : Optional.of("it leaves " + depth + (depth == 1 ? " parenthesis" : " parentheses") + " open");
        }

        /** Reads the token at {@code pos}; returns what is wrong with it, or null. */
        private String token() {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
                return null;
            }
            if (c < 0x20 || c == 0x7f) {
                return String.format("it contains the control character U+%04X (at character %d)", (int) c, pos + 1);
            }
            if (c == ';') {
                return "it contains ';' outside a quoted string (at character " + (pos + 1)
                        + "), which ends the statement it is put in";
            }
            if ((c == '-' && next() == '-') || (c == '/' && next() == '*')) {
                return "it contains a comment ('" + c + next() + "' at character " + (pos + 1)
                        + "), which hides what follows it";
            }
            if (c == '(' || c == ')') {
                depth += c == '(' ? 1 : -1;
                pos++;
                return depth >= 0
                        ? null
                        : "it closes a parenthesis it did not open (at character " + pos
                                + "), which ends the condition it is put in";
            }
            if (c == '\'') {
                return literal(standardStrings ? Literal.STANDARD : Literal.ESCAPE, pos);
            }
            if (c == '"') {
                return quotedIdentifier(pos);
            }
            if (c == '$') {
                return dollar();
            }
            if (isDigit(c) || (c == '.' && isDigit(next()))) {
                return number();
            }
            if (isIdentifierStart(c)) {
                return word();
            }
            pos++;
            return null;
        }

        /** An identifier or keyword, or one of the prefixed literals E'', B'', X'', N'', U&'' and U&"". */
        private String word() {
            int start = pos;
            char c = Character.toLowerCase(text.charAt(pos));
            if (next() == '\'') {
                switch (c) {
                    case 'e' -> {
                        pos++;
                        return literal(Literal.ESCAPE, start);
                    }
                    case 'b', 'x' -> {
                        pos++;
                        return literal(Literal.BITS, start);
                    }
                    case 'n' -> {
                        pos++;
                        return literal(standardStrings ? Literal.STANDARD : Literal.ESCAPE, start);
                    }
                    default -> {
                        // an identifier such as a'...': the quote starts a literal of its own
                    }
                }
            }
            if (c == 'u'
                    && next() == '&'
                    && pos + 2 < text.length()
                    && (text.charAt(pos + 2) == '\'' || text.charAt(pos + 2) == '"')) {
                pos += 2;
                // with standard_conforming_strings off PostgreSQL refuses U&'' outright
                return text.charAt(pos) == '"' ? quotedIdentifier(start) : literal(Literal.STANDARD, start);
            }
            while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return null;
        }

        /** A quoted string from the quote at {@code pos}, continued by another after whitespace holding a newline. */
        private String literal(Literal kind, int start) {
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && kind == Literal.ESCAPE) {
                    pos += 2;
                    continue;
                }
                if (c != '\'') {
                    pos++;
                    continue;
                }
                if (kind != Literal.BITS && next() == '\'') {
                    pos += 2;
                    continue;
                }
                pos++;
                int continued = continuation();
                if (continued < 0) {
                    return null;
                }
                pos = continued + 1;
            }
            return "its string literal starting at character " + (start + 1) + " is not closed";
        }

        /** The position of the quote that continues the literal just closed ({@code 'a'<newline>'b'}), or -1. */
        private int continuation() {
            int at = pos;
            while (at < text.length()
                    && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\f')) {
                at++;
            }
            if (at >= text.length() || (text.charAt(at) != '\n' && text.charAt(at) != '\r')) {
                return -1;
            }
            while (at < text.length() && " \t\n\r\f".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            return at < text.length() && text.charAt(at) == '\'' ? at : -1;
        }

        private String quotedIdentifier(int start) {
            pos++;
            while (pos < text.length()) {
                if (text.charAt(pos) == '"') {
                    if (next() != '"') {
                        pos++;
                        return null;
                    }
                    pos++;
                }
                pos++;
            }
            return "its quoted identifier starting at character " + (start + 1) + " is not closed";
        }

        /** A {@code $} that starts a token: a dollar quote, a parameter, or a lone {@code $}. */
        private String dollar() {
            int start = pos;
            if (isDigit(next())) {
                return "it uses a parameter ($" + next() + " at character " + (start + 1)
                        + "), which has no value in a row filter";
            }
            int end = pos + 1;
            if (end < text.length() && isIdentifierStart(text.charAt(end))) {
                end++;
                while (end < text.length() && (isIdentifierStart(text.charAt(end)) || isDigit(text.charAt(end)))) {
                    end++;
                }
            }
            if (end >= text.length() || text.charAt(end) != '$') {
                pos++;
                return null;
            }
            String delimiter = text.substring(start, end + 1);
            int close = text.indexOf(delimiter, end + 1);
            if (close < 0) {
                return "its dollar-quoted string " + delimiter + " starting at character " + (start + 1)
                        + " is not closed";
            }
            pos = close + delimiter.length();
            return null;
        }

        /** {@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3}, and nothing glued to it. */
        private String number() {
            int start = pos;
            skipDigits();
            if (pos < text.length()
                    && text.charAt(pos) == '.'
                    && !(pos + 1 < text.length() && text.charAt(pos + 1) == '.')) {
                pos++;
                skipDigits();
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                int exponent = pos + 1;
                if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                    exponent++;
                }
                if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                    pos = exponent;
                    skipDigits();
                }
            }
            if (pos < text.length()
                    && (isIdentifierPart(text.charAt(pos)) || text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                return "the number at character " + (start + 1) + " is directly followed by '" + text.charAt(pos)
                        + "', which PostgreSQL versions read differently; put a space after the number";
            }
            return null;
        }

        private void skipDigits() {
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }

        private char next() {
            return pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** PostgreSQL's ident_start: a letter, '_' or any byte of a multibyte character. */
        private static boolean isIdentifierStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || isDigit(c) || c == '$';
        }
    }
}
