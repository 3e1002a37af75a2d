package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.Endpoint;
import capcert.net.FrameClock;
import capcert.net.HeldBytes;
import capcert.net.IpEndpoint;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * DTLS between a TURN client and its peers, relayed by a TURN server (RFC 8656, RFC 5766 before it)
 * and read on the path between the client and the server (WebRTC and meeting media). The client
 * sends to a peer in Send indications and the server hands on the peer's datagrams in Data
 * indications, each naming the peer in XOR-PEER-ADDRESS; once a channel is bound (ChannelBind),
 * both use ChannelData messages on that channel instead. Every peer whose datagrams are DTLS gets a
 * DTLS reader of its own, its endpoints the client (as the capture sees it) and the peer, relayed by
 * the server.
 */
final class TurnRelay {

    static final int MAGIC_COOKIE = 0x2112a442;
    private static final int STUN_HEADER = 20;
    private static final int CHANNEL_HEADER = 4;
    private static final int MIN_CHANNEL = 0x4000;
    private static final int MAX_CHANNEL = 0x7fff;
    /** Message classes, the bits C1 (0x100) and C0 (0x010) of the message type. */
    private static final int CLASS_MASK = 0x0110;
    private static final int REQUEST = 0x0000;
    private static final int INDICATION = 0x0010;
    private static final int METHOD_MASK = 0x3eef;
    private static final int ALLOCATE = 0x003;
    private static final int REFRESH = 0x004;
    private static final int SEND = 0x006;
    private static final int DATA = 0x007;
    private static final int CREATE_PERMISSION = 0x008;
    private static final int CHANNEL_BIND = 0x009;
    private static final int ATTRIBUTE_CHANNEL_NUMBER = 0x000c;
    private static final int ATTRIBUTE_XOR_PEER_ADDRESS = 0x0012;
    private static final int ATTRIBUTE_DATA = 0x0013;
    private static final int FAMILY_IPV4 = 0x01;
    private static final int FAMILY_IPV6 = 0x02;
    /** Peers followed per allocation, the oldest forgotten past it: a call has a few. */
    private static final int MAX_PEERS = 256;

