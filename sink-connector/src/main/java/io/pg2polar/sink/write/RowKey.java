package io.pg2polar.sink.write;

import java.util.List;

/** The primary key values of one row, as text, in key column order. */
record RowKey(List<String> values) {}
