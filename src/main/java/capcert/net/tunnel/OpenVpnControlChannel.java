package capcert.net.tunnel;

import capcert.net.Concealment;
import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.FrameClock;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * OpenVPN's control channel: the TLS sessions that set up and renew the tunnel's keys, each under
 * its key id (0 for the session a hard reset starts, 1 to 7 for the renegotiations soft resets
 * start). Each side's control packets of a key are put back in packet-id order (the reliability
 * layer retransmits, the network reorders), repeats dropped, and their payloads handed to a TLS
 * reader as one stream. Whether tls-auth wraps the packets, and with which HMAC, is read off the
 * packets themselves: the acks a packet carries are followed by the peer's session id, which sits
 * at a known place for each HMAC length. Under tls-crypt the channel is encrypted: said so, nothing read.
 */
final class OpenVpnControlChannel {

    /** How the packets are wrapped, once known. */
    private enum Wrapping { UNKNOWN, PLAIN, TLS_AUTH, TLS_CRYPT, TLS_CRYPT_V2, UNREADABLE }

    /** Packets kept while the wrapping is not known yet; a session shows it within its first few. */
    private static final int MAX_UNDECIDED = 32;
    private static final int MAX_UNDECIDED_BYTES = 16 * 1024;
    private static final int KEY_IDS = 8;
    private static final int TLS_HANDSHAKE_RECORD = 22;
    private static final int TLS_MAJOR_VERSION = 3;

    private final Connection outer;
    private final Transport transport;
    private final ConnectionHandler handler;
    private final FrameClock clock;
    private final HeldForOrder held;
    /** Over TCP: the outer connection's own reader, which reads the first session. */
    private StreamListener firstReader;
    private Wrapping wrapping = Wrapping.UNKNOWN;
    private int hmacLength;
    private final List<Undecided> undecided = new ArrayList<>();
    private int undecidedBytes;
    private final long[] sessionId = new long[2];
    private final boolean[] sessionIdKnown = new boolean[2];
    private final KeySession[] keys = new KeySession[KEY_IDS];
    private StreamListener concealedReader;
    /** The first control packet's frame and time: where a session hidden by tls-crypt starts. */
    private long firstFrame = -1;
    private long firstEpochNanos;

    private record Undecided(Side from, byte[] packet, long frame, long epochNanos) {
    }

    private OpenVpnControlChannel(Connection outer, Transport transport, ConnectionHandler handler, FrameClock clock,
                                  HeldForOrder held, StreamListener firstReader) {
        this.outer = outer;
        this.transport = transport;
        this.handler = handler;
        this.clock = clock;
        this.held = held;
        this.firstReader = firstReader;
    }

    /** OpenVPN over UDP: one packet per datagram. */
    static DatagramListener overUdp(Connection outer, ConnectionHandler handler, FrameClock clock, HeldForOrder held) {
        OpenVpnControlChannel channel = new OpenVpnControlChannel(outer, Transport.OPENVPN_UDP, handler, clock, held, null);
        return new DatagramListener() {
            @Override
            public void datagram(Side from, ByteBuffer payload, long frame) {
                channel.packet(from, payload, payload.position(), payload.limit(), frame);
            }

            @Override
            public void closed() {
                channel.close();
            }
        };
    }

    /** OpenVPN over TCP; {@code outerReader}, already told of the tunnel, reads the first session. */
    static OpenVpnControlChannel overTcp(Connection outer, StreamListener outerReader, ConnectionHandler handler,
                                         FrameClock clock, HeldForOrder held) {
        return new OpenVpnControlChannel(outer, Transport.OPENVPN_TCP, handler, clock, held, outerReader);
    }

    /** Whether {@code session} is the session id {@code side} was seen to send. */
    boolean sessionOf(Side side, long session) {
        return sessionIdKnown[side.ordinal()] && sessionId[side.ordinal()] == session;
    }

    /** Whether anything more of the connection can be read. */
    boolean readable() {
        return wrapping != Wrapping.UNREADABLE && concealedReader == null;
    }

