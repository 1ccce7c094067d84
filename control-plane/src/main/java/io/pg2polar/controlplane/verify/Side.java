package io.pg2polar.controlplane.verify;

/** Which database a query runs on. */
enum Side {
    SOURCE,
    TARGET
}
