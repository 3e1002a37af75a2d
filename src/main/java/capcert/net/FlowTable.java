package capcert.net;

import capcert.capture.MemoryBudget;
import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Finds the connection or flow of each packet and hands it over; creates them as they appear. */
final class FlowTable {

    /**
     * What a connection or flow in the table costs while open, besides the buffers charged on their
     * own: the table's entry and key, both directions' stream state and the next stage's parsers
     * (about 4.5 KB measured for a half-open TCP connection).
     */
    static final int OPEN_BYTES = 4608;
    /** A closed connection kept to absorb late packets: its entry, key and the stateless connection. */
    static final int CLOSED_BYTES = 256;

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
            if (!eldest.getValue().closed()) evicted();
            forget(eldest.getValue());
            return true;
        }
    };
    private final Map<FlowKey, UdpFlow> udp = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FlowKey, UdpFlow> eldest) {
            if (size() <= maxConnections) return false;
            eldest.getValue().close();
            budget.release(OPEN_BYTES);
            evicted();
            return true;
        }
    };
    /** Connections one side reset while the other's bytes may still be in flight, oldest reset first. */
    private final ArrayDeque<TcpConnection> lingering = new ArrayDeque<>();
    private final MemoryBudget budget;
    private long packets;
    private boolean evictionReported;
    private long lastFrame;
    /** The tables are being changed (a put, the end of the capture): the budget cannot take entries from them now. */
    private boolean changing;

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
              HeldBytes heldByAll, int maxConnections, MemoryBudget budget) {
        this.maxConnections = maxConnections;
        this.budget = budget;
        budget.reclaimWith(this::closeIdlest);
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
            tcp.remove(probe);
            forget(connection);
            connection = null;
        }
        if (connection == null) {
            budget.chargeHeld(OPEN_BYTES, p.frame);
            connection = TcpConnection.open(p, sourceIsA, handler, problems, maxBufferedPerStream, heldByAll);
            changing = true;
            try {
                tcp.put(probe.copy(), connection);
            } finally {
                changing = false;
            }
        }
        boolean wasOpen = !connection.closed();
        connection.packet(p, sourceIsA);
        if (wasOpen && connection.closed()) budget.release(OPEN_BYTES - CLOSED_BYTES);
        if (connection.resetLingers(p, packets)) lingering.addLast(connection);
    }

    /** A connection leaves the table: closed if it was open, its charge released. */
    private void forget(TcpConnection connection) {
        if (connection.closed()) {
            budget.release(CLOSED_BYTES);
        } else {
            connection.close(lastFrame);
            budget.release(OPEN_BYTES);
        }
    }

    /**
     * The budget's first reclaimer: closes the connections and flows idle longest, never the one a
     * packet is being read for now (the most recently active), until {@code bytes} are freed.
     */
    private void closeIdlest(long bytes) {
        if (changing) return;
        changing = true;
        try {
            long goal = budget.used() - bytes;
            for (Iterator<TcpConnection> i = tcp.values().iterator(); i.hasNext() && budget.used() > goal; ) {
                TcpConnection idlest = i.next();
                if (!i.hasNext()) break;
                i.remove();
                forget(idlest);
            }
            for (Iterator<UdpFlow> i = udp.values().iterator(); i.hasNext() && budget.used() > goal; ) {
                UdpFlow idlest = i.next();
                if (!i.hasNext()) break;
                i.remove();
                idlest.close();
                budget.release(OPEN_BYTES);
            }
        } finally {
            changing = false;
        }
    }

    /** Closes the reset connections whose peer can have nothing left in flight. */
    private void endLingering(Packet p) {
        packets++;
        while (!lingering.isEmpty() && lingering.peekFirst().lingerOver(p.epochNanos, packets)) {
            TcpConnection reset = lingering.pollFirst();
            if (reset.closed()) continue;
            reset.close(p.frame);
            budget.release(OPEN_BYTES - CLOSED_BYTES);
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
            budget.chargeHeld(OPEN_BYTES, p.frame);
            flow = UdpFlow.open(p, sourceIsA, handler);
            changing = true;
            try {
                udp.put(probe.copy(), flow);
            } finally {
                changing = false;
            }
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
        changing = true;
        tcp.values().forEach(this::forget);
        udp.values().forEach(flow -> {
            flow.close();
            budget.release(OPEN_BYTES);
        });
        tcp.clear();
        udp.clear();
        lingering.clear();
        changing = false;
    }
}
