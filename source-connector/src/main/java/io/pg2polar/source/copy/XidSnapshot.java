package io.pg2polar.source.copy;

import java.util.Arrays;

/**
 * A PostgreSQL MVCC snapshot as {@code pg_current_snapshot()} writes it ({@code xmin:xmax:xip,...}, 64-bit xids),
 * and whether a top-level transaction is visible in it: PostgreSQL's {@code XidInMVCCSnapshot} for a committed
 * top-level xid. Logical decoding reports 32-bit xids ({@code source.txId}); {@link #widen} gives them the epoch.
 *
 * <p>Example: in {@code 100:105:101,103}, xid 99 and 102 are visible (finished before the snapshot), 101 and 103 were
 * in progress, 105 and later had not finished.
 */
public record XidSnapshot(long xmin, long xmax, long[] inProgress) {

    private static final long EPOCH = 1L << 32;

    public XidSnapshot {
        inProgress = inProgress.clone();
        Arrays.sort(inProgress);
    }

    /** Parses the text form of {@code pg_snapshot} (or {@code txid_snapshot}). */
    public static XidSnapshot parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a pg_snapshot: " + text);
        }
        long[] xip = parts[2].isEmpty()
                ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
        return new XidSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip);
    }

    /** Whether the committed top-level transaction {@code xid} (64-bit) had finished when the snapshot was taken. */
    public boolean isVisible(long xid) {
        if (xid < xmin) {
            return true;
        }
        return xid < xmax && Arrays.binarySearch(inProgress, xid) < 0;
    }

    /** {@link #isVisible} for a 32-bit xid as logical decoding reports it. */
    public boolean isVisible32(long xid32) {
        return isVisible(widen(xid32));
    }

    /**
     * The 64-bit xid of a 32-bit one that is at most 2^31 transactions away from this snapshot's {@code xmax}, as every
     * xid that is not frozen is (PostgreSQL's wraparound protection): the candidate with the same low 32 bits that is
     * closest to {@code xmax}.
     */
    public long widen(long xid32) {
        long low = xid32 & (EPOCH - 1);
        long candidate = (xmax & ~(EPOCH - 1)) | low;
        if (candidate - xmax > EPOCH / 2) {
            candidate -= EPOCH;
        } else if (xmax - candidate > EPOCH / 2) {
            candidate += EPOCH;
        }
        return candidate;
    }

    /** The text form PostgreSQL reads back as {@code pg_snapshot}. */
    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder().append(xmin).append(':').append(xmax).append(':');
        for (int i = 0; i < inProgress.length; i++) {
            text.append(i == 0 ? "" : ",").append(inProgress[i]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XidSnapshot s
                && s.xmin == xmin
                && s.xmax == xmax
                && Arrays.equals(s.inProgress, inProgress);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xmin) * 31 + Long.hashCode(xmax) * 17 + Arrays.hashCode(inProgress);
    }
}
