package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.Side;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * CAPWAP (RFC 5415) between an access point and its wireless controller. Its control channel (UDP
 * 5246) and data channel (UDP 5247) run DTLS, each datagram opening with the 4-byte CAPWAP DTLS
 * header: preamble version 0, type 1, and 24 reserved bits. Datagrams of preamble type 0 are clear
 * CAPWAP (discovery, before DTLS) and carry no certificate.
 */
final class CapwapFlow implements DatagramListener {

    private static final int PREAMBLE_DTLS = 0x01;
    private static final int HEADER = 4;

    private final Connection connection;
    private final ConnectionHandler handler;
    private DatagramListener dtls;

    CapwapFlow(Connection connection, ConnectionHandler handler) {
        this.connection = connection;
        this.handler = handler;
    }

    /** A CAPWAP DTLS header followed by a DTLS record. */
    static boolean startsDtls(ByteBuffer payload, Predicate<ByteBuffer> dtls) {
        int p = payload.position();
        if (payload.remaining() <= HEADER || payload.get(p) != PREAMBLE_DTLS) return false;
        if (payload.get(p + 1) != 0 || payload.get(p + 2) != 0 || payload.get(p + 3) != 0) return false;
        return dtls.test(payload.duplicate().position(p + HEADER));
    }

    @Override
    public void datagram(Side from, ByteBuffer payload, long frame) {
        int p = payload.position();
        if (payload.remaining() <= HEADER || payload.get(p) != PREAMBLE_DTLS) return;
        if (dtls == null) dtls = handler.openUdp(connection.carriedBy(Transport.CAPWAP));
        dtls.datagram(from, payload.duplicate().position(p + HEADER), frame);
    }

    @Override
    public void closed() {
        if (dtls != null) dtls.closed();
    }
}
