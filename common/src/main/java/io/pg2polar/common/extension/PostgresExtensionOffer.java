package io.pg2polar.common.extension;

import java.util.Optional;

/** A PostgreSQL server offers the extensions whose files are installed on it: no list to consult. */
public final class PostgresExtensionOffer implements ExtensionOffer {

    public static final PostgresExtensionOffer INSTANCE = new PostgresExtensionOffer();

    private PostgresExtensionOffer() {}

    @Override
    public Optional<Boolean> documents(String extension) {
        return Optional.empty();
    }

    @Override
    public String documentation() {
        return "";
    }

    @Override
    public String whenUnavailable(String extension) {
        return "Install the package that provides " + extension
                + " on the target server (for contrib modules, the server's contrib"
                + " package, e.g. postgresql-contrib or postgresqlNN-contrib; else the extension's own package)";
    }
}
