package capcert.net;

/** One UDP 5-tuple that the next stage chose to follow. */
final class UdpFlow {

    private final DatagramListener listener;
    private final boolean originatorIsA;
    private boolean closed;

    private UdpFlow(DatagramListener listener, boolean originatorIsA) {
        this.listener = listener;
        this.originatorIsA = originatorIsA;
    }

    /** The sender of the first datagram followed is taken as the originator. */
    static UdpFlow open(Packet p, boolean sourceIsA, ConnectionHandler handler) {
        Connection info = new Connection(Transport.UDP, Endpoints.source(p), Endpoints.destination(p), false,
                p.frame, p.epochNanos);
        return new UdpFlow(handler.openUdp(info), sourceIsA);
    }

    void datagram(Packet p, boolean sourceIsA) {
        if (!closed) listener.datagram(sourceIsA == originatorIsA ? Side.ORIGINATOR : Side.RESPONDER, p.payload, p.frame);
    }

    void close() {
        if (closed) return;
        closed = true;
        listener.closed();
    }
}
