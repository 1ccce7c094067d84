package io.pg2polar.source.copy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CopyLineKeyTest {

    @Test
    void readsTheKeyColumnsOfALineInKeyOrder() {
        CopyLineKey key = CopyLineKey.of(List.of("note", "b", "a"), List.of("a", "b"));
        assertEquals(List.of("7", "x y"), key.of(line("some\\tnote\tx y\t7\n")));
    }

    @Test
    void unescapesWhatCopyTextEscapes() {
        assertEquals("a\tb\nc\\d\re", CopyLineKey.unescape(bytes("a\\tb\\nc\\\\d\\re")));
        assertEquals("é!", CopyLineKey.unescape(bytes("\\303\\251\\x21")));
        assertEquals("1.5", CopyLineKey.unescape(bytes("1.5")));
    }

    @Test
    void aKeyColumnNotCopiedMeansNoKey() {
        assertNull(CopyLineKey.of(List.of("note"), List.of("id")));
    }

    private static byte[] line(String text) {
        return bytes(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
