package io.pg2polar.common.control;

import net.jpountz.lz4.LZ4Factory;

/**
 * The COPY text of a {@link CopyChunk} as it travels: one LZ4 block (lz4-java's block format, which the worker has
 * because kafka-clients compresses with it) and the text's length. Compressed in the chunk itself, not only by the
 * producer, so that what a sink's consumer fetches is about what it holds in memory: a poll of lz4-compressed
 * batches of repetitive rows (pgbench's compress fifteenfold) would otherwise expand to hundreds of megabytes of
 * text and base64 before the task sees one record, and the text is decompressed only when its chunk is applied.
 * It also spares both tasks the base64 and JSON of the whole text and the producer compressing it again.
 *
 * @param wire   what the event's {@code data} field holds
 * @param length the text's length when {@code wire} is an LZ4 block; {@value #PLAIN} when {@code wire} is the
 *               text itself (chunks written before 2026-12-02, or empty ones)
 */
public record ChunkText(byte[] wire, int length) {

    public static final int PLAIN = -1;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    /** Compresses the text of a chunk. */
    public static ChunkText of(byte[] text) {
        if (text.length == 0) {
            return new ChunkText(text, PLAIN);
        }
        return new ChunkText(LZ4.fastCompressor().compress(text), text.length);
    }

    /** The COPY text, decompressed. */
    public byte[] text() {
        if (length == PLAIN) {
            return wire;
        }
        // the safe decompressor checks every offset against the block: the bytes come from a topic, not from us
        return LZ4.safeDecompressor().decompress(wire, length);
    }

    public boolean isEmpty() {
        return wire.length == 0;
    }
}
