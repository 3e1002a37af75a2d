package capcert.net.tunnel;

import capcert.capture.Limit;
import capcert.net.EapMethod;
import capcert.net.EapSession;
import capcert.net.HeldBytes;
import capcert.net.NetworkProblem;
import capcert.net.Transport;
import capcert.testing.CaptureWriter;
import capcert.testing.TestCertificates;
import capcert.testing.TlsBytes;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Limits;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tunnels in situations the software here cannot produce, built byte by byte from the RFCs (RADIUS:
 * RFC 2865 and 3579; EAPOL: IEEE 802.1X; TURN: RFC 8656) and OpenVPN's protocol as its sources
 * define it, around TLS records of {@link TlsBytes} and real DER certificates.
 */
class HandBuiltTunnelsTest {

    @TempDir
    Path dir;

    private CaptureResult scan(CaptureWriter w) {
        return scan(w, ScanOptions.defaults());
    }

    private CaptureResult scan(CaptureWriter w, ScanOptions options) {
        Path file = w.write(dir.resolve("capture.pcap"));
        return new CaptureScanner(options).scan(file);
    }

    private static List<String> subjects(Handshake h, Role role) {
        return h.chain(role).stream().map(c -> CertificateDetails.decode(c.der()).subject()).toList();
    }

    // ------------------------------------------------------------ RADIUS

    private static final int ACCESS_REQUEST = 1, ACCESS_ACCEPT = 2, ACCESS_REJECT = 3, ACCESS_CHALLENGE = 11;
    private static final int USER_NAME = 1, STATE = 24, CALLING_STATION_ID = 31, NAS_IDENTIFIER = 32, EAP_MESSAGE = 79;
    private static final int L = 0x80, M = 0x40, S = 0x20;

    private static byte[] attribute(int type, byte[] value) {
        return TlsBytes.concat(new byte[] {(byte) type, (byte) (value.length + 2)}, value);
    }

