package capcert.tls;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.StreamListener;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Attaches a TLS reader to every TCP connection and a DTLS reader to UDP flows that look like DTLS; keeps what they find. */
final class HandshakeCollector implements ConnectionHandler {

    private final List<Handshake> handshakes = new ArrayList<>();

    @Override
    public StreamListener openTcp(Connection connection) {
        return new TlsConnectionTracker(connection, handshakes::add);
    }

    @Override
    public boolean startsUdpFlow(ByteBuffer payload) {
        return DtlsFlowTracker.looksLikeDtls(payload);
    }

    @Override
    public DatagramListener openUdp(Connection connection) {
        return new DtlsFlowTracker(connection, handshakes::add);
    }

    /** In order of each connection's first frame, as Wireshark numbers streams. */
    List<Handshake> handshakes() {
        List<Handshake> sorted = new ArrayList<>(handshakes);
        sorted.sort(Comparator.comparingLong(Handshake::firstFrame));
        return sorted;
    }
}
