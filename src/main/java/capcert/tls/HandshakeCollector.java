package capcert.tls;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.StreamListener;

import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.List;

/** Attaches a TLS reader to every TCP connection and a DTLS reader to UDP flows that look like DTLS; keeps what they find. */
final class HandshakeCollector implements ConnectionHandler {

    private final Limits limits;
    private final Consumer<Problem> problems;
    private final List<Handshake> handshakes = new ArrayList<>();
    /** One array per distinct DER: a busy server sends the same chain in every handshake. */
    private final Map<ByteBuffer, byte[]> distinctDer = new HashMap<>();

    HandshakeCollector(Limits limits, Consumer<Problem> problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public StreamListener openTcp(Connection connection) {
        return new TlsConnectionTracker(new HandshakeFacts(connection, limits, problems, this::distinctDer), handshakes::add);
    }

    @Override
    public boolean startsUdpFlow(ByteBuffer payload) {
        return DtlsFlowTracker.looksLikeDtls(payload);
    }

    @Override
    public DatagramListener openUdp(Connection connection) {
        return new DtlsFlowTracker(new HandshakeFacts(connection, limits, problems, this::distinctDer), handshakes::add);
    }

    private byte[] distinctDer(byte[] der) {
        return distinctDer.computeIfAbsent(ByteBuffer.wrap(der), key -> der);
    }

    /** In order of each connection's first frame, as Wireshark numbers streams. */
    List<Handshake> handshakes() {
        List<Handshake> sorted = new ArrayList<>(handshakes);
        sorted.sort(Comparator.comparingLong(Handshake::firstFrame));
        return sorted;
    }
}