    void packet(Side from, ByteBuffer b, int p, int end, long frame) {
        packet(from, b, p, end, frame, clock.epochNanos());
    }

    private void packet(Side from, ByteBuffer b, int p, int end, long frame, long epochNanos) {
        if (end - p < OpenVpnPacket.HEADER || !readable()) return;
        int first = b.get(p);
        int opcode = OpenVpnPacket.opcode(first);
        if (!OpenVpnPacket.control(opcode)) return; // the tunnel's data, or not OpenVPN
        long session = b.getLong(p + 1);
        int s = from.ordinal();
        if (firstFrame < 0) {
            firstFrame = frame;
            firstEpochNanos = epochNanos;
        }
        if (OpenVpnPacket.hardResetFromClient(opcode) && sessionIdKnown[s] && sessionId[s] != session) {
            closeKeys(); // the client started over: a new session on the same flow
            sessionIdKnown[from.other().ordinal()] = false;
        }
        sessionId[s] = session;
        sessionIdKnown[s] = true;
        if (wrapping == Wrapping.UNKNOWN) {
            if (opcode == OpenVpnPacket.HARD_RESET_CLIENT_V3 || opcode == OpenVpnPacket.CONTROL_WKC_V1) {
                wrapping = Wrapping.TLS_CRYPT_V2;
            } else {
                decide(from, b, p, end, opcode, epochNanos);
            }
            if (wrapping == Wrapping.UNKNOWN) {
                hold(from, b, p, end, frame, epochNanos);
                return;
            }
            replayUndecided();
        }
        switch (wrapping) {
            case PLAIN, TLS_AUTH -> read(from, b, p, end, opcode, frame, epochNanos);
            case TLS_CRYPT -> conceal(Concealment.OPENVPN_TLS_CRYPT);
            case TLS_CRYPT_V2 -> conceal(Concealment.OPENVPN_TLS_CRYPT_V2);
            default -> {
                // UNKNOWN is held above; UNREADABLE reads nothing
            }
        }
    }

    /**
     * Settles the wrapping from one packet, if it tells: its acks followed by the peer's session id
     * at the place an HMAC length puts them, or its payload starting a TLS handshake record there.
     * A reply to a reset that fits no HMAC length while its replay id and time are plausible is tls-crypt.
     */
    private void decide(Side from, ByteBuffer b, int p, int end, int opcode, long epochNanos) {
        Side peer = from.other();
        for (int hmac = -1; hmac < OpenVpnPacket.HMAC_LENGTHS.length; hmac++) {
            int length = hmac < 0 ? 0 : OpenVpnPacket.HMAC_LENGTHS[hmac];
            int q = OpenVpnPacket.acksAt(p, length);
            if (end - q < 1) continue;
            int acks = b.get(q) & 0xff;
            if (acks > OpenVpnPacket.MAX_ACKS) continue;
            int remoteSession = q + 1 + acks * OpenVpnPacket.PACKET_ID;
            boolean acksPeer = acks > 0 && sessionIdKnown[peer.ordinal()] && end - remoteSession >= OpenVpnPacket.SESSION_ID
                    && b.getLong(remoteSession) == sessionId[peer.ordinal()];
            int payload = remoteSession + (acks > 0 ? OpenVpnPacket.SESSION_ID : 0) + OpenVpnPacket.PACKET_ID;
            boolean startsTls = opcode == OpenVpnPacket.CONTROL_V1 && end - payload >= 3
                    && b.get(payload) == TLS_HANDSHAKE_RECORD && b.get(payload + 1) == TLS_MAJOR_VERSION;
            if (acksPeer || startsTls) {
                hmacLength = length;
                wrapping = length == 0 ? Wrapping.PLAIN : Wrapping.TLS_AUTH;
                return;
            }
        }
        boolean answersReset = opcode == OpenVpnPacket.HARD_RESET_SERVER_V2 || opcode == OpenVpnPacket.HARD_RESET_SERVER_V1;
        if (answersReset && sessionIdKnown[peer.ordinal()]
                && OpenVpnPacket.replayPlausible(b, p + OpenVpnPacket.HEADER, epochNanos)) {
            wrapping = Wrapping.TLS_CRYPT;
        }
    }

