package capcert.net;

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

    private final Consumer<Problem> problems;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private boolean evictionReported;

    IpDefragmenter(Consumer<Problem> problems) {
        this.problems = problems;
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
            entry = new Pending();
            pending.put(key, entry);
        }
        if (!more) entry.totalLength = offset + length;
        if (entry.data.length < offset + length) {
            entry.data = java.util.Arrays.copyOf(entry.data, Math.max(offset + length, Math.min(MAX_DATAGRAM, entry.data.length * 2)));
        }
        b.get(start, entry.data, offset, length);
        entry.filled.set(offset, offset + length);
        if (entry.totalLength >= 0 && entry.filled.nextClearBit(0) >= entry.totalLength) {
            pending.remove(key);
            return entry.data.length == entry.totalLength ? entry.data : java.util.Arrays.copyOf(entry.data, entry.totalLength);
        }
        return null;
    }

    private void evictOldest(long frame) {
        Iterator<Map.Entry<Key, Pending>> oldest = pending.entrySet().iterator();
        oldest.next();
        oldest.remove();
        if (!evictionReported) {
            evictionReported = true;
            problems.accept(new NetworkProblem.TooManyFragmentedDatagrams(frame, MAX_PENDING));
        }
    }

    void clear() {
        pending.clear();
    }
}
