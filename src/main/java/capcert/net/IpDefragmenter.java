package capcert.net;

import capcert.capture.MemoryBudget;
import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams (large DTLS flights are sent that way). Bounded:
 * a datagram can never exceed 65,535 bytes, and at most {@link #MAX_PENDING} datagrams wait at
 * once; the oldest is dropped first.
 */
final class IpDefragmenter {

    static final int MAX_PENDING = 1024;
    private static final int MAX_DATAGRAM = 65_535;

    /** A pending datagram's entry, key and fill map, besides its bytes. */
    private static final int PENDING_BYTES = 200;

    private final Consumer<Problem> problems;
    private final MemoryBudget budget;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private boolean evictionReported;
    /** The datagram a fragment is being added to: the budget's reclaimer leaves it. */
    private Pending adding;

    IpDefragmenter(Consumer<Problem> problems, MemoryBudget budget) {
        this.problems = problems;
        this.budget = budget;
        budget.reclaimWith(this::dropOldest);
    }

    /** The budget's reclaimer: the oldest datagrams still waiting for fragments go first. */
    private void dropOldest(long bytes) {
        long goal = budget.used() - bytes;
        for (Iterator<Pending> i = pending.values().iterator(); i.hasNext() && budget.used() > goal; ) {
            Pending oldest = i.next();
            if (oldest == adding) continue;
            i.remove();
            budget.release(PENDING_BYTES + oldest.data.length);
        }
    }

    private record Key(long srcHigh, long srcLow, long dstHigh, long dstLow, int id, int protocol) {
    }

    /** Bytes received so far, and which ranges of them are filled. */
    private static final class Pending {
        byte[] data = new byte[0];
        int totalLength = -1;
        final java.util.BitSet filled = new java.util.BitSet();
    }

    byte[] ipv4Fragment(long frame, int src, int dst, int id, int protocol, int offset, boolean more,
                        ByteBuffer b, int start, int end) {
        Key key = new Key(0, Integer.toUnsignedLong(src), 0, Integer.toUnsignedLong(dst), id, protocol);
        return add(frame, key, offset, more, b, start, end);
    }

    byte[] ipv6Fragment(long frame, long srcHigh, long srcLow, long dstHigh, long dstLow, int id, int nextHeader,
                        int offset, boolean more, ByteBuffer b, int start, int end) {
        Key key = new Key(srcHigh, srcLow, dstHigh, dstLow, id, 0x100 | nextHeader);
        return add(frame, key, offset, more, b, start, end);
    }

    private byte[] add(long frame, Key key, int offset, boolean more, ByteBuffer b, int start, int end) {
        int length = end - start;
        if (offset + length > MAX_DATAGRAM) {
            problems.accept(new NetworkProblem.FragmentTooLong(frame));
            return null;
        }
        Pending entry = pending.get(key);
        if (entry == null) {
            if (pending.size() >= MAX_PENDING) evictOldest(frame);
            if (!budget.charge(PENDING_BYTES, frame)) return null;
            entry = new Pending();
            pending.put(key, entry);
        }
        if (!more) entry.totalLength = offset + length;
        if (entry.data.length < offset + length) {
            int grown = Math.max(offset + length, Math.min(MAX_DATAGRAM, entry.data.length * 2));
            adding = entry;
            boolean charged = budget.charge(grown - entry.data.length, frame);
            adding = null;
            if (!charged) {
                pending.remove(key);
                budget.release(PENDING_BYTES + entry.data.length);
                return null;
            }
            entry.data = java.util.Arrays.copyOf(entry.data, grown);
        }
        b.get(start, entry.data, offset, length);
        entry.filled.set(offset, offset + length);
        if (entry.totalLength >= 0 && entry.filled.nextClearBit(0) >= entry.totalLength) {
            pending.remove(key);
            budget.release(PENDING_BYTES + entry.data.length);
            return entry.data.length == entry.totalLength ? entry.data : java.util.Arrays.copyOf(entry.data, entry.totalLength);
        }
        return null;
    }

    private void evictOldest(long frame) {
        Iterator<Map.Entry<Key, Pending>> oldest = pending.entrySet().iterator();
        budget.release(PENDING_BYTES + oldest.next().getValue().data.length);
        oldest.remove();
        if (!evictionReported) {
            evictionReported = true;
            problems.accept(new NetworkProblem.TooManyFragmentedDatagrams(frame, MAX_PENDING));
        }
    }

    void clear() {
        pending.values().forEach(p -> budget.release(PENDING_BYTES + p.data.length));
        pending.clear();
    }
}