    private void hold(Side from, ByteBuffer b, int p, int end, long frame, long epochNanos) {
        if (undecided.size() >= MAX_UNDECIDED || undecidedBytes + end - p > MAX_UNDECIDED_BYTES) {
            wrapping = Wrapping.UNREADABLE;
            undecided.clear();
            return;
        }
        undecidedBytes += end - p;
        byte[] copy = new byte[end - p];
        b.get(p, copy);
        undecided.add(new Undecided(from, copy, frame, epochNanos));
    }

    private void replayUndecided() {
        List<Undecided> waiting = List.copyOf(undecided);
        undecided.clear();
        undecidedBytes = 0;
        for (Undecided u : waiting) packet(u.from(), ByteBuffer.wrap(u.packet()), 0, u.packet().length, u.frame(), u.epochNanos());
    }

    private void read(Side from, ByteBuffer b, int p, int end, int opcode, long frame, long epochNanos) {
        int key = OpenVpnPacket.keyId(b.get(p));
        if (opcode == OpenVpnPacket.SOFT_RESET_V1 && !unwrappedReset(from, b, p, end)
                && OpenVpnPacket.replayPlausible(b, p + OpenVpnPacket.HEADER, epochNanos)) {
            // Not this channel's wrapping, but a replay id and time where tls-crypt has them.
            if (keys[key] == null || !keys[key].concealed) {
                if (keys[key] != null) keys[key].close();
                keys[key] = new KeySession(frame, epochNanos);
                keys[key].conceal();
            }
            return;
        }
        if (keys[key] != null && keys[key].concealed) return;
        int q = OpenVpnPacket.acksAt(p, hmacLength);
        if (end - q < 1) return;
        int acks = b.get(q) & 0xff;
        if (acks > OpenVpnPacket.MAX_ACKS) return;
        q += 1 + acks * OpenVpnPacket.PACKET_ID + (acks > 0 ? OpenVpnPacket.SESSION_ID : 0);
        if (opcode == OpenVpnPacket.ACK_V1 || end - q < OpenVpnPacket.PACKET_ID) return;
        long packetId = Integer.toUnsignedLong(b.getInt(q));
        q += OpenVpnPacket.PACKET_ID;
        KeySession session = keys[key];
        boolean reset = OpenVpnPacket.reset(opcode);
        if (session == null || reset && session.tlsSeen) {
            if (session != null) session.close();
            session = new KeySession(frame, epochNanos);
            keys[key] = session;
        }
        session.reliable(from, packetId, reset ? null : b.duplicate().limit(end).position(q), frame);
    }

    /** A soft reset as this channel wraps its packets: acks that name the peer's session, then packet id 0. */
    private boolean unwrappedReset(Side from, ByteBuffer b, int p, int end) {
        int q = OpenVpnPacket.acksAt(p, hmacLength);
        if (end - q < 1) return false;
        int acks = b.get(q) & 0xff;
        if (acks > OpenVpnPacket.MAX_ACKS) return false;
        int remoteSession = q + 1 + acks * OpenVpnPacket.PACKET_ID;
        int packetId = remoteSession + (acks > 0 ? OpenVpnPacket.SESSION_ID : 0);
        if (end - packetId < OpenVpnPacket.PACKET_ID || b.getInt(packetId) != 0) return false;
        Side peer = from.other();
        return acks == 0 || sessionIdKnown[peer.ordinal()] && b.getLong(remoteSession) == sessionId[peer.ordinal()];
    }

    private void conceal(Concealment why) {
        concealedReader = open(firstFrame, firstEpochNanos);
        concealedReader.concealed(why);
    }

    private StreamListener open(long frame, long epochNanos) {
        if (firstReader != null) {
            StreamListener reader = firstReader;
            firstReader = null;
            return reader;
        }
        return handler.openTcp(new Connection(transport, outer.originator(), outer.responder(), outer.originatorKnown(),
                frame, epochNanos));
    }

