package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.DatagramListener;
import capcert.net.Endpoint;
import capcert.net.Side;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One UDP flow between a NAS and a RADIUS server. An answer belongs to the request of its
 * Identifier (RFC 2865 section 3); a request sent again with its Identifier and Request
 * Authenticator is a retransmission, read once.
 */
final class RadiusFlow implements DatagramListener {

    private static final int IDENTIFIERS = 256;

    private final Connection flow;
    private final RadiusAuthentications authentications;
    private final RadiusAuthentications.Authentication[] pending = new RadiusAuthentications.Authentication[IDENTIFIERS];
    private final byte[][] pendingAuthenticator = new byte[IDENTIFIERS][];

    RadiusFlow(Connection flow, RadiusAuthentications authentications) {
        this.flow = flow;
        this.authentications = authentications;
    }

    @Override
    public void datagram(Side from, ByteBuffer payload, long frame) {
        RadiusPacket packet = RadiusPacket.read(payload).orElse(null);
        if (packet == null) return;
        int id = packet.identifier();
        if (packet.request()) {
            byte[] previous = pendingAuthenticator[id];
            if (previous != null && Arrays.equals(previous, packet.authenticator())) return;
            Endpoint nas = from == Side.ORIGINATOR ? flow.originator() : flow.responder();
            Endpoint server = from == Side.ORIGINATOR ? flow.responder() : flow.originator();
            RadiusAuthentications.Authentication authentication = authentications.of(packet, nas, server);
            pending[id] = authentication;
            pendingAuthenticator[id] = packet.authenticator();
            authentication.request(packet, frame);
        } else if (pending[id] != null) {
            pending[id].answer(packet, frame);
        }
    }

    @Override
    public void closed() {
        // The authentications outlive the flow: the NAS may go on from another port.
    }
}
