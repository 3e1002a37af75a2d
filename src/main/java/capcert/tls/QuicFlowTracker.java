package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.DatagramListener;
import capcert.net.Side;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one UDP flow as a QUIC connection (RFC 9000, 9001; v2: RFC 9369). Initial packets are opened
 * with the keys every connection derives from the client's Destination Connection ID, so every
 * connection shows its ClientHello (SNI, ALPN) and ServerHello without any key log; with the
 * handshake traffic secrets of a key log, Handshake packets give the server's and the client's
 * Certificate messages. Packets may be coalesced in a datagram, repeated or reordered; CRYPTO
 * frames are put back in order per side and level. Version Negotiation and Retry are followed;
 * 0-RTT and 1-RTT packets carry nothing of the handshake and are not opened.
 */
final class QuicFlowTracker implements DatagramListener {

    private static final int INITIAL = 0;
    private static final int HANDSHAKE = 1;
    private static final int SAMPLE = 16;
    private static final int FRAME_PADDING = 0x00;
    private static final int FRAME_PING = 0x01;
    private static final int FRAME_ACK = 0x02;
    private static final int FRAME_ACK_ECN = 0x03;
    private static final int FRAME_CRYPTO = 0x06;
    private static final int FRAME_CONNECTION_CLOSE = 0x1c;
    private static final int FRAME_APPLICATION_CLOSE = 0x1d;
    /** CONNECTION_CLOSE error codes 0x0100-0x01ff carry a TLS alert (RFC 9001 section 4.8). */
    private static final int CRYPTO_ERROR = 0x0100;
    private static final int FATAL = 2;

    private final HandshakeFacts facts;
    private final Consumer<Optional<Handshake>> outcome;
    private boolean reported;

    private QuicVersion version;
    private byte[] initialDestination;
    /** Keys by level, then by side (originator, responder). */
    private final TrafficKeys[][] keys = new TrafficKeys[2][2];
    private final long[][] largest = {{-1, -1}, {-1, -1}};
    private final CryptoStream[][] crypto = new CryptoStream[2][2];
    private final MemoryBudget budget;
    /** What the CRYPTO streams held when last charged. */
    private long charged;
    private final boolean[] handshakeFailed = new boolean[2];
    private boolean handshakeKeysLookedUp;
    private boolean serverHelloSeen;
    private boolean retrySeen;

    /** {@code budget} is the scan's: the CRYPTO streams being put back together are charged to it. */
    QuicFlowTracker(HandshakeFacts facts, Consumer<Optional<Handshake>> outcome, MemoryBudget budget) {
        this.budget = budget;
        this.facts = facts;
        this.outcome = outcome;
    }

    @Override
    public void datagram(Side from, ByteBuffer payload, long frame) {
        if (reported || !payload.hasRemaining()) return;
        if ((payload.get(payload.position()) & 0x80) == 0) {
            shortHeader(); // 1-RTT data, the bulk of a connection: not even copied
            return;
        }
        byte[] datagram = new byte[payload.remaining()];
        payload.duplicate().get(datagram);
        int p = 0;
        while (p < datagram.length && !reported) {
            int first = datagram[p] & 0xff;
            if ((first & 0x80) == 0) {
                shortHeader();
                return;
            }
            int next = longHeaderPacket(from, datagram, p, frame);
            if (next <= p) return;
            p = next;
        }
    }

