package io.pg2polar.common.sequence;

/**
 * A source sequence's definition and position, as sequence sync carries it to the target.
 *
 * @param lastValue the last value handed out, or null when the sequence was never used
 */
public record SequenceValue(
        String schema,
        String name,
        String dataType,
        long start,
        long increment,
        long min,
        long max,
        long cache,
        boolean cycle,
        Long lastValue) {

    /** The same sequence in another schema: where a name mapping puts it on the target. */
    public SequenceValue inSchema(String otherSchema) {
        return new SequenceValue(otherSchema, name, dataType, start, increment, min, max, cache, cycle, lastValue);
    }
}
