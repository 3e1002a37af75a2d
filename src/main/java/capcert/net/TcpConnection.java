package capcert.net;

import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Both directions of one TCP connection and the listener the next stage attached to it. */
final class TcpConnection {

    static final long LINGER_NANOS = 2_000_000_000L;
    static final long LINGER_PACKETS = 1_000_000;

    private StreamListener listener;
    private TcpStream fromOriginator;
    private TcpStream fromResponder;
    private final boolean originatorIsA;
    private boolean closed;
    /** Capture time of a reset after which the other side may still have data in flight; -1 before one. */
    private long resetAtNanos = -1;
    /** The flow table's packet count at that reset. */
    private long resetAtPacket;

    private TcpConnection(Connection info, StreamListener listener, boolean originatorIsA, Consumer<Problem> problems,
                          int maxBuffered, HeldBytes heldByAll) {
        this.listener = listener;
        this.originatorIsA = originatorIsA;
        this.fromOriginator = new TcpStream(Side.ORIGINATOR, listener, maxBuffered, heldByAll,
                frame -> problems.accept(new NetworkProblem.StreamBufferFull(frame, info.originator(), info.responder(),
                        maxBuffered)));
        this.fromResponder = new TcpStream(Side.RESPONDER, listener, maxBuffered, heldByAll,
                frame -> problems.accept(new NetworkProblem.StreamBufferFull(frame, info.responder(), info.originator(),
                        maxBuffered)));
    }

    static TcpConnection open(Packet p, boolean sourceIsA, ConnectionHandler handler, Consumer<Problem> problems,
                              int maxBuffered, HeldBytes heldByAll) {
        boolean syn = (p.flags & Packet.SYN) != 0;
        boolean ack = (p.flags & Packet.ACK) != 0;
        boolean sourceIsOriginator;
        if (syn) {
            sourceIsOriginator = !ack;
        } else {
            // Start not captured: clients mostly use the higher, ephemeral port.
            sourceIsOriginator = p.srcPort >= p.dstPort;
        }
        Endpoint source = Endpoints.source(p);
        Endpoint destination = Endpoints.destination(p);
        Connection info = sourceIsOriginator
                ? new Connection(Transport.TCP, source, destination, syn, p.frame, p.epochNanos)
                : new Connection(Transport.TCP, destination, source, syn, p.frame, p.epochNanos);
        return new TcpConnection(info, handler.openTcp(info), sourceIsOriginator == sourceIsA, problems, maxBuffered,
                heldByAll);
    }

    /** A SYN on this 4-tuple: a new connection unless it is a retransmission of the one that opened this. */
    boolean reusedBy(Packet syn, boolean sourceIsA) {
        if (closed || !fromOriginator.synSeen()) return true;
        boolean sameOpening = syn.seq == fromOriginator.initialSequence() && sourceIsA == originatorIsA;
        return !sameOpening && (fromOriginator.hasData() || fromResponder.hasData()
                || fromOriginator.finished() || fromResponder.finished());
    }

    void packet(Packet p, boolean sourceIsA) {
        if (closed) return;
        Side from = sourceIsA == originatorIsA ? Side.ORIGINATOR : Side.RESPONDER;
        TcpStream stream = from == Side.ORIGINATOR ? fromOriginator : fromResponder;
        TcpStream peer = from == Side.ORIGINATOR ? fromResponder : fromOriginator;
        int flags = p.flags;
        int sequence = p.seq;
        if ((flags & Packet.SYN) != 0) {
            stream.syn(sequence);
            sequence++;
        }
        if ((flags & Packet.ACK) != 0) peer.acknowledged(p.ack);
        ByteBuffer payload = p.payload;
        if (payload.hasRemaining() && !isPadding(flags, payload)) {
            stream.segment(sequence, payload, payload.remaining() + p.missingBytes, p.frame);
        }
        boolean reset = (flags & Packet.RST) != 0;
        if ((flags & Packet.FIN) != 0 || reset) stream.fin();
        fromOriginator.tick(p.frame);
        fromResponder.tick(p.frame);
        if (fromOriginator.finished() && fromResponder.finished()) close(p.frame);
    }

    /**
     * A reset ends its sender's stream, not the peer's: what the peer sent before the reset reached
     * it is still on the wire, and a client that resets as soon as it has read the server's flight
     * (browsers, apps) leaves the rest of that flight after its RST in a capture taken on its side.
     * The connection lingers for those bytes until the peer finishes too or {@link #lingerOver} says
     * nothing more can be in flight. Returns true for the reset that starts the lingering.
     */
    boolean resetLingers(Packet p, long packetCount) {
        if (closed || resetAtNanos >= 0 || (p.flags & Packet.RST) == 0) return false;
        resetAtNanos = p.epochNanos;
        resetAtPacket = packetCount;
        return true;
    }

    /** In-flight bytes arrive within a round trip: past a few seconds of capture time, or very many packets, there are none. */
    boolean lingerOver(long epochNanos, long packetCount) {
        return closed || epochNanos - resetAtNanos > LINGER_NANOS || packetCount - resetAtPacket > LINGER_PACKETS;
    }

    /**
     * Some stacks put a few zero bytes of Ethernet padding inside the IP length of a pure ACK or a
     * SYN-ACK. They sit at the sequence number where the real data will start, and would win over it.
     */
    private static boolean isPadding(int flags, ByteBuffer payload) {
        if ((flags & ~(Packet.ACK | Packet.SYN)) != 0 || payload.remaining() > 6) return false;
        for (int i = payload.position(); i < payload.limit(); i++) {
            if (payload.get(i) != 0) return false;
        }
        return true;
    }

    boolean closed() {
        return closed;
    }

    void close(long frame) {
        if (closed) return;
        closed = true;
        fromOriginator.flush(frame);
        fromResponder.flush(frame);
        listener.closed();
        // The entry stays in the flow table to absorb late packets; it need not keep any state.
        listener = null;
        fromOriginator = null;
        fromResponder = null;
    }
}
