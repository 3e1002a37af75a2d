package capcert.net;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * One direction of a TCP connection, put back in sequence order. In-order bytes go straight from
 * the capture buffer to the listener; only segments that arrive early are copied and held, up to
 * a cap. A hole is given up for lost (reported as a gap, then skipped) when the peer acknowledged
 * past it and it stayed empty for a while, when the cap is reached, or when the connection ends.
 * Overlapping bytes: the first copy delivered wins, as a receiving stack would do.
 */
final class TcpStream {

    /** Packets of the connection to wait, after the peer acknowledged a hole, before skipping it. */
    static final int HOLE_GRACE_PACKETS = 8;

    private final Side side;
    private final StreamListener listener;
    private final int maxBuffered;
    private final HeldBytes heldByAll;
    /** Told once, the first time the cap forces a hole to be skipped. */
    private LongConsumer overflowAtFrame;

    private boolean started;
    private boolean synSeen;
    private int initialSequence;
    private final int[] initialSequenceCandidates = new int[4];
    private int candidateCount;
    private long next;
    private long delivered;
    private boolean finished;
    private boolean abandoned;
    private TreeMap<Long, byte[]> early;
    private long earlyBytes;
    private long peerAcknowledged = Long.MIN_VALUE;
    private int packetsSinceHoleAcknowledged = -1;
    private boolean peerAcknowledgedBeforeStart;
    private int peerAcknowledgmentBeforeStart;

    TcpStream(Side side, StreamListener listener, int maxBuffered, HeldBytes heldByAll, LongConsumer overflowAtFrame) {
        this.side = side;
        this.listener = listener;
        this.maxBuffered = maxBuffered;
        this.heldByAll = heldByAll;
        this.overflowAtFrame = overflowAtFrame;
    }

    private long unwrap(int sequence) {
        return next + (sequence - (int) next);
    }

    boolean synSeen() {
        return synSeen;
    }

    int initialSequence() {
        return initialSequence;
    }

    boolean hasData() {
        return delivered > 0 || early != null && !early.isEmpty();
    }

    boolean finished() {
        return finished;
    }

    /**
     * A SYN or SYN-ACK from this side. Some middleboxes answer one SYN with several SYN-ACKs of
     * different ISNs; until data arrives, each is kept as a candidate and the first data segment
     * picks the one it continues.
     */
    void syn(int sequence) {
        if (synSeen && sequence == initialSequence || delivered > 0) return;
        if (candidateCount < initialSequenceCandidates.length) initialSequenceCandidates[candidateCount++] = sequence;
        synSeen = true;
        initialSequence = sequence;
        started = true;
        next = Integer.toUnsignedLong(sequence) + 1;
        if (early != null) {
            early.clear();
            changeEarly(-earlyBytes, 0);
        }
    }

