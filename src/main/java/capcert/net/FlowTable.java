package capcert.net;

import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the connection or flow of each packet and hands it over; creates them as they appear. */
final class FlowTable {

    private final ConnectionHandler handler;
    private final PortFilter ports;
    private final int maxBufferedPerStream;
    private final FlowKey probe = new FlowKey();
    /** Insertion-ordered, so the end of capture closes connections in order of their first frame. */
    private final Map<FlowKey, TcpConnection> tcp = new LinkedHashMap<>();
    private final Map<FlowKey, UdpFlow> udp = new LinkedHashMap<>();
    private long lastFrame;

    /** Which ports to look at; tested with both ports of every packet. */
    @FunctionalInterface
    interface PortFilter {
        boolean examines(int sourcePort, int destinationPort);
    }

    FlowTable(ConnectionHandler handler, PortFilter ports, int maxBufferedPerStream) {
        this.handler = handler;
        this.ports = ports;
        this.maxBufferedPerStream = maxBufferedPerStream;
    }

    void tcp(Packet p) {
        lastFrame = p.frame;
        if (!ports.examines(p.srcPort, p.dstPort)) return;
        boolean sourceIsA = probe.set(p);
        TcpConnection connection = tcp.get(probe);
        boolean opening = (p.flags & (Packet.SYN | Packet.ACK)) == Packet.SYN;
        if (connection != null && opening && connection.reusedBy(p, sourceIsA)) {
            connection.close(p.frame);
            tcp.remove(probe);
            connection = null;
        }
        if (connection == null) {
            connection = TcpConnection.open(p, sourceIsA, handler, maxBufferedPerStream);
            tcp.put(probe.copy(), connection);
        }
        connection.packet(p, sourceIsA);
    }

    void udp(Packet p) {
        lastFrame = p.frame;
        if (!ports.examines(p.srcPort, p.dstPort)) return;
        boolean sourceIsA = probe.set(p);
        UdpFlow flow = udp.get(probe);
        if (flow == null) {
            if (!handler.startsUdpFlow(p.payload)) return;
            flow = UdpFlow.open(p, sourceIsA, handler);
            udp.put(probe.copy(), flow);
        }
        flow.datagram(p, sourceIsA);
    }

    /** End of capture: every connection still open is flushed and closed, oldest first. */
    void finish() {
        tcp.values().forEach(c -> c.close(lastFrame));
        udp.values().forEach(UdpFlow::close);
        tcp.clear();
        udp.clear();
    }
}
