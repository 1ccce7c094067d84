package io.pg2polar.controlplane.verify;

/**
 * Which keys a sampled comparison looks at: those whose hash with the seed falls below {@code percent} of 100. The
 * predicate depends on the key alone, so both sides select the same keys without sending them over the network.
 */
record Sample(String seed, int percent) {}
