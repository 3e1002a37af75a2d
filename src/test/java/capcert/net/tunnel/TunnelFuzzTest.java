package capcert.net.tunnel;

import capcert.capture.MemoryBudget;
import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.FrameClock;
import capcert.net.HeldBytes;
import capcert.net.IpEndpoint;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.net.Transport;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing (Jazzer) of the tunnel decoders: arbitrary datagrams and stream chunks
 * on flows the handler took for RADIUS, OpenVPN, CAPWAP or TURN, and arbitrary EAPOL frames. A
 * finding is an exception escaping, a byte view handed on that reaches outside its buffer, or bytes
 * still counted as held once every flow closed.
 */
class TunnelFuzzTest {

    /** Reads every byte of what it is handed, so that a view out of bounds fails here. */
    private static final class Reader implements StreamListener, DatagramListener {
        /** Copies the whole view: one that reaches outside its buffer throws. */
        private static void read(ByteBuffer bytes) {
            bytes.duplicate().get(new byte[bytes.remaining()]);
        }

        @Override
        public void data(Side from, ByteBuffer bytes, long frame) {
            read(bytes);
        }

        @Override
        public void datagram(Side from, ByteBuffer payload, long frame) {
            read(payload);
        }

        @Override
        public void gap(Side from, long length, long frame) {
        }

        @Override
        public boolean wantsMore(Side from) {
            return true;
        }

        @Override
        public void closed() {
        }
    }

    private static final class Inner implements ConnectionHandler {
        @Override
        public StreamListener openTcp(Connection connection) {
            return new Reader();
        }

        @Override
        public boolean startsUdpFlow(ByteBuffer payload) {
            return payload.remaining() > 13 && (payload.get(payload.position()) & 0xff) == 22;
        }

        @Override
        public DatagramListener openUdp(Connection connection) {
            return new Reader();
        }
    }

    @FuzzTest(maxDuration = "15s")
    void tunnelPackets(FuzzedDataProvider data) {
        FrameClock clock = new FrameClock();
        Inner inner = new Inner();
        HeldBytes heldByAll = new HeldBytes(1 << 18, problem -> { }, new MemoryBudget(Long.MAX_VALUE, problem -> { }));
        TunnelHandler tunnels = new TunnelHandler(inner, clock, 1 << 16, heldByAll, 64, problem -> { });
        Connection flow = connection();
        // each decoder directly, or the handler's choice by content
        RadiusAuthentications radius = new RadiusAuthentications(inner, clock, 64, frame -> { });
        DatagramListener udp = switch (data.consumeInt(0, 4)) {
            case 0 -> new RadiusFlow(flow, radius);
            case 1 -> OpenVpnControlChannel.overUdp(flow, inner, clock, new HeldForOrder(1 << 16, heldByAll, problem -> { }));
            case 2 -> new CapwapFlow(flow, inner);
            case 3 -> new TurnRelay(flow, Transport.TURN_UDP, inner, clock).overUdp();
            default -> tunnels.openUdp(flow);
        };
        StreamListener tcp = switch (data.consumeInt(0, 2)) {
            case 0 -> new OpenVpnTcpStream(OpenVpnControlChannel.overTcp(flow, new Reader(), inner, clock, new HeldForOrder(1 << 16, heldByAll, problem -> { })), heldByAll);
            case 1 -> new TurnRelay(flow, Transport.TURN_TCP, inner, clock).overTcp(heldByAll);
            default -> tunnels.openTcp(flow);
        };
        long frame = 1;
        while (data.remainingBytes() > 0) {
            Side side = data.consumeBoolean() ? Side.ORIGINATOR : Side.RESPONDER;
            switch (data.consumeInt(0, 3)) {
                case 0 -> udp.datagram(side, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 1600))), frame);
                case 1 -> {
                    if (tcp.wantsMore(side)) tcp.data(side, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(1, 1600))), frame);
                }
                case 2 -> tcp.gap(side, data.consumeInt(1, 5000), frame);
                default -> tunnels.eapol(frame, 0, data.consumeLong() & 0xffff_ffff_ffffL, data.consumeLong() & 0xffff_ffff_ffffL,
                        ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 1600))));
            }
            frame++;
        }
        udp.closed();
        tcp.closed();
        radius.finish();
        tunnels.finish();
        if (heldByAll.held() != 0) throw new IllegalStateException(heldByAll.held() + " bytes still held after every flow closed");
    }

    private static Connection connection() {
        try {
            return new Connection(Transport.UDP, new IpEndpoint(InetAddress.getByName("192.0.2.1"), 50000),
                    new IpEndpoint(InetAddress.getByName("192.0.2.2"), 1812), false, 1, 0);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