    private void closeKeys() {
        for (int k = 0; k < KEY_IDS; k++) {
            if (keys[k] != null) keys[k].close();
            keys[k] = null;
        }
    }

    /** End of the connection: every session read so far is reported. */
    void close() {
        closeKeys();
        if (concealedReader != null) concealedReader.closed();
        concealedReader = null;
        if (firstReader != null) firstReader.closed(); // no session started: it reports nothing
        firstReader = null;
    }

    /** One key's TLS session: each side's control payloads in packet-id order. */
    private final class KeySession {
        private final StreamListener reader;
        private final long[] next = {-1, -1};
        private final List<TreeMap<Long, byte[]>> early = List.of(new TreeMap<>(), new TreeMap<>());
        private final long[] earlyBytes = new long[2];
        /** Whether a side went over its limit and was said to: once a side. */
        private final boolean[] fullReported = new boolean[2];
        private boolean tlsSeen;
        private boolean concealed;

        KeySession(long frame, long epochNanos) {
            reader = open(frame, epochNanos);
        }

        /** The session's control channel is encrypted: there is a handshake, and nothing to read of it. */
        void conceal() {
            concealed = true;
            reader.concealed(Concealment.OPENVPN_DYNAMIC_TLS_CRYPT);
        }

        /** One reliable packet; {@code payload} null for a reset, which only takes its packet id. */
        void reliable(Side from, long packetId, ByteBuffer payload, long frame) {
            int s = from.ordinal();
            if (next[s] < 0) next[s] = packetId;
            if (packetId < next[s]) return; // a retransmission of what was read
            if (packetId > next[s]) {
                holdEarly(from, packetId, payload, frame);
                return;
            }
            deliver(from, payload, frame);
            next[s]++;
            drain(from, frame);
        }

        private void holdEarly(Side from, long packetId, ByteBuffer payload, long frame) {
            int s = from.ordinal();
            TreeMap<Long, byte[]> waiting = early.get(s);
            if (waiting.containsKey(packetId)) return;
            byte[] copy = new byte[payload == null ? 0 : payload.remaining()];
            if (payload != null) payload.duplicate().get(copy);
            waiting.put(packetId, copy);
            earlyBytes[s] += copy.length;
            held.change(copy.length, frame);
            if (held.directionFull(earlyBytes[s]) && !fullReported[s]) {
                fullReported[s] = true;
                held.reportFull(outer, from, frame);
            }
            while (held.overLimit(earlyBytes[s], frame) && !waiting.isEmpty()) skipHole(from, frame);
        }

        /** Gives up the packets missing before the first held one. */
        private void skipHole(Side from, long frame) {
            TreeMap<Long, byte[]> waiting = early.get(from.ordinal());
            if (waiting.isEmpty()) return;
            if (tlsSeen) reader.gap(from, StreamListener.UNKNOWN_LENGTH, frame);
            next[from.ordinal()] = waiting.firstKey();
            drain(from, frame);
        }

        private void drain(Side from, long frame) {
            int s = from.ordinal();
            TreeMap<Long, byte[]> waiting = early.get(s);
            while (!waiting.isEmpty() && waiting.firstKey() == next[s]) {
                byte[] payload = waiting.pollFirstEntry().getValue();
                earlyBytes[s] -= payload.length;
                held.change(-payload.length, frame);
                deliver(from, ByteBuffer.wrap(payload), frame);
                next[s]++;
            }
        }

        private void deliver(Side from, ByteBuffer payload, long frame) {
            if (payload == null || !payload.hasRemaining()) return;
            tlsSeen = true;
            if (reader.wantsMore(from)) reader.data(from, payload, frame);
        }

        void close() {
            for (Side side : Side.values()) {
                while (!early.get(side.ordinal()).isEmpty()) skipHole(side, clock.frame());
            }
            reader.closed();
        }
    }
}
