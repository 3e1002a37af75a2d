package capcert.net;

import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Finds the connection or flow of each packet and hands it over; creates them as they appear. */
final class FlowTable {

    private final ConnectionHandler handler;
    private final PortFilter ports;
    private final int maxBufferedPerStream;
    private final Consumer<Problem> problems;
    private final HeldBytes heldByAll;
    private final int maxConnections;
    private final FlowKey probe = new FlowKey();
    private final Map<FlowKey, TcpConnection> tcp = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FlowKey, TcpConnection> eldest) {
            if (size() <= maxConnections) return false;
            if (!eldest.getValue().closed()) {
                eldest.getValue().close(lastFrame);
                evicted();
            }
            return true;
        }
    };
    private final Map<FlowKey, UdpFlow> udp = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FlowKey, UdpFlow> eldest) {
            if (size() <= maxConnections) return false;
            eldest.getValue().close();
            evicted();
            return true;
        }
    };
    /** Connections one side reset while the other's bytes may still be in flight, oldest reset first. */
    private final ArrayDeque<TcpConnection> lingering = new ArrayDeque<>();
    private long packets;
    private boolean evictionReported;
    private long lastFrame;

    /** Which ports to look at; tested with both ports of every packet. */
    @FunctionalInterface
    interface PortFilter {
        boolean examines(int sourcePort, int destinationPort);
    }

    /**
     * @param maxConnections connections tracked at once, open or closed (a closed one is kept,
     *                       stateless, to absorb late packets); past it the least recently active is
     *                       closed and forgotten, so memory stays flat however many a capture holds
     */
    FlowTable(ConnectionHandler handler, Consumer<Problem> problems, PortFilter ports, int maxBufferedPerStream,
              HeldBytes heldByAll, int maxConnections) {
        this.maxConnections = maxConnections;
        this.heldByAll = heldByAll;
        this.handler = handler;
        this.problems = problems;
        this.ports = ports;
        this.maxBufferedPerStream = maxBufferedPerStream;
    }

    void tcp(Packet p) {
        lastFrame = p.frame;
        if (!ports.examines(p.srcPort, p.dstPort)) return;
        endLingering(p);
        boolean sourceIsA = probe.set(p);
        TcpConnection connection = tcp.get(probe);
        boolean opening = (p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
        if (connection != null && opening && connection.reusedBy(p, sourceIsA)) {
            connection.close(p.frame);
            tcp.remove(probe);
            connection = null;
        }
        if (connection == null) {
            connection = TcpConnection.open(p, sourceIsA, handler, problems, maxBufferedPerStream, heldByAll);
            tcp.put(probe.copy(), connection);
        }
        connection.packet(p, sourceIsA);
        if (connection.resetLingers(p, packets)) lingering.addLast(connection);
    }

    /** Closes the reset connections whose peer can have nothing left in flight. */
    private void endLingering(Packet p) {
        packets++;
        while (!lingering.isEmpty() && lingering.peekFirst().lingerOver(p.epochNanos, packets)) {
            lingering.pollFirst().close(p.frame);
        }
    }

    void udp(Packet p) {
        lastFrame = p.frame;
        if (!ports.examines(p.srcPort, p.dstPort)) return;
        endLingering(p);
        boolean sourceIsA = probe.set(p);
        UdpFlow flow = udp.get(probe);
        if (flow == null) {
            if (!handler.startsUdpFlow(p.payload)) return;
            flow = UdpFlow.open(p, sourceIsA, handler);
            udp.put(probe.copy(), flow);
        }
        flow.datagram(p, sourceIsA);
    }

    /**
     * An EAPOL frame. It has no port: a port filter, which selects TCP and UDP traffic, cannot tell
     * whether it is wanted, and 802.1X is always read.
     */
    void eapol(long frame, long epochNanos, long source, long destination, ByteBuffer payload) {
        lastFrame = frame;
        handler.eapol(frame, epochNanos, source, destination, payload);
    }

    private void evicted() {
        if (evictionReported) return;
        evictionReported = true;
        problems.accept(new NetworkProblem.TooManyConnections(lastFrame, maxConnections));
    }

    /** End of capture: every connection still open is flushed and closed. */
    void finish() {
        tcp.values().forEach(c -> c.close(lastFrame));
        udp.values().forEach(UdpFlow::close);
        tcp.clear();
        udp.clear();
        lingering.clear();
    }
}