    /** A RADIUS packet; its EAP packet split over EAP-Message attributes of at most 253 bytes. */
    private static byte[] radius(int code, int id, int authenticatorSeed, byte[] eap, byte[]... attributes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] a : attributes) body.writeBytes(a);
        for (int at = 0; at < eap.length; at += 253) {
            body.writeBytes(attribute(EAP_MESSAGE, Arrays.copyOfRange(eap, at, Math.min(eap.length, at + 253))));
        }
        byte[] header = ByteBuffer.allocate(20).put((byte) code).put((byte) id).putShort((short) (20 + body.size()))
                .put(TlsBytes.filler(16, authenticatorSeed)).array();
        return TlsBytes.concat(header, body.toByteArray());
    }

    private static byte[] eap(int code, int id, int type, byte[] typeData) {
        byte[] p = TlsBytes.concat(new byte[] {(byte) code, (byte) id, 0, 0, (byte) type}, typeData);
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        return p;
    }

    private static byte[] eapSuccessOrFailure(int code, int id) {
        return new byte[] {(byte) code, (byte) id, 0, 4};
    }

    private static byte[] tls(int flags, byte[] data, int messageLength) {
        if ((flags & L) == 0) return TlsBytes.concat(new byte[] {(byte) flags}, data);
        return TlsBytes.concat(new byte[] {(byte) flags}, ByteBuffer.allocate(4).putInt(messageLength).array(), data);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One supplicant's authentication, advanced one round trip at a time. */
    private static final class Supplicant {
        final String name;
        final EapMethod method;
        final byte[] flight;
        int eapId = 10;
        int radiusId;
        byte[] state = new byte[0];
        int sent;

        Supplicant(String name, EapMethod method, byte[] flight, int radiusId) {
            this.name = name;
            this.method = method;
            this.flight = flight;
            this.radiusId = radiusId;
        }

        byte[][] stateAttribute() {
            return state.length == 0 ? new byte[0][] : new byte[][] {attribute(STATE, state)};
        }
    }

    @Test
    void interleavedSupplicantsOfOneNasAreToldApartByStateAcrossSourcePorts() {
        byte[] chainA = TestCertificates.withCommonName("radius-a.example");
        byte[] chainB = TestCertificates.withCommonName("radius-b.example");
        Supplicant alice = new Supplicant("alice", EapMethod.TLS, TlsBytes.serverFlight(List.of(chainA)).bytes(), 0);
        Supplicant bob = new Supplicant("bob", EapMethod.PEAP, TlsBytes.serverFlight(List.of(chainB)).bytes(), 1);
        CaptureWriter w = CaptureWriter.pcap();
        // 1645: the legacy authentication port; the NAS later goes on from another source port
        CaptureWriter.UdpFlow nas = w.udp("192.0.2.2", 1645, "192.0.2.1", 1645);
        CaptureWriter.UdpFlow otherPort = w.udp("192.0.2.2", 40000, "192.0.2.1", 1645);
        for (Supplicant s : List.of(alice, bob)) {
            nas.clientSends(radius(ACCESS_REQUEST, s.radiusId, s.radiusId, eap(2, s.eapId, 1, text(s.name)),
                    attribute(USER_NAME, text(s.name)), attribute(NAS_IDENTIFIER, text("sw-7")),
                    attribute(CALLING_STATION_ID, text(s.name.equals("alice") ? "02-00-00-00-00-0A" : "02-00-00-00-00-0B"))));
        }
        // answered in the other order; each challenge gives its own State
        for (Supplicant s : List.of(bob, alice)) {
            s.state = text("state-" + s.name + "-1");
            nas.serverSends(radius(ACCESS_CHALLENGE, s.radiusId, 50 + s.radiusId, eap(1, ++s.eapId, s.method.type(), new byte[] {S}),
                    attribute(STATE, s.state)));
        }
        byte[] hello = TlsBytes.clientHelloRecord(null);
        int radiusId = 2;
        for (Supplicant s : List.of(alice, bob)) {
            s.radiusId = radiusId++;
            byte[] request = radius(ACCESS_REQUEST, s.radiusId, s.radiusId,
                    eap(2, s.eapId, s.method.type(), tls(L, hello, hello.length)), s.stateAttribute());
            nas.clientSends(request);
            if (s == alice) nas.clientSends(request); // retransmitted: same Identifier and Request Authenticator
        }
        // the server flights, 400 bytes per EAP fragment, each acknowledged; bob's from the NAS's other port
        while (alice.sent < alice.flight.length || bob.sent < bob.flight.length) {
            for (Supplicant s : List.of(bob, alice)) {
                if (s.sent >= s.flight.length) continue;
                CaptureWriter.UdpFlow flow = s == bob && s.sent > 0 ? otherPort : nas;
                int size = Math.min(400, s.flight.length - s.sent);
                boolean more = s.sent + size < s.flight.length;
                byte[] fragment = tls((s.sent == 0 ? L : 0) | (more ? M : 0), Arrays.copyOfRange(s.flight, s.sent, s.sent + size),
                        s.flight.length);
                s.sent += size;
                s.state = text("state-" + s.name + "-" + s.sent);
                flow.serverSends(radius(ACCESS_CHALLENGE, s.radiusId, 60 + s.radiusId, eap(1, ++s.eapId, s.method.type(), fragment),
                        attribute(STATE, s.state)));
                CaptureWriter.UdpFlow next = s == bob ? otherPort : nas;
                s.radiusId = radiusId++ & 0xff;
                next.clientSends(radius(ACCESS_REQUEST, s.radiusId, s.radiusId, eap(2, s.eapId, s.method.type(), new byte[] {0}),
                        s.stateAttribute()));
            }
        }
        nas.serverSends(radius(ACCESS_ACCEPT, alice.radiusId, 99, eapSuccessOrFailure(3, alice.eapId + 1)));
        otherPort.serverSends(radius(ACCESS_REJECT, bob.radiusId, 98, eapSuccessOrFailure(4, bob.eapId + 1)));

        CaptureResult result = scan(w);
        assertEquals(List.of(), result.problems());
        assertEquals(2, result.handshakes().size(), result.handshakes().toString());
        // in the order their runs began: bob's Start was answered first
        Handshake b = result.handshakes().get(0);
        Handshake a = result.handshakes().get(1);
        assertEquals(Transport.RADIUS, a.transport());
        assertEquals(Optional.of(new EapSession(EapMethod.TLS, Optional.of("alice"), Optional.of("sw-7"), Optional.empty(),
                Optional.of("02-00-00-00-00-0A"))), a.eap());
        assertEquals(List.of("CN=radius-a.example,O=Example"), subjects(a, Role.SERVER));
        assertEquals(EapMethod.PEAP, b.eap().orElseThrow().method());
        assertEquals(Optional.of("bob"), b.eap().orElseThrow().identity());
        assertEquals(List.of("CN=radius-b.example,O=Example"), subjects(b, Role.SERVER));
        assertEquals("192.0.2.2:1645", b.client().toString(), "named by the NAS port the authentication began on");
        assertEquals("192.0.2.1:1645", b.server().toString());
        for (Handshake h : result.handshakes()) assertTrue(h.notes().isEmpty(), () -> h.notes().toString());

        // followed one at a time, the two interleaved authentications push each other out: said once
        CaptureResult one = scan(w, ScanOptions.defaults().withLimits(Limits.defaults().withConnections(1)));
        List<NetworkProblem.TooManyEapAuthentications> tooMany = one.problems().stream()
                .filter(p -> p instanceof NetworkProblem.TooManyEapAuthentications).map(p -> (NetworkProblem.TooManyEapAuthentications) p).toList();
        assertEquals(1, tooMany.size(), one.problems().toString());
        assertEquals(1, tooMany.get(0).max());
        assertEquals(Limit.CONNECTIONS, tooMany.get(0).limit());
        assertEquals(4, tooMany.get(0).frame(), "alice's run begins while bob's is followed");
    }

    // ------------------------------------------------------------ EAPOL on a Linux cooked capture

    /** The frames of a classic little-endian pcap file. */
    private static List<byte[]> frames(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> frames = new ArrayList<>();
        for (int at = 24; at + 16 <= b.limit(); ) {
            int length = b.getInt(at + 8);
            frames.add(Arrays.copyOfRange(b.array(), at + 16, at + 16 + length));
            at += 16 + length;
        }
        return frames;
    }

    /**
     * The wired 802.1X capture as {@code tcpdump -i any} would have written it on the supplicant's
     * machine: Linux cooked headers, which name the sender only.
     */
    @Test
    void eapolFromALinuxCookedCaptureIsOneMachinesConversation() throws IOException {
        CaptureWriter w = CaptureWriter.pcap().linkType(CaptureWriter.LinkType.LINUX_SLL);
        for (byte[] ethernet : frames(Path.of("test-captures/eapol-wired-tls.pcap"))) {
            boolean outgoing = ethernet[11] == 0x02; // sent by the supplicant, 02:00:00:19:2b:02
            ByteBuffer cooked = ByteBuffer.allocate(16 + ethernet.length - 14)
                    .putShort((short) (outgoing ? 4 : 0)).putShort((short) 1).putShort((short) 6)
                    .put(ethernet, 6, 6).putShort((short) 0).put(ethernet, 12, ethernet.length - 12);
            w.frame(cooked.array());
        }
        CaptureResult result = scan(w);
        assertEquals(1, result.handshakes().size());
        Handshake h = result.handshakes().get(0);
        assertEquals("02:00:00:19:2b:02", h.client().toString());
        assertEquals("02:00:00:19:2b:01", h.server().toString());
        assertEquals(3, h.chain(Role.SERVER).size());
        assertEquals(2, h.chain(Role.CLIENT).size());
        assertEquals(Optional.of("client.capcert.test"), h.eap().flatMap(EapSession::identity));
    }

    // ------------------------------------------------------------ OpenVPN

    private static final int HARD_RESET_CLIENT_V2 = 7, HARD_RESET_SERVER_V2 = 8, SOFT_RESET_V1 = 3, CONTROL_V1 = 4, ACK_V1 = 5;

    /** An unwrapped (no tls-auth) OpenVPN control packet. */
    private static byte[] openvpn(int opcode, int key, long session, long[] acks, long peer, long packetId, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 1 + 4 * acks.length + (acks.length > 0 ? 8 : 0) + 4 + payload.length);
        b.put((byte) (opcode << 3 | key)).putLong(session).put((byte) acks.length);
        for (long a : acks) b.putInt((int) a);
        if (acks.length > 0) b.putLong(peer);
        if (opcode != ACK_V1) b.putInt((int) packetId).put(payload);
        return Arrays.copyOf(b.array(), b.position());
    }

    /**
     * An OpenVPN 2.5 peer renegotiates in clear (2.6 peers use dynamic tls-crypt): two TLS sessions
     * on one flow, key ids 0 and 1, control packets repeated and reordered.
     */
    @Test
    void aCleartextRenegotiationIsASecondHandshake() {
        long client = 0x1111_2222_3333_4444L, server = 0x5555_6666_7777_8888L;
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow flow = w.udp("198.51.100.2", 1194, "198.51.100.1", 1194);
        for (int key = 0; key <= 1; key++) {
            byte[] chain = TestCertificates.withCommonName("vpn-key" + key + ".example");
            if (key == 0) {
                flow.clientSends(openvpn(HARD_RESET_CLIENT_V2, 0, client, new long[0], 0, 0, new byte[0]));
                flow.serverSends(openvpn(HARD_RESET_SERVER_V2, 0, server, new long[] {0}, client, 0, new byte[0]));
            } else {
                flow.serverSends(openvpn(SOFT_RESET_V1, 1, server, new long[0], 0, 0, new byte[0]));
                flow.clientSends(openvpn(SOFT_RESET_V1, 1, client, new long[] {0}, server, 0, new byte[0]));
            }
            flow.clientSends(openvpn(CONTROL_V1, key, client, new long[] {0}, server, 1, TlsBytes.clientHelloRecord(null)));
            byte[] flight = TlsBytes.serverFlight(List.of(chain), false).bytes();
            List<byte[]> packets = new ArrayList<>();
            for (int at = 0, id = 1; at < flight.length; at += 150, id++) {
                packets.add(openvpn(CONTROL_V1, key, server, new long[] {1}, client, id,
                        Arrays.copyOfRange(flight, at, Math.min(flight.length, at + 150))));
            }
            flow.serverSends(packets.get(0));
            flow.serverSends(packets.get(2)); // ahead of packet 2
            flow.serverSends(packets.get(1));
            flow.serverSends(packets.get(1)); // a retransmission
            for (byte[] p : packets.subList(3, packets.size())) flow.serverSends(p);
            flow.clientSends(openvpn(ACK_V1, key, client, new long[] {1, 2, 3}, server, 0, new byte[0]));
            flow.clientSends(openvpn(CONTROL_V1, key, client, new long[0], 0, 2, TlsBytes.clientFinishFlight()));
            flow.serverSends(openvpn(CONTROL_V1, key, server, new long[] {2}, client, packets.size() + 1,
                    TlsBytes.serverFinishFlight()));
        }
        CaptureResult result = scan(w);
        assertEquals(List.of(), result.problems());
        assertEquals(2, result.handshakes().size(), result.handshakes().toString());
        for (int key = 0; key <= 1; key++) {
            Handshake h = result.handshakes().get(key);
            assertEquals(Transport.OPENVPN_UDP, h.transport());
            assertEquals(List.of("CN=vpn-key" + key + ".example,O=Example"), subjects(h, Role.SERVER));
            assertTrue(h.notes().isEmpty(), () -> h.notes().toString());
        }
        assertTrue(result.handshakes().get(1).firstFrame() > result.handshakes().get(0).firstFrame());
    }

    /** Control packets held after a missing one stay within --max-buffer per direction; going over it is said. */
    @Test
    void controlPacketsHeldOverThePerDirectionLimitAreGivenUpAndSaidOnce() {
        long client = 0x1111_2222_3333_4444L, server = 0x5555_6666_7777_8888L;
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow flow = w.udp("198.51.100.2", 1194, "198.51.100.1", 1194);
        flow.clientSends(openvpn(HARD_RESET_CLIENT_V2, 0, client, new long[0], 0, 0, new byte[0]));
        flow.serverSends(openvpn(HARD_RESET_SERVER_V2, 0, server, new long[] {0}, client, 0, new byte[0]));
        flow.clientSends(openvpn(CONTROL_V1, 0, client, new long[] {0}, server, 1, TlsBytes.clientHelloRecord(null)));
        byte[] flight = TlsBytes.serverFlight(List.of(TestCertificates.withCommonName("vpn.example")), false).bytes();
        int id = 1;
        for (int at = 0; at < flight.length; at += 150, id++) {
            // packet 1 was not captured: every later one waits for it
            if (id > 1) {
                flow.serverSends(openvpn(CONTROL_V1, 0, server, new long[] {1}, client, id,
                        Arrays.copyOfRange(flight, at, Math.min(flight.length, at + 150))));
            }
        }
        int max = (flight.length - 150) / 2; // the packets after the missing one hold twice as much

        CaptureResult result = scan(w, ScanOptions.defaults().withLimits(Limits.defaults().withBufferedPerStream(max)));
        assertEquals(1, result.problems().size(), result.problems().toString());
        NetworkProblem.ControlChannelBufferFull full = assertInstanceOf(NetworkProblem.ControlChannelBufferFull.class,
                result.problems().get(0));
        assertEquals(List.of("198.51.100.1:1194", "198.51.100.2:1194"), List.of(full.from().toString(), full.to().toString()));
        assertEquals(max, full.max());
        assertEquals(Limit.BUFFER_PER_STREAM, full.limit());
        Handshake h = result.handshakes().get(0);
        assertTrue(h.notes().stream().anyMatch(n -> n instanceof Note.PacketsNotCaptured), () -> h.notes().toString());

        assertEquals(List.of(), scan(w).problems(), "within the default limit the packets wait to the end");
    }

    // ------------------------------------------------------------ TURN

    private static final int MAGIC_COOKIE = 0x2112a442;

    private static byte[] stun(int type, byte[] transaction, byte[]... attributes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] a : attributes) body.writeBytes(a);
        return TlsBytes.concat(ByteBuffer.allocate(20).putShort((short) type).putShort((short) body.size()).putInt(MAGIC_COOKIE)
                .put(transaction).array(), body.toByteArray());
    }

    private static byte[] stunAttribute(int type, byte[] value) {
        byte[] padded = Arrays.copyOf(value, value.length + (-value.length & 3));
        return TlsBytes.concat(ByteBuffer.allocate(4).putShort((short) type).putShort((short) value.length).array(), padded);
    }

    /** XOR-PEER-ADDRESS of an IPv6 peer: the port XORed with the cookie's top, the address with cookie and transaction id. */
    private static byte[] xorPeer(byte[] address, int port, byte[] transaction) {
        byte[] key = TlsBytes.concat(ByteBuffer.allocate(4).putInt(MAGIC_COOKIE).array(), transaction);
        byte[] xored = new byte[16];
        for (int i = 0; i < 16; i++) xored[i] = (byte) (address[i] ^ key[i]);
        return TlsBytes.concat(new byte[] {0, 2}, ByteBuffer.allocate(2).putShort((short) (port ^ (MAGIC_COOKIE >>> 16))).array(), xored);
    }

    @Test
    void dtlsToAnIpv6PeerInSendAndDataIndicationsIsTheirs() throws Exception {
        byte[] peer = java.net.InetAddress.getByName("2001:db8::7").getAddress();
        byte[] chain = TestCertificates.withCommonName("peer.example");
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow turn = w.udp("203.0.113.5", 50000, "203.0.113.1", 3478);
        byte[] tid = TlsBytes.filler(12, 5);
        turn.clientSends(stun(0x0003, tid, stunAttribute(0x0019, new byte[] {17, 0, 0, 0})));
        byte[] hello = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0,
                TlsBytes.dtlsHandshake(TlsBytes.CLIENT_HELLO, 0, TlsBytes.dtlsClientHelloBody("peer.example", null)));
        byte[] tid2 = TlsBytes.filler(12, 6);
        turn.clientSends(stun(0x0016, tid2, stunAttribute(0x0012, xorPeer(peer, 4433, tid2)), stunAttribute(0x0013, hello)));
        List<byte[]> records = new ArrayList<>();
        records.add(TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0,
                TlsBytes.dtlsHandshake(TlsBytes.SERVER_HELLO, 0, TlsBytes.dtlsServerHelloBody(TlsBytes.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256))));
        long sequence = 1;
        for (byte[] fragment : TlsBytes.dtlsFragments(TlsBytes.CERTIFICATE, 1, TlsBytes.certificateBody(List.of(chain)), 300)) {
            records.add(TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, sequence++, fragment));
        }
        for (byte[] record : records) {
            byte[] t = TlsBytes.filler(12, (int) sequence++);
            turn.serverSends(stun(0x0017, t, stunAttribute(0x0012, xorPeer(peer, 4433, t)), stunAttribute(0x0013, record)));
        }
        CaptureResult result = scan(w);
        assertEquals(1, result.handshakes().size(), result.handshakes().toString());
        Handshake h = result.handshakes().get(0);
        assertEquals(Transport.TURN_UDP, h.transport());
        assertEquals("203.0.113.5:50000", h.client().toString());
        assertEquals("[2001:db8::7]:4433", h.server().toString());
        assertEquals(Optional.of("203.0.113.1:3478"), h.relay().map(Object::toString));
        assertEquals(Optional.of("peer.example"), h.sni());
        List<CertificateEntry> sent = h.chain(Role.SERVER);
        assertEquals(List.of("CN=peer.example,O=Example"), subjects(h, Role.SERVER), sent.toString());
    }

    /**
     * A relay's peers each get a DTLS reader of their own, and what each holds of unfinished
     * handshake messages counts against the capture's total: many peers cannot hold more than it.
     */
    @Test
    void turnPeersHoldTheirUnfinishedDtlsMessagesAgainstTheCapturesTotal() throws Exception {
        byte[] certificateBody = TlsBytes.certificateBody(List.of(TestCertificates.withCommonName("peer.example")));
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow turn = w.udp("203.0.113.5", 50000, "203.0.113.1", 3478);
        int peers = 8;
        int seed = 1;
        for (int i = 1; i <= peers; i++) {
            byte[] peer = java.net.InetAddress.getByName("2001:db8::" + i).getAddress();
            byte[] hello = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0,
                    TlsBytes.dtlsHandshake(TlsBytes.CLIENT_HELLO, 0, TlsBytes.dtlsClientHelloBody("peer" + i + ".example", null)));
            byte[] t = TlsBytes.filler(12, seed++);
            turn.clientSends(stun(0x0016, t, stunAttribute(0x0012, xorPeer(peer, 4433, t)), stunAttribute(0x0013, hello)));
            // the peer's Certificate message but its last fragment: held, waiting for it
            List<byte[]> fragments = TlsBytes.dtlsFragments(TlsBytes.CERTIFICATE, 1, certificateBody, 100);
            for (int f = 0; f < fragments.size() - 1; f++) {
                byte[] record = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, f + 1, fragments.get(f));
                byte[] d = TlsBytes.filler(12, seed++);
                turn.serverSends(stun(0x0017, d, stunAttribute(0x0012, xorPeer(peer, 4433, d)), stunAttribute(0x0013, record)));
            }
        }

        CaptureResult unlimited = scan(w);
        assertEquals(peers, unlimited.handshakes().size());
        assertEquals(List.of(), unlimited.problems());

        int heldPerPeer = (certificateBody.length - 1) / 100 * 100;
        int total = 2 * heldPerPeer; // two peers fit, the others go over it
        CaptureResult limited = scan(w, ScanOptions.defaults().withLimits(Limits.defaults().withBufferedTotal(total)));
        assertEquals(peers, limited.handshakes().size());
        assertEquals(1, limited.problems().size(), limited.problems().toString());
        NetworkProblem.HeldBytesFull full = assertInstanceOf(NetworkProblem.HeldBytesFull.class, limited.problems().get(0));
        assertEquals(new NetworkProblem.HeldBytesFull(full.frame(), total, HeldBytes.Holder.DTLS_FRAGMENTS), full);
        assertEquals(Limit.BUFFER_TOTAL, full.limit());
        List<Handshake> dropped = limited.handshakes().stream()
                .filter(h -> h.notes().stream().anyMatch(n -> n instanceof Note.DtlsMessagesDroppedOverTotal)).toList();
        assertEquals(IntStream.rangeClosed(3, peers).mapToObj(i -> "[2001:db8::" + i + "]:4433").toList(),
                dropped.stream().map(h -> h.server().toString()).toList());
        assertTrue(limited.handshakes().stream().allMatch(h -> h.transport() == Transport.TURN_UDP && h.relay().isPresent()));
    }

    /**
     * TURN over TCP: a message cut by a segment boundary is copied until the rest comes, and that
     * copy counts against the capture's total. Relays that each leave one unfinished cannot hold more
     * than it; past it each gives the message up, and a message that comes whole is still read.
     */
    @Test
    void turnOverTcpHoldsMessagesCutBySegmentsAgainstTheCapturesTotal() throws Exception {
        CaptureWriter w = CaptureWriter.pcap();
        for (int i = 1; i <= 6; i++) turnOverTcp(w, i, 100); // all but the message's last 100 bytes: held, waiting for them

        CaptureResult unlimited = scan(w);
        assertEquals(List.of(), unlimited.problems());
        assertEquals(0, unlimited.handshakes().size(), "no message came whole");

        int total = 4 * 4096;
        CaptureResult limited = scan(w, ScanOptions.defaults().withLimits(Limits.defaults().withBufferedTotal(total)));
        assertEquals(1, limited.problems().size(), limited.problems().toString());
        assertEquals(new NetworkProblem.HeldBytesFull(((NetworkProblem.HeldBytesFull) limited.problems().get(0)).frame(), total,
                HeldBytes.Holder.TUNNEL_MESSAGES), limited.problems().get(0));

        CaptureWriter whole = CaptureWriter.pcap();
        for (int i = 1; i <= 2; i++) turnOverTcp(whole, i, 0);
        CaptureResult read = scan(whole, ScanOptions.defaults().withLimits(Limits.defaults().withBufferedTotal(total)));
        assertEquals(List.of(), read.problems());
        assertEquals(List.of(Optional.of("peer1.example"), Optional.of("peer2.example")),
                read.handshakes().stream().map(Handshake::sni).toList());
        assertTrue(read.handshakes().stream().allMatch(h -> h.transport() == Transport.TURN_TCP), read.handshakes().toString());
    }

    /**
     * Relay {@code i}: an Allocate, then a Send indication of about 3 KB carrying a DTLS ClientHello
     * for {@code peer<i>.example}, in segments of 1,000 bytes, its last {@code missing} bytes never sent.
     */
    private static void turnOverTcp(CaptureWriter w, int i, int missing) throws Exception {
        CaptureWriter.TcpConn turn = w.tcp("203.0.113.5", 50000 + i, "203.0.113.1", 3478).handshake3Way();
        turn.clientSends(stun(0x0003, TlsBytes.filler(12, 3 * i), stunAttribute(0x0019, new byte[] {17, 0, 0, 0})));
        byte[] hello = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0,
                TlsBytes.dtlsHandshake(TlsBytes.CLIENT_HELLO, 0, TlsBytes.dtlsClientHelloBody("peer" + i + ".example", null)));
        byte[] t = TlsBytes.filler(12, 3 * i + 1);
        byte[] peer = java.net.InetAddress.getByName("2001:db8::9").getAddress();
        byte[] send = stun(0x0016, t, stunAttribute(0x0012, xorPeer(peer, 4400 + i, t)), stunAttribute(0x0013, hello),
                stunAttribute(0x8022, TlsBytes.filler(3000, 3 * i + 2))); // SOFTWARE, padding the message out
        turn.clientSends(Arrays.copyOf(send, send.length - missing), 1000);
    }
}
