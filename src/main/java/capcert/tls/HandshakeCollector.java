package capcert.tls;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.StreamListener;

import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.List;

/** Attaches a TLS reader to every TCP connection and a DTLS reader to UDP flows that look like DTLS; keeps what they find. */
final class HandshakeCollector implements ConnectionHandler {

    private final Limits limits;
    private final Consumer<Problem> problems;
    private final List<Handshake> handshakes = new ArrayList<>();
    private final DistinctDer distinctDer = new DistinctDer();
    private final HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();

    HandshakeCollector(Limits limits, Consumer<Problem> problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public StreamListener openTcp(Connection connection) {
        return new TlsConnectionTracker(new HandshakeFacts(connection, limits, problems, distinctDer), handshakes::add, spares);
    }

    @Override
    public boolean startsUdpFlow(ByteBuffer payload) {
        return DtlsFlowTracker.looksLikeDtls(payload);
    }

    @Override
    public DatagramListener openUdp(Connection connection) {
        return new DtlsFlowTracker(new HandshakeFacts(connection, limits, problems, distinctDer), handshakes::add);
    }

    /** In order of each connection's first frame, as Wireshark numbers streams. */
    List<Handshake> handshakes() {
        List<Handshake> sorted = new ArrayList<>(handshakes);
        sorted.sort(Comparator.comparingLong(Handshake::firstFrame));
        return sorted;
    }
}
