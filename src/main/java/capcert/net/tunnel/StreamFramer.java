package capcert.net.tunnel;

import capcert.net.HeldBytes;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One direction of a TCP stream cut into the messages of a length-prefixed framing (OpenVPN's
 * 2-byte length, STUN and TURN ChannelData). Whole messages are handed on in place; only one cut by
 * a segment boundary is copied. After bytes were lost the framing is found again where
 * {@link Framing#plausibleStart} says a message starts. The copy counts against what the whole scan
 * holds: past that, the message being gathered is given up as if its bytes were lost.
 */
final class StreamFramer {

    /** The framing's rules. */
    interface Framing {
        /** The whole message's length at {@code p}, -1 when more bytes are needed to tell, 0 when no message can start there. */
        int length(ByteBuffer b, int p, int available);

        /** Whether a message starts at {@code p}, surely enough to resume there after a loss. */
        boolean plausibleStart(ByteBuffer b, int p, int available);
    }

    @FunctionalInterface
    interface Sink {
        void message(ByteBuffer b, int p, int end, long frame);
    }

    /** A message's length field can announce at most this much (16-bit length, header, padding). */
    private static final int MAX_MESSAGE = 65_535 + 24;
    /** Bytes {@link Framing#plausibleStart} may look at: kept back at a chunk's end while searching. */
    static final int LOOKAHEAD = 24;

    private static final byte[] NOTHING = new byte[0];

    private final Framing framing;
    private final Sink sink;
    private final HeldBytes heldByAll;
    private byte[] held = NOTHING;
    private int heldLength;
    private boolean lost;
    private boolean broken;

    StreamFramer(Framing framing, Sink sink, HeldBytes heldByAll) {
        this.framing = framing;
        this.sink = sink;
        this.heldByAll = heldByAll;
    }

    /** Whether the framing was lost for good: nothing more of this direction can be read. */
    boolean broken() {
        return broken;
    }

    void data(ByteBuffer bytes, long frame) {
        if (broken) return;
        if (heldLength > 0) {
            if (!append(bytes, frame)) return;
            ByteBuffer all = ByteBuffer.wrap(held, 0, heldLength);
            int used = messages(all, 0, heldLength, frame);
            System.arraycopy(held, used, held, 0, heldLength - used);
            heldLength -= used;
            if (heldLength == 0 || broken) letGo();
            return;
        }
        int p = bytes.position();
        int end = bytes.limit();
        int used = messages(bytes, p, end, frame);
        if (used < end - p && !broken) append(bytes.duplicate().position(p + used), frame);
    }

    /** Bytes of this direction were not captured: the next message start has to be found again. */
    void gap() {
        letGo();
        lost = true;
    }

    /** The stream ended: what was held for an unfinished message is let go. */
    void close() {
        letGo();
    }

    /** Hands on the whole messages from {@code p}; returns the bytes used. */
    private int messages(ByteBuffer b, int p, int end, long frame) {
        int at = p;
        while (at < end && !broken) {
            if (lost) {
                if (end - at < LOOKAHEAD) break;
                if (!framing.plausibleStart(b, at, end - at)) {
                    at++;
                    continue;
                }
                lost = false;
            }
            int length = framing.length(b, at, end - at);
            if (length < 0) break;
            if (length == 0) {
                // Not the framing any more, and no loss to explain it: give up this direction.
                broken = true;
                return end - p;
            }
            if (end - at < length) break;
            sink.message(b, at, at + length, frame);
            at += length;
        }
        return at - p;
    }

    /** False when the bytes were not kept: the framing is broken, or the scan holds too much to gather a message. */
    private boolean append(ByteBuffer bytes, long frame) {
        int n = bytes.remaining();
        if (heldLength > MAX_MESSAGE) {
            broken = true;
            letGo();
            return false;
        }
        if (held.length < heldLength + n) {
            int grown = Math.max(heldLength + n, held.length * 2);
            heldByAll.change(grown - held.length, frame);
            held = Arrays.copyOf(held, grown);
            if (heldByAll.overLimit(frame, HeldBytes.Holder.TUNNEL_MESSAGES)) {
                gap();
                return false;
            }
        }
        bytes.duplicate().get(held, heldLength, n);
        heldLength += n;
        return true;
    }

    private void letGo() {
        heldByAll.change(-held.length, 0);
        held = NOTHING;
        heldLength = 0;
    }
}
