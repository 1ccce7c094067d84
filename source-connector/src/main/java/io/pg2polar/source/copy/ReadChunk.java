package io.pg2polar.source.copy;

import java.util.List;

import io.pg2polar.common.control.ChunkText;

/**
 * A chunk as a reader copied it: its columns, its rows as COPY text in pieces of at most {@code snapshot.chunk.bytes}
 * (one Kafka record each; handed over one by one as read, and not here, for a table without a key), how many rows,
 * and the snapshot it was read in.
 *
 * @param snapshot null when the load has no change stream to place it in ({@code migration.type=full})
 */
public record ReadChunk(
        ChunkSpec spec, List<String> columns, List<Piece> pieces, long rows, XidSnapshot snapshot, long startedMillis) {

    /** Some whole lines of the chunk's COPY text. */
    public record Piece(long rows, ChunkText text) {}
}
