package io.pg2polar.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the pg2polar build, reported by both connectors to Connect. */
public final class Pg2PolarVersion {

    private static final String VERSION = load();

    private Pg2PolarVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Pg2PolarVersion.class.getResourceAsStream("version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
