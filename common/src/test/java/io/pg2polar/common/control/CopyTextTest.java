package io.pg2polar.common.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyTextTest {

    @Test
    void escapesWhatCopyTextFormatTreatsSpecially() {
        StringBuilder line = new StringBuilder();
        CopyText.appendEscaped(line, "a\tb\nc\rd\\e \\N");
        assertEquals("a\\tb\\nc\\rd\\\\e \\\\N", line.toString());
        StringBuilder nul = new StringBuilder();
        CopyText.appendEscaped(nul, null);
        assertEquals("\\N", nul.toString());
    }

    @Test
    void readsBackWhatItWritesIncludingNullsEmptyValuesAndUnicode() {
        List<List<String>> rows = List.of(
                Arrays.asList("1", null, "", "tab\there", "back\\slash \\N"),
                Arrays.asList("2", "línea\nnueva", "😀", null, "\r"));
        byte[] text = CopyText.format(rows);
        assertEquals(rows, CopyText.parse(text));
        assertArrayEquals(text, CopyText.format(CopyText.parse(text)));
    }

    @Test
    void readsTheEscapesPostgresWrites() {
        byte[] text = "a\\bb\\fc\\vd\\101\\x42\t\\N\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(Arrays.asList("a\bb\fc\u000bdAB", null)), CopyText.parse(text));
    }
}
