package io.pg2polar.common.verify;

/** Which database a query runs on. */
enum Side {
    SOURCE, TARGET
}
