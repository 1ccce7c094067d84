package io.pg2polar.sink.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CopyLoaderTest {

    @Test
    void escapesWhatCopyTextFormatTreatsSpecially() {
        StringBuilder line = new StringBuilder();
        CopyLoader.appendEscaped(line, "a\tb\nc\rd\\e \\N");
        assertEquals("a\\tb\\nc\\rd\\\\e \\\\N", line.toString());
        StringBuilder nul = new StringBuilder();
        CopyLoader.appendEscaped(nul, null);
        assertEquals("\\N", nul.toString());
    }
}
