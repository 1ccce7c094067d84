package io.pg2polar.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code java.io.tmpdir} every server keeps its files in, created when missing: the build points it into
 * {@code target/tmp}, which a clean checkout does not have yet.
 */
public final class TempDirectory {

    private TempDirectory() {}

    public static Path ensure() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the temporary directory " + dir, e);
        }
    }
}
