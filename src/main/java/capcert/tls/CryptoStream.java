package capcert.tls;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The handshake bytes one side sends at one QUIC encryption level, put back in order from CRYPTO
 * frames (RFC 9000 section 19.6) that may arrive out of order, repeated or overlapping. Holds only
 * bytes that arrived: a frame's offset is never trusted to size anything, and what waits for a gap
 * to fill is bounded.
 */
final class CryptoStream {

    /** A frame the stream cannot take. */
    enum Refusal { NONE, BEYOND_LIMIT }

    private final int limit;
    private byte[] inOrder = new byte[0];
    private int start;
    private int end;
    /** Stream offset of {@code inOrder[end]}: every byte before it has arrived. */
    private long delivered;
    private final TreeMap<Long, byte[]> early = new TreeMap<>();
    private long earlyBytes;

    /** {@code limit}: bytes the stream may span (the largest handshake message gathered). */
    CryptoStream(int limit) {
        this.limit = limit;
    }

    /** Takes the CRYPTO frame {@code data[offset, offset + length)} sent at stream offset {@code streamOffset}. */
    Refusal add(long streamOffset, byte[] data, int offset, int length) {
        long frameEnd = streamOffset + length;
        if (streamOffset < 0 || frameEnd > limit) return Refusal.BEYOND_LIMIT;
        if (frameEnd <= delivered) return Refusal.NONE; // a retransmission
        if (streamOffset > delivered) {
            byte[] previous = early.get(streamOffset);
            if (previous == null || previous.length < length) {
                early.put(streamOffset, Arrays.copyOfRange(data, offset, offset + length));
                earlyBytes += length - (previous == null ? 0 : previous.length);
                if (earlyBytes > limit) {
                    early.clear();
                    earlyBytes = 0;
                    return Refusal.BEYOND_LIMIT;
                }
            }
            return Refusal.NONE;
        }
        int skip = (int) (delivered - streamOffset);
        append(data, offset + skip, length - skip);
        for (Map.Entry<Long, byte[]> next = early.firstEntry(); next != null && next.getKey() <= delivered; next = early.firstEntry()) {
            early.pollFirstEntry();
            byte[] piece = next.getValue();
            earlyBytes -= piece.length;
            long pieceEnd = next.getKey() + piece.length;
            if (pieceEnd > delivered) {
                int from = (int) (delivered - next.getKey());
                append(piece, from, piece.length - from);
            }
        }
        return Refusal.NONE;
    }

    private void append(byte[] data, int offset, int length) {
        if (end + length > inOrder.length) {
            int kept = end - start;
            byte[] grown = kept + length <= inOrder.length ? inOrder : new byte[Math.max(kept + length, inOrder.length * 2)];
            System.arraycopy(inOrder, start, grown, 0, kept);
            inOrder = grown;
            start = 0;
            end = kept;
        }
        System.arraycopy(data, offset, inOrder, end, length);
        end += length;
        delivered += length;
    }

    /** The bytes this stream holds: its array and the frames waiting for a gap to fill. */
    long held() {
        return inOrder.length + earlyBytes;
    }

    /** The bytes in order not yet consumed: {@link #array()}[{@link #start()}, + {@link #available()}). */
    byte[] array() {
        return inOrder;
    }

    int start() {
        return start;
    }

    int available() {
        return end - start;
    }

    void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }
}