    /** Reads one long-header packet at {@code p}; returns where the next one starts, or -1 to drop the rest. */
    private int longHeaderPacket(Side from, byte[] d, int p, long frame) {
        QuicPackets.Reader r = new QuicPackets.Reader(d, p + 1, d.length);
        if (r.remaining() < 4) return -1;
        int code = (d[p + 1] & 0xff) << 24 | (d[p + 2] & 0xff) << 16 | (d[p + 3] & 0xff) << 8 | d[p + 4] & 0xff;
        r.skip(4);
        if (code == 0) {
            versionNegotiation(from, d, r, frame);
            return -1;
        }
        Optional<QuicVersion> packetVersion = QuicVersion.of(code);
        if (packetVersion.isEmpty()) return -1;
        int dcidLength = r.u8();
        if (dcidLength < 0 || dcidLength > QuicPackets.MAX_CONNECTION_ID || r.remaining() < dcidLength) return -1;
        byte[] dcid = Arrays.copyOfRange(d, r.position(), r.position() + dcidLength);
        r.skip(dcidLength);
        int scidLength = r.u8();
        if (scidLength < 0 || scidLength > QuicPackets.MAX_CONNECTION_ID || !r.skip(scidLength)) return -1;
        QuicVersion.PacketType type = packetVersion.get().type(d[p] & 0xff);
        if (type == QuicVersion.PacketType.RETRY) {
            if (!retrySeen) {
                retrySeen = true;
                facts.note(new Note.QuicRetry(frame));
            }
            return -1;
        }
        if (type == QuicVersion.PacketType.INITIAL && !r.skip(r.varint())) return -1;
        long length = r.varint();
        if (length < 0 || length > r.remaining()) return -1;
        int headerEnd = r.position();
        int packetEnd = headerEnd + (int) length;
        boolean client = facts.roleOf(from) == Role.CLIENT;
        int level;
        if (type == QuicVersion.PacketType.INITIAL) {
            level = INITIAL;
            if (client) initialKeys(packetVersion.get(), dcid);
        } else if (type == QuicVersion.PacketType.HANDSHAKE) {
            level = HANDSHAKE;
        } else {
            return packetEnd; // 0-RTT: application data
        }
        if (version == null) return packetEnd;
        TrafficKeys k = keys[level][from.ordinal()];
        if (k == null) return packetEnd;
        Optional<byte[]> payload = open(k, level, from, d, p, headerEnd, packetEnd);
        if (payload.isEmpty()) {
            if (level == HANDSHAKE && !handshakeFailed[from.ordinal()]) {
                handshakeFailed[from.ordinal()] = true;
                facts.decryptionFailed(new Note.DecryptionFailed(facts.roleOf(from), Note.Sealed.HANDSHAKE_PACKET, frame));
            }
            return packetEnd;
        }
        if (level == HANDSHAKE) {
            facts.decryptedWith(facts.keyLog().secrets(facts.clientRandom()).map(s -> s.source(client
                    ? KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET : KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET)).orElse(null));
        }
        frames(from, level, payload.get(), frame);
        return packetEnd;
    }

    /** The client's Initial names the Destination Connection ID both sides' Initial keys come from. */
    private void initialKeys(QuicVersion packetVersion, byte[] dcid) {
        if (packetVersion == version && Arrays.equals(dcid, initialDestination)) return;
        if (version == null) facts.quic(packetVersion.label);
        else if (packetVersion != version) facts.quic(packetVersion.label);
        version = packetVersion;
        initialDestination = dcid;
        Side client = clientSide();
        keys[INITIAL][client.ordinal()] = packetVersion.initialKeys(dcid, true);
        keys[INITIAL][client.other().ordinal()] = packetVersion.initialKeys(dcid, false);
        largest[INITIAL][0] = -1;
        largest[INITIAL][1] = -1;
    }

    private Side clientSide() {
        return facts.roleOf(Side.ORIGINATOR) == Role.CLIENT ? Side.ORIGINATOR : Side.RESPONDER;
    }