    /** Of the candidate ISNs, the one the first data segment follows most closely. */
    private void pickInitialSequence(int dataSequence) {
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < candidateCount; i++) {
            long distance = Integer.toUnsignedLong(dataSequence - (initialSequenceCandidates[i] + 1));
            if (distance < bestDistance) {
                bestDistance = distance;
                initialSequence = initialSequenceCandidates[i];
            }
        }
        next = Integer.toUnsignedLong(initialSequence) + 1;
        candidateCount = 0;
    }

    void fin() {
        finished = true;
    }

    /** The peer acknowledged our bytes up to {@code acknowledgment}. */
    void acknowledged(int acknowledgment) {
        if (!started) {
            peerAcknowledgedBeforeStart = true;
            peerAcknowledgmentBeforeStart = acknowledgment;
            return;
        }
        long acked = unwrap(acknowledgment);
        if (acked > peerAcknowledged) peerAcknowledged = acked;
        if (packetsSinceHoleAcknowledged < 0 && holeAcknowledged()) packetsSinceHoleAcknowledged = 0;
    }

    private boolean holeAcknowledged() {
        return early != null && !early.isEmpty() && peerAcknowledged > next;
    }

    /** Called for every packet of the connection, to age an acknowledged hole. */
    void tick(long frame) {
        if (packetsSinceHoleAcknowledged < 0) return;
        if (!holeAcknowledged()) {
            packetsSinceHoleAcknowledged = -1;
        } else if (++packetsSinceHoleAcknowledged > HOLE_GRACE_PACKETS) {
            packetsSinceHoleAcknowledged = -1;
            skipHole(frame);
        }
    }

    /**
     * Payload of one segment.
     *
     * @param claimedLength length the IP header gives; more than {@code payload.remaining()} when
     *                      the capture cut the packet short
     */
    void segment(int sequence, ByteBuffer payload, int claimedLength, long frame) {
        int length = payload.remaining();
        if (abandoned || claimedLength == 0) return;
        if (!started) {
            started = true;
            next = Integer.toUnsignedLong(sequence);
            // Start of the stream not captured: if the peer already acknowledged bytes before this
            // segment, they may still arrive (out of order); wait for them from there.
            int behind = sequence - peerAcknowledgmentBeforeStart;
            if (peerAcknowledgedBeforeStart && behind > 0 && behind <= 65_536) next -= behind;
        }
        if (candidateCount > 1 && delivered == 0) pickInitialSequence(sequence);
        long start = unwrap(sequence);
        long end = start + length;
        if (end <= next) return;
        if (start <= next) {
            payload.position(payload.position() + (int) (next - start));
            deliver(payload, end, frame);
            if (claimedLength > length && !abandoned) {
                listener.gap(side, claimedLength - length, frame);
                next = start + claimedLength;
            }
            drain(frame);
        } else {
            hold(start, payload, frame);
        }
    }

    private void deliver(ByteBuffer bytes, long end, long frame) {
        long count = bytes.remaining();
        next = end;
        delivered += count;
        if (count > 0) listener.data(side, bytes, frame);
        if (!listener.wantsMore(side)) abandon();
    }

    private void hold(long start, ByteBuffer payload, long frame) {
        if (early == null) early = new TreeMap<>();
        byte[] existing = early.get(start);
        if (existing != null && existing.length >= payload.remaining()) return;
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        early.put(start, copy);
        changeEarly(copy.length - (existing == null ? 0 : existing.length), frame);
        if (earlyBytes > maxBuffered && overflowAtFrame != null) {
            overflowAtFrame.accept(frame);
            overflowAtFrame = null;
        }
        while ((earlyBytes > maxBuffered || heldByAll.overLimit(frame, HeldBytes.Holder.TCP_SEGMENTS)) && !early.isEmpty() && !abandoned) skipHole(frame);
    }

    private void drain(long frame) {
        while (!abandoned && early != null && !early.isEmpty()) {
            Map.Entry<Long, byte[]> first = early.firstEntry();
            long start = first.getKey();
            if (start > next) return;
            early.pollFirstEntry();
            byte[] bytes = first.getValue();
            changeEarly(-bytes.length, frame);
            long end = start + bytes.length;
            if (end > next) deliver(ByteBuffer.wrap(bytes, (int) (next - start), (int) (end - next)), end, frame);
        }
    }

    /** Gives up the bytes before the first held segment and goes on from there. */
    private void skipHole(long frame) {
        if (early == null || early.isEmpty()) return;
        long start = early.firstKey();
        if (start > next) {
            listener.gap(side, start - next, frame);
            next = start;
        }
        drain(frame);
    }

    /** End of the connection: whatever is held is delivered, its holes reported. */
    void flush(long frame) {
        while (!abandoned && early != null && !early.isEmpty()) skipHole(frame);
        early = null;
        changeEarly(-earlyBytes, frame);
    }

    private void abandon() {
        abandoned = true;
        early = null;
        changeEarly(-earlyBytes, 0);
    }

    private void changeEarly(long delta, long frame) {
        earlyBytes += delta;
        heldByAll.change(delta, frame);
    }
}
