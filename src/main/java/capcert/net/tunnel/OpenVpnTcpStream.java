package capcert.net.tunnel;

import capcert.net.HeldBytes;
import capcert.net.Side;
import capcert.net.StreamListener;

import java.nio.ByteBuffer;

/** OpenVPN over TCP: each packet after a 2-byte length, read as the control channel reads UDP datagrams. */
final class OpenVpnTcpStream implements StreamListener {

    private static final int LENGTH = 2;

    private final OpenVpnControlChannel channel;
    private final StreamFramer fromOriginator;
    private final StreamFramer fromResponder;

    /** {@code heldByAll}: what the scan holds while waiting, which packets cut by a segment boundary count against. */
    OpenVpnTcpStream(OpenVpnControlChannel channel, HeldBytes heldByAll) {
        this.channel = channel;
        this.fromOriginator = new StreamFramer(framing(Side.ORIGINATOR), (b, p, end, frame) -> channel.packet(Side.ORIGINATOR, b, p + LENGTH, end, frame), heldByAll);
        this.fromResponder = new StreamFramer(framing(Side.RESPONDER), (b, p, end, frame) -> channel.packet(Side.RESPONDER, b, p + LENGTH, end, frame), heldByAll);
    }

    /** The length prefix; after a loss, a control packet carrying this side's session id is where to resume. */
    private StreamFramer.Framing framing(Side side) {
        return new StreamFramer.Framing() {
            @Override
            public int length(ByteBuffer b, int p, int available) {
                if (available < LENGTH + 1) return -1;
                int length = b.getShort(p) & 0xffff;
                int opcode = OpenVpnPacket.opcode(b.get(p + LENGTH));
                boolean known = OpenVpnPacket.control(opcode) || OpenVpnPacket.data(opcode);
                return length == 0 || !known ? 0 : LENGTH + length;
            }

            @Override
            public boolean plausibleStart(ByteBuffer b, int p, int available) {
                if (available < LENGTH + OpenVpnPacket.HEADER) return false;
                int length = b.getShort(p) & 0xffff;
                int opcode = OpenVpnPacket.opcode(b.get(p + LENGTH));
                return length >= OpenVpnPacket.HEADER && OpenVpnPacket.control(opcode)
                        && channel.sessionOf(side, b.getLong(p + LENGTH + 1));
            }
        };
    }

    private StreamFramer framer(Side side) {
        return side == Side.ORIGINATOR ? fromOriginator : fromResponder;
    }

    @Override
    public void data(Side from, ByteBuffer bytes, long frame) {
        framer(from).data(bytes, frame);
    }

    @Override
    public void gap(Side from, long length, long frame) {
        framer(from).gap();
    }

    @Override
    public boolean wantsMore(Side from) {
        return channel.readable() && !framer(from).broken();
    }

    @Override
    public void closed() {
        fromOriginator.close();
        fromResponder.close();
        channel.close();
    }
}