    /** Removes header protection and opens the packet; empty when the tag does not match. */
    private Optional<byte[]> open(TrafficKeys k, int level, Side from, byte[] d, int p, int pnOffset, int packetEnd) {
        if (pnOffset + 4 + SAMPLE > packetEnd) return Optional.empty();
        byte[] mask = k.mask(Arrays.copyOfRange(d, pnOffset + 4, pnOffset + 4 + SAMPLE));
        int first = (d[p] & 0xff) ^ (mask[0] & 0x0f);
        int pnLength = (first & 0x03) + 1;
        byte[] header = Arrays.copyOfRange(d, p, pnOffset + pnLength);
        header[0] = (byte) first;
        long truncated = 0;
        for (int i = 0; i < pnLength; i++) {
            header[pnOffset - p + i] ^= mask[1 + i];
            truncated = truncated << 8 | (header[pnOffset - p + i] & 0xff);
        }
        long number = QuicPackets.decodePacketNumber(largest[level][from.ordinal()], truncated, pnLength * 8);
        Optional<byte[]> payload = k.open(number, header, d, pnOffset + pnLength, packetEnd - pnOffset - pnLength);
        if (payload.isPresent() && number > largest[level][from.ordinal()]) largest[level][from.ordinal()] = number;
        return payload;
    }

    private void frames(Side from, int level, byte[] payload, long frame) {
        QuicPackets.Reader r = new QuicPackets.Reader(payload, 0, payload.length);
        while (r.remaining() > 0) {
            long type = r.varint();
            if (type == FRAME_PADDING || type == FRAME_PING) continue;
            if (type == FRAME_ACK || type == FRAME_ACK_ECN) {
                if (!skipAck(r, type == FRAME_ACK_ECN)) return;
            } else if (type == FRAME_CRYPTO) {
                long offset = r.varint();
                long length = r.varint();
                int at = r.position();
                if (offset < 0 || length < 0 || !r.skip(length)) return;
                cryptoData(from, level, offset, payload, at, (int) length, frame);
            } else if (type == FRAME_CONNECTION_CLOSE || type == FRAME_APPLICATION_CLOSE) {
                long error = r.varint();
                if (type == FRAME_CONNECTION_CLOSE && error >= CRYPTO_ERROR && error <= CRYPTO_ERROR + 0xff) {
                    facts.alert(from, FATAL, (int) (error - CRYPTO_ERROR), frame);
                }
                return;
            } else {
                return; // no other frame may be sent in Initial and Handshake packets
            }
        }
    }

    private static boolean skipAck(QuicPackets.Reader r, boolean ecn) {
        if (!skipVarints(r, 2)) return false; // largest acknowledged, delay
        long ranges = r.varint();
        if (ranges < 0 || !skipVarints(r, 1)) return false; // range count, first range
        for (long i = 0; i < ranges; i++) {
            if (!skipVarints(r, 2)) return false; // gap, range length
        }
        return !ecn || skipVarints(r, 3); // ECT(0), ECT(1) and ECN-CE counts
    }

    /** Reads {@code count} variable-length integers; false when the packet ends first. */
    private static boolean skipVarints(QuicPackets.Reader r, int count) {
        for (int i = 0; i < count; i++) {
            if (r.varint() < 0) return false;
        }
        return true;
    }

    private void cryptoData(Side from, int level, long offset, byte[] data, int at, int length, long frame) {
        CryptoStream stream = crypto[level][from.ordinal()];
        if (stream == null) stream = crypto[level][from.ordinal()] = new CryptoStream(facts.limits().maxHandshakeMessage());
        CryptoStream.Refusal refusal = stream.add(offset, data, at, length);
        charge(frame);
        if (refusal == CryptoStream.Refusal.BEYOND_LIMIT) {
            facts.note(new Note.CryptoDataOverLimit(facts.roleOf(from), facts.limits().maxHandshakeMessage(), frame));
            return;
        }
        while (stream.available() >= 4 && !reported) {
            byte[] b = stream.array();
            int s = stream.start();
            int type = b[s] & 0xff;
            int messageLength = (b[s + 1] & 0xff) << 16 | (b[s + 2] & 0xff) << 8 | b[s + 3] & 0xff;
            if (stream.available() - 4 < messageLength) break;
            message(from, level, type, b, s + 4, messageLength, frame);
            stream.consume(4 + messageLength);
        }
    }

