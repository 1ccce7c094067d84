package io.pg2polar.common.sequence;

/**
 * A source sequence's definition and position, as sequence sync carries it to the target.
 *
 * @param lastValue the last value handed out, or null when the sequence was never used
 */
public record SequenceValue(String schema, String name, String dataType, long start, long increment, long min, long max, long cache,
                            boolean cycle, Long lastValue) {
}
