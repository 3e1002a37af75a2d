package capcert.net.tunnel;

import capcert.capture.Problem;
import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.FrameClock;
import capcert.net.HeldBytes;
import capcert.net.NetworkProblem;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Stands between the network layer and the TLS readers and takes out the TLS that other protocols
 * carry: EAP (802.1X over LAN, and inside RADIUS), OpenVPN's control channel, CAPWAP and TURN. What
 * it recognises it unwraps and hands to {@code inner} as connections of their own; everything else
 * goes to {@code inner} untouched. A connection is recognised by its content, whatever its ports.
 */
public final class TunnelHandler implements ConnectionHandler {

    private final ConnectionHandler inner;
    private final FrameClock clock;
    private final int maxConnections;
    /** Made at the first EAPOL frame, the first RADIUS flow: most captures have neither. */
    private EapolLan lan;
    private RadiusAuthentications radius;
    private final HeldForOrder held;
    private final HeldBytes heldByAll;
    private final Consumer<Problem> problems;
    private boolean tooManyAuthenticationsSaid;
    private final Predicate<ByteBuffer> dtls;

    /**
     * @param clock                the frame being decoded, to date what is found in the middle of a connection
     * @param maxBufferedPerStream bytes held per direction for reordering (OpenVPN's control channel)
     * @param heldByAll            what the whole scan holds while waiting for missing data, which these count against
     * @param maxConnections       EAP authentications followed at once
     * @param problems             where a limit reached is said
     */
    public TunnelHandler(ConnectionHandler inner, FrameClock clock, int maxBufferedPerStream, HeldBytes heldByAll,
                         int maxConnections, Consumer<Problem> problems) {
        this.inner = inner;
        this.clock = clock;
        this.maxConnections = maxConnections;
        this.held = new HeldForOrder(maxBufferedPerStream, heldByAll, problems);
        this.heldByAll = heldByAll;
        this.problems = problems;
        this.dtls = inner::startsUdpFlow;
    }

    @Override
    public StreamListener openTcp(Connection connection) {
        return new TcpCarrierSniffer(connection, inner.openTcp(connection), this);
    }

    @Override
    public boolean startsUdpFlow(ByteBuffer payload) {
        return inner.startsUdpFlow(payload) || UdpCarrier.of(payload, clock.epochNanos(), dtls) != null;
    }

    @Override
    public DatagramListener openUdp(Connection connection) {
        return new UdpCarrierSniffer(connection, this);
    }

    @Override
    public void eapol(long frame, long epochNanos, long source, long destination, ByteBuffer payload) {
        if (lan == null) lan = new EapolLan(inner, clock, maxConnections, this::tooManyAuthentications);
        lan.frame(frame, source, destination, payload);
    }

    /** The flow's first datagram says what carries it. */
    DatagramListener udpFlow(Connection connection, ByteBuffer first) {
        if (inner.startsUdpFlow(first)) return inner.openUdp(connection);
        UdpCarrier carrier = UdpCarrier.of(first, clock.epochNanos(), dtls);
        if (carrier == null) return inner.openUdp(connection);
        return switch (carrier) {
            case RADIUS -> {
                if (radius == null) radius = new RadiusAuthentications(inner, clock, maxConnections, this::tooManyAuthentications);
                yield new RadiusFlow(connection, radius);
            }
            case OPENVPN -> OpenVpnControlChannel.overUdp(connection, inner, clock, held);
            case CAPWAP -> new CapwapFlow(connection, inner);
            case TURN -> new TurnRelay(connection, Transport.TURN_UDP, inner, clock).overUdp();
        };
    }

    private void tooManyAuthentications(long frame) {
        if (tooManyAuthenticationsSaid) return;
        tooManyAuthenticationsSaid = true;
        problems.accept(new NetworkProblem.TooManyEapAuthentications(frame, maxConnections));
    }

    ConnectionHandler inner() {
        return inner;
    }

    FrameClock clock() {
        return clock;
    }

    HeldForOrder held() {
        return held;
    }

    HeldBytes heldByAll() {
        return heldByAll;
    }

    /** End of capture, after the network layer closed its flows: EAP runs still open are reported. */
    public void finish() {
        if (lan != null) lan.finish();
        if (radius != null) radius.finish();
    }
}
