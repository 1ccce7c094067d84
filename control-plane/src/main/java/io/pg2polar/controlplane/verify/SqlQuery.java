package io.pg2polar.controlplane.verify;

import java.util.List;

/**
 * A statement and its parameters in order: {@link String}, {@link Long}, {@link Integer}, or {@code String[]} bound
 * as {@code text[]}.
 */
record SqlQuery(String sql, List<Object> params) {

    SqlQuery {
        params = List.copyOf(params);
    }
}
