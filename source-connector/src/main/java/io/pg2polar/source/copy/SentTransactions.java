package io.pg2polar.source.copy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The transactions whose changes the task has sent, per topic, until a snapshot shows them visible: a chunk whose
 * snapshot does not see one that was sent before the chunk's low watermark must be read again (decision 30: a commit
 * can be decoded before its transaction is visible). Usually a handful: the transactions still finishing their commit
 * when the last snapshot was taken.
 */
final class SentTransactions {

    /** A transaction sent into a topic, and when: {@code sequence} is how many records were noted before it. */
    record Sent(String topic, long xid, long sequence) {}

    private final List<Sent> sent = new ArrayList<>();
    private long sequence;

    /** Notes a record sent into {@code topic} by transaction {@code xid} (32-bit, as logical decoding reports it). */
    void add(String topic, long xid) {
        Sent last = sent.isEmpty() ? null : sent.get(sent.size() - 1);
        if (last == null || last.xid() != xid || !last.topic().equals(topic)) {
            sent.add(new Sent(topic, xid, sequence));
        }
        sequence++;
    }

    /** How many records have been noted: a low watermark records it to know what was sent before it. */
    long sequence() {
        return sequence;
    }

    /** Whether a transaction sent into {@code topic} before {@code before} is not visible in {@code snapshot}. */
    boolean anyInvisible(String topic, long before, XidSnapshot snapshot) {
        for (Sent s : sent) {
            if (s.sequence() < before && s.topic().equals(topic) && !snapshot.isVisible32(s.xid())) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the transactions the predicate says no chunk still to be checked can miss. */
    void forget(Predicate<Sent> settled) {
        for (Iterator<Sent> it = sent.iterator(); it.hasNext(); ) {
            if (settled.test(it.next())) {
                it.remove();
            }
        }
    }

    int size() {
        return sent.size();
    }

    void clear() {
        sent.clear();
    }
}