    private void message(Side from, int level, int type, byte[] b, int offset, int length, long frame) {
        if (level == INITIAL) {
            HandshakeMessages.handle(type, b, offset, length, false, from, frame, facts);
            if (type == HandshakeType.SERVER_HELLO) {
                serverHelloSeen = true;
                handshakeKeys();
            }
            return;
        }
        Tls13Messages.handle(type, b, offset, length, from, frame, facts, Tls13Messages.KeyChanges.NONE);
        if (type == HandshakeType.FINISHED && facts.roleOf(from) == Role.CLIENT) report();
    }

    /** After the ServerHello: the Handshake keys from the key log, or the reason there are none. */
    private void handshakeKeys() {
        if (handshakeKeysLookedUp) return;
        handshakeKeysLookedUp = true;
        Optional<KeyLog.Secrets> secrets = facts.handshakeSecrets(version);
        if (secrets.isEmpty()) return;
        Optional<Tls13Suite> suite = Tls13Suite.of(facts.cipherSuite());
        if (suite.isEmpty()) {
            facts.notDecrypted(new Note.SuiteNotDecrypted(version, new CipherSuite(facts.cipherSuite())));
            return;
        }
        Side client = clientSide();
        keys[HANDSHAKE][client.other().ordinal()] = handshakeKeys(suite.get(), secrets.get(), KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        keys[HANDSHAKE][client.ordinal()] = handshakeKeys(suite.get(), secrets.get(), KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
    }

    private TrafficKeys handshakeKeys(Tls13Suite suite, KeyLog.Secrets secrets, KeyLog.Label label) {
        Optional<byte[]> secret = secrets.get(label);
        if (secret.isEmpty() || secret.get().length != suite.hkdf.hashLength()) return null;
        return new TrafficKeys(suite, version.labels, secret.get());
    }

    /** A 1-RTT packet: without handshake keys nothing more can be learnt, so the connection reports. */
    private void shortHeader() {
        if (serverHelloSeen && keys[HANDSHAKE][0] == null && keys[HANDSHAKE][1] == null) report();
    }

    private void versionNegotiation(Side from, byte[] d, QuicPackets.Reader r, long frame) {
        int dcidLength = r.u8();
        if (dcidLength < 0 || !r.skip(dcidLength)) return;
        int scidLength = r.u8();
        if (scidLength < 0 || !r.skip(scidLength)) return;
        List<Integer> offered = new ArrayList<>();
        while (r.remaining() >= 4) {
            int at = r.position();
            offered.add((d[at] & 0xff) << 24 | (d[at + 1] & 0xff) << 16 | (d[at + 2] & 0xff) << 8 | d[at + 3] & 0xff);
            r.skip(4);
        }
        facts.note(new Note.QuicVersionNegotiation(facts.roleOf(from), frame, offered));
    }

    @Override
    public void closed() {
        report();
        budget.release(charged);
        charged = 0;
    }

    /** Brings the budget's charge in line with what the streams hold now; past it, idler state goes first. */
    private void charge(long frame) {
        long held = 0;
        for (CryptoStream[] level : crypto) {
            for (CryptoStream stream : level) if (stream != null) held += stream.held();
        }
        if (held > charged) budget.chargeHeld(held - charged, frame);
        else budget.release(charged - held);
        charged = held;
    }

    private void report() {
        if (reported) return;
        reported = true;
        // Nothing more is read from this flow: let its buffers go while the capture goes on.
        for (CryptoStream[] level : crypto) Arrays.fill(level, null);
        if (facts.clientRandom() == null) {
            facts.notDecrypted(new Note.QuicClientHelloUnread());
        }
        outcome.accept(facts.tlsSeen() || version != null ? Optional.of(facts.toHandshake()) : Optional.empty());
    }
}
