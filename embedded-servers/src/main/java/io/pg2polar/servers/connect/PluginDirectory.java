package io.pg2polar.servers.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Connect {@code plugin.path} directory filled the way a user fills one: by unzipping the packaged plugin
 * archives into it. Workers then load our connectors in isolation, so a jar missing from an archive shows.
 */
public final class PluginDirectory {

    /** System property naming the directory that holds the built plugin archives (*.zip). */
    public static final String ARCHIVES_PROPERTY = "pg2polar.plugin.archives";
    /**
     * System property naming a directory of jars installed as one more plugin: Kafka's {@code FileStreamSinkConnector}
     * with pg2polar's consumer jar beside it, as a user installs a stock sink that should see the full load's rows.
     */
    public static final String FILE_SINK_PROPERTY = "pg2polar.file.sink.plugin";

    private PluginDirectory() {}

    /** Unzips every archive in the directory named by {@value #ARCHIVES_PROPERTY} into {@code pluginPath}. */
    public static Path installFromBuild(Path pluginPath) {
        String dir = System.getProperty(ARCHIVES_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(
                    "System property " + ARCHIVES_PROPERTY + " is not set: point it at the directory holding"
                            + " pg2polar-source-connector-*-plugin.zip and pg2polar-sink-connector-*-plugin.zip (run mvn package first).");
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".zip"))
                    .sorted()
                    .toList();
            if (archives.size() < 2) {
                throw new IllegalStateException(
                        "Expected the source and sink plugin archives in " + dir + ", found " + archives);
            }
            return install(archives, pluginPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the jars named by {@value #FILE_SINK_PROPERTY}, when it is set, into {@code pluginPath/kafka-file-sink}. */
    public static void installFileSink(Path pluginPath) {
        String dir = System.getProperty(FILE_SINK_PROPERTY);
        if (dir == null) {
            return;
        }
        Path plugin = pluginPath.resolve("kafka-file-sink");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            Files.createDirectories(plugin);
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .toList()) {
                Files.copy(jar, plugin.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unzips each archive into {@code pluginPath}, replacing an earlier install. */
    public static Path install(List<Path> archives, Path pluginPath) {
        try {
            Files.createDirectories(pluginPath);
            for (Path archive : archives) {
                unzip(archive, pluginPath);
            }
            return pluginPath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Archive entry " + entry.getName() + " escapes " + into);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