    private final Connection outer;
    private final Transport transport;
    private final ConnectionHandler handler;
    private final FrameClock clock;
    /** Which side of the outer connection is the TURN server; the answering side until the messages tell. */
    private Side server = Side.RESPONDER;
    private final Map<Integer, Endpoint> channels = new HashMap<>();
    private final Map<Endpoint, Peer> peers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Endpoint, Peer> eldest) {
            if (size() <= MAX_PEERS) return false;
            eldest.getValue().close();
            return true;
        }
    };

    TurnRelay(Connection outer, Transport transport, ConnectionHandler handler, FrameClock clock) {
        this.outer = outer;
        this.transport = transport;
        this.handler = handler;
        this.clock = clock;
    }

    /**
     * Whether a datagram is TURN: a STUN message of a TURN method (RFC 8656 section 17), or
     * ChannelData carrying DTLS.
     */
    static boolean startsUdp(ByteBuffer payload, Predicate<ByteBuffer> dtls) {
        int p = payload.position();
        int n = payload.remaining();
        if (n < CHANNEL_HEADER) return false;
        int first = payload.get(p) & 0xff;
        if (first >= MIN_CHANNEL >> 8 && first <= MAX_CHANNEL >> 8) {
            int length = payload.getShort(p + 2) & 0xffff;
            return n - CHANNEL_HEADER >= length && n - CHANNEL_HEADER - length < 4
                    && dtls.test(payload.duplicate().limit(p + CHANNEL_HEADER + length).position(p + CHANNEL_HEADER));
        }
        return turnMessage(payload, p, n);
    }

    /** A STUN message of a TURN method: over TCP, what a TURN connection starts with. */
    static boolean turnMessage(ByteBuffer b, int p, int n) {
        if (n < STUN_HEADER || (b.get(p) & 0xc0) != 0 || b.getInt(p + 4) != MAGIC_COOKIE) return false;
        int method = (b.getShort(p) & 0xffff) & METHOD_MASK;
        int length = b.getShort(p + 2) & 0xffff;
        if ((length & 3) != 0 || STUN_HEADER + length > n) return false;
        return method == ALLOCATE || method == REFRESH || method == SEND || method == DATA || method == CREATE_PERMISSION
                || method == CHANNEL_BIND;
    }

    DatagramListener overUdp() {
        return new DatagramListener() {
            @Override
            public void datagram(Side from, ByteBuffer payload, long frame) {
                message(from, payload, payload.position(), payload.limit(), frame);
            }

            @Override
            public void closed() {
                close();
            }
        };
    }

    /** TURN over TCP: STUN messages and ChannelData padded to 4 bytes, one after the other (RFC 8656 section 12.5). */
    StreamListener overTcp(HeldBytes heldByAll) {
        StreamFramer.Framing framing = new StreamFramer.Framing() {
            @Override
            public int length(ByteBuffer b, int p, int available) {
                if (available < CHANNEL_HEADER) return -1;
                int first = b.get(p) & 0xff;
                int length = b.getShort(p + 2) & 0xffff;
                if ((first & 0xc0) == 0) return STUN_HEADER + length;
                if (first >= MIN_CHANNEL >> 8 && first <= MAX_CHANNEL >> 8) return CHANNEL_HEADER + (length + 3 & ~3);
                return 0;
            }

            @Override
            public boolean plausibleStart(ByteBuffer b, int p, int available) {
                return available >= STUN_HEADER && (b.get(p) & 0xc0) == 0 && b.getInt(p + 4) == MAGIC_COOKIE;
            }
        };
        StreamFramer fromOriginator = new StreamFramer(framing, (b, p, end, frame) -> message(Side.ORIGINATOR, b, p, end, frame), heldByAll);
        StreamFramer fromResponder = new StreamFramer(framing, (b, p, end, frame) -> message(Side.RESPONDER, b, p, end, frame), heldByAll);
        return new StreamListener() {
            @Override
            public void data(Side from, ByteBuffer bytes, long frame) {
                (from == Side.ORIGINATOR ? fromOriginator : fromResponder).data(bytes, frame);
            }

            @Override
            public void gap(Side from, long length, long frame) {
                (from == Side.ORIGINATOR ? fromOriginator : fromResponder).gap();
            }

            @Override
            public boolean wantsMore(Side from) {
                return !(from == Side.ORIGINATOR ? fromOriginator : fromResponder).broken();
            }

            @Override
            public void closed() {
                fromOriginator.close();
                fromResponder.close();
                close();
            }
        };
    }

    /** One STUN message or ChannelData message from {@code from}. */
    void message(Side from, ByteBuffer b, int p, int end, long frame) {
        if (end - p < CHANNEL_HEADER) return;
        int first = b.get(p) & 0xff;
        if (first >= MIN_CHANNEL >> 8 && first <= MAX_CHANNEL >> 8) {
            int length = b.getShort(p + 2) & 0xffff;
            if (end - p - CHANNEL_HEADER < length) return;
            Endpoint peer = channels.get(b.getShort(p) & 0xffff);
            if (peer != null) {
                peer(peer).datagram(from != server, b.duplicate().limit(p + CHANNEL_HEADER + length).position(p + CHANNEL_HEADER), frame);
            }
        } else if (end - p >= STUN_HEADER && (first & 0xc0) == 0 && b.getInt(p + 4) == MAGIC_COOKIE) {
            stun(from, b, p, end, frame);
        }
    }

    private void stun(Side from, ByteBuffer b, int p, int end, long frame) {
        int type = b.getShort(p) & 0xffff;
        int method = type & METHOD_MASK;
        int messageClass = type & CLASS_MASK;
        int length = b.getShort(p + 2) & 0xffff;
        if (STUN_HEADER + length > end - p) return;
        boolean fromClient = switch (messageClass) {
            case REQUEST -> true;
            case INDICATION -> method == SEND;
            default -> false; // success and error responses
        };
        server = fromClient ? from.other() : from;
        Endpoint peerAddress = null;
        ByteBuffer data = null;
        int channel = -1;
        for (int a = p + STUN_HEADER, stop = p + STUN_HEADER + length; stop - a >= 4; ) {
            int attribute = b.getShort(a) & 0xffff;
            int valueLength = b.getShort(a + 2) & 0xffff;
            int value = a + 4;
            if (valueLength > stop - value) return;
            switch (attribute) {
                case ATTRIBUTE_XOR_PEER_ADDRESS -> {
                    if (peerAddress == null) peerAddress = xorAddress(b, p, value, valueLength);
                }
                case ATTRIBUTE_DATA -> data = b.duplicate().limit(value + valueLength).position(value);
                case ATTRIBUTE_CHANNEL_NUMBER -> {
                    if (valueLength >= 2) channel = b.getShort(value) & 0xffff;
                }
                default -> {
                    // Authentication, lifetimes, addresses of the allocation: nothing about the DTLS inside.
                }
            }
            a = value + (valueLength + 3 & ~3);
        }
        if (peerAddress == null) return;
        if (method == CHANNEL_BIND && messageClass == REQUEST && channel >= MIN_CHANNEL && channel <= MAX_CHANNEL) {
            channels.put(channel, peerAddress);
        } else if (messageClass == INDICATION && (method == SEND || method == DATA) && data != null) {
            peer(peerAddress).datagram(method == SEND, data, frame);
        }
    }

    /** XOR-MAPPED-style address (RFC 8489 section 14.2): port and address XORed with the cookie (and transaction id). */
    private static Endpoint xorAddress(ByteBuffer b, int message, int value, int length) {
        if (length < 4) return null;
        int family = b.get(value + 1) & 0xff;
        int size = family == FAMILY_IPV4 ? 4 : family == FAMILY_IPV6 ? 16 : -1;
        if (size < 0 || length < 4 + size) return null;
        int port = (b.getShort(value + 2) & 0xffff) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = new byte[size];
        for (int i = 0; i < size; i++) {
            // The cookie, then for IPv6 the transaction id: the 16 bytes of the header from offset 4.
            address[i] = (byte) (b.get(value + 4 + i) ^ b.get(message + 4 + i));
        }
        try {
            return new IpEndpoint(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private Peer peer(Endpoint address) {
        return peers.computeIfAbsent(address, Peer::new);
    }

    private void close() {
        peers.values().forEach(Peer::close);
        peers.clear();
    }

    /** One peer of the client: its datagrams both ways, read as DTLS once they are. */
    private final class Peer {
        private final Endpoint address;
        private DatagramListener dtls;
        private boolean clientOpened;

        Peer(Endpoint address) {
            this.address = address;
        }

        void datagram(boolean fromClient, ByteBuffer data, long frame) {
            if (dtls == null) {
                if (!handler.startsUdpFlow(data)) return; // ICE checks, RTP: not DTLS
                clientOpened = fromClient;
                Endpoint client = server == Side.RESPONDER ? outer.originator() : outer.responder();
                Endpoint relay = server == Side.RESPONDER ? outer.responder() : outer.originator();
                dtls = handler.openUdp(new Connection(transport, fromClient ? client : address, fromClient ? address : client,
                        false, frame, clock.epochNanos(), Optional.empty(), Optional.of(relay)));
            }
            dtls.datagram(fromClient == clientOpened ? Side.ORIGINATOR : Side.RESPONDER, data, frame);
        }

        void close() {
            if (dtls != null) dtls.closed();
        }
    }
}
