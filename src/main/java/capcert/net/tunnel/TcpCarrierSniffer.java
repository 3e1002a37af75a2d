package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A TCP connection whose first bytes decide who reads it: OpenVPN (a hard reset after a 2-byte
 * length), TURN (a STUN message of a TURN method), or, for everything else, the TLS reader given,
 * which then gets every byte as if nothing stood between. OpenVPN must be told before any TLS
 * reader sees its bytes: the length and control header of its next packet would otherwise sit in
 * the middle of a TLS record.
 */
final class TcpCarrierSniffer implements StreamListener {

    private enum Verdict { PLAIN, OPENVPN, TURN, NEED_MORE }

    /** The first byte of an OpenVPN reset's length, or of a STUN message, is at most this. */
    private static final int HIGHEST_TUNNEL_FIRST_BYTE = 0x08;
    private static final int OPENVPN_LENGTH = 2;
    private static final int MIN_RESET = OpenVpnPacket.HEADER + 1 + OpenVpnPacket.PACKET_ID;
    private static final int MAX_RESET = 2048;
    private static final int STUN_HEADER = 20;

    private final Connection connection;
    private final StreamListener plain;
    private final TunnelHandler tunnels;
    private StreamListener reader;
    private byte[] held;
    private Side heldFrom;
    private long heldFrame;

    TcpCarrierSniffer(Connection connection, StreamListener plain, TunnelHandler tunnels) {
        this.connection = connection;
        this.plain = plain;
        this.tunnels = tunnels;
    }

    @Override
    public void data(Side from, ByteBuffer bytes, long frame) {
        if (reader != null) {
            reader.data(from, bytes, frame);
            return;
        }
        ByteBuffer look = bytes;
        if (held != null) {
            if (from != heldFrom) {
                decide(Verdict.PLAIN);
                reader.data(from, bytes, frame);
                return;
            }
            byte[] joined = Arrays.copyOf(held, held.length + bytes.remaining());
            bytes.duplicate().get(joined, held.length, bytes.remaining());
            look = ByteBuffer.wrap(joined);
            held = null;
        }
        Verdict verdict = classify(look);
        if (verdict == Verdict.NEED_MORE) {
            held = new byte[look.remaining()];
            look.duplicate().get(held);
            heldFrom = from;
            heldFrame = frame;
            return;
        }
        decide(verdict);
        reader.data(from, look, frame);
    }

    private Verdict classify(ByteBuffer b) {
        int p = b.position();
        int n = b.remaining();
        if (n == 0) return Verdict.NEED_MORE;
        if ((b.get(p) & 0xff) > HIGHEST_TUNNEL_FIRST_BYTE) return Verdict.PLAIN; // TLS, text protocols: the usual case
        if (n >= STUN_HEADER && TurnRelay.turnMessage(b, p, n)) return Verdict.TURN;
        if (n < OPENVPN_LENGTH) return Verdict.NEED_MORE;
        int length = b.getShort(p) & 0xffff;
        if (length < MIN_RESET || length > MAX_RESET) return n < STUN_HEADER && b.get(p) <= 1 ? Verdict.NEED_MORE : Verdict.PLAIN;
        if (n < OPENVPN_LENGTH + length) return Verdict.NEED_MORE;
        ByteBuffer packet = b.duplicate().limit(p + OPENVPN_LENGTH + length).position(p + OPENVPN_LENGTH);
        return OpenVpnPacket.startsSession(packet, tunnels.clock().epochNanos()) ? Verdict.OPENVPN : Verdict.PLAIN;
    }

    private void decide(Verdict verdict) {
        switch (verdict) {
            case OPENVPN -> {
                plain.unwrapped(connection.carriedBy(Transport.OPENVPN_TCP));
                reader = new OpenVpnTcpStream(OpenVpnControlChannel.overTcp(connection, plain, tunnels.inner(),
                        tunnels.clock(), tunnels.held()), tunnels.heldByAll());
            }
            case TURN -> {
                plain.closed(); // reports nothing: the DTLS inside gets readers of its own
                reader = new TurnRelay(connection, Transport.TURN_TCP, tunnels.inner(), tunnels.clock()).overTcp(tunnels.heldByAll());
            }
            default -> reader = plain;
        }
        if (held != null) {
            byte[] first = held;
            held = null;
            reader.data(heldFrom, ByteBuffer.wrap(first), heldFrame);
        }
    }

    @Override
    public void gap(Side from, long length, long frame) {
        if (reader == null) decide(Verdict.PLAIN);
        reader.gap(from, length, frame);
    }

    @Override
    public boolean wantsMore(Side from) {
        return reader == null || reader.wantsMore(from);
    }

    @Override
    public void closed() {
        if (reader == null) decide(Verdict.PLAIN);
        reader.closed();
    }
}
