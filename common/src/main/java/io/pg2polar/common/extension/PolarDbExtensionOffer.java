package io.pg2polar.common.extension;

import java.util.Optional;
import java.util.Set;

/**
 * The extensions PolarDB for PostgreSQL (Compatible with Oracle) documents. Read on 2026-12-07 from Alibaba Cloud's pages
 * "Supported extensions" (help/en/polardb/polardb-for-oracle/list-of-supported-plug-ins-for-oracle, last updated
 * 2026-03-30, with a column per 2.0 and 1.0; the part of the table that could be read runs from address_standardizer to
 * ganos_address_standardizer), "supported extensions" (help/en/polardb/polardb-for-oracle/supported-extensions, the 1.0
 * list of kernel 20191030; readable from appendchildxml to sqlprotect), "Some extensions cannot be created in earlier
 * versions ... as of April 27, 2023" (names extensions that need a newer minor version), and the per-extension pages
 * under "Extensions" (hll, hypopg, pg_bigm, pg_cron, pg_jieba, pg_sphere, pgaudit, pgtap, pgvector, polar_sql_mapping,
 * sequential_uuid, smlar, decoderbufs, ...; named as CREATE EXTENSION takes them: pg_roaringbitmap's page creates
 * roaringbitmap, PGVector's vector). Names not read from those pages are missing here, so a
 * missing name is a reason to look ({@code SELECT * FROM pg_available_extensions} on the cluster), not proof of absence:
 * the precheck warns, it does not refuse. The pages also say that pg_stat_statements, auth_delay, passwordcheck,
 * auto_explain, pgaudit, pg_bigm, pg_cron, pg_hint_plan, pg_prewarm, zhparser, pldebugger and pg_jieba must be in
 * {@code shared_preload_libraries} before they can be created.
 */
public final class PolarDbExtensionOffer implements ExtensionOffer {

    public static final PolarDbExtensionOffer INSTANCE = new PolarDbExtensionOffer();

    private static final String PAGE =
            "Alibaba Cloud's \"Supported extensions\" pages for PolarDB for PostgreSQL (Compatible with Oracle),"
                    + " read 2026-12-07";

    private static final Set<String> DOCUMENTED = Set.of(
            // 2.0 and 1.0 table of "Supported extensions" (list-of-supported-plug-ins-for-oracle)
            "address_standardizer",
            "address_standardizer_data_us",
            "bloom",
            "btree_gin",
            "btree_gist",
            "citext",
            "cube",
            "decoderbufs",
            "dict_int",
            "earthdistance",
            "fuzzystrmatch",
            "ganos_address_standardizer",
            // 1.0 list of kernel 20191030 (supported-extensions)
            "appendchildxml",
            "hstore",
            "index_advisor",
            "intagg",
            "intarray",
            "isn",
            "ltree",
            "pg_buffercache",
            "pg_prewarm",
            "pg_stat_statements",
            "pg_trgm",
            "pg_wait_sampling",
            "pgcrypto",
            "pgrowlocks",
            "pgstattuple",
            "plperl",
            "plpgsql",
            "pltcl",
            "polar_anydata",
            "polar_gtt",
            "sqlprotect",
            // "Some extensions cannot be created in earlier versions" and the extension pages
            "pg_cron",
            "ganos_raster",
            "ganos_geometry_sfcgal",
            "ganos_geometry_topology",
            "ganos_geometry",
            "ganos_networking",
            "ganos_spatialref",
            "ganos_pointcloud_geometry",
            "ganos_pointcloud",
            "ganos_trajectory",
            "ganos_geomgrid",
            "ganos_geometry_pyramid",
            "ganos_fdw",
            "postgis",
            "postgis_sfcgal",
            "postgis_topology",
            "postgis_tiger_geocoder",
            "encdb",
            "pldbgapi",
            "polar_tz_offset",
            "dbms_job",
            "fastann",
            "polar_monitor",
            "pase",
            "polar_outline",
            "pg_bigm",
            "hypopg",
            "zombodb",
            "polar_utility",
            "roaringbitmap",
            "polar_sql_mapping",
            "pg_hint_plan",
            "pgaudit",
            "pg_sphere",
            "smlar",
            "hll",
            "varbitx",
            "pgtap",
            "log_fdw",
            "oss_fdw",
            "pg_jieba",
            "vector",
            "sequential_uuid",
            "zhparser");

    private PolarDbExtensionOffer() {}

    @Override
    public Optional<Boolean> documents(String extension) {
        return Optional.of(DOCUMENTED.contains(extension));
    }

    @Override
    public String documentation() {
        return PAGE;
    }

    @Override
    public String whenUnavailable(String extension) {
        if (DOCUMENTED.contains(extension)) {
            return "PolarDB-O documents " + extension
                    + ": update the cluster's minor engine version (some extensions need a recent one),"
                    + " add it to shared_preload_libraries if its page says so, or ask Alibaba Cloud support";
        }
        return "PolarDB-O's documented list (" + PAGE + ") does not name " + extension
                + ": check SELECT * FROM pg_available_extensions"
                + " on the cluster and ask Alibaba Cloud support, or leave the tables that need it out of the migration";
    }
}
