package capcert.net;

import capcert.capture.Limit;
import capcert.testing.CaptureWriter;
import capcert.testing.CaptureWriter.LinkType;
import capcert.testing.CaptureWriter.Segment;
import capcert.testing.CaptureWriter.TcpConn;
import capcert.testing.CaptureWriter.UdpFlow;
import capcert.testing.Conversations;
import capcert.testing.TestPki;
import capcert.testing.TlsBytes;
import capcert.testing.TlsBytes.ServerFlight;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.HandshakeLimitReached;
import capcert.tls.Limits;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.ScanOptions;
import capcert.tls.TlsVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static capcert.testing.TlsBytes.APPLICATION_DATA;
import static capcert.testing.TlsBytes.CERTIFICATE;
import static capcert.testing.TlsBytes.CLIENT_HELLO;
import static capcert.testing.TlsBytes.CLIENT_KEY_EXCHANGE;
import static capcert.testing.TlsBytes.DTLS10;
import static capcert.testing.TlsBytes.DTLS12;
import static capcert.testing.TlsBytes.FATAL;
import static capcert.testing.TlsBytes.HANDSHAKE;
import static capcert.testing.TlsBytes.HELLO_VERIFY_REQUEST;
import static capcert.testing.TlsBytes.SERVER_HELLO;
import static capcert.testing.TlsBytes.SERVER_HELLO_DONE;
import static capcert.testing.TlsBytes.SERVER_KEY_EXCHANGE;
import static capcert.testing.TlsBytes.SSL30;
import static capcert.testing.TlsBytes.TLS10;
import static capcert.testing.TlsBytes.TLS12;
import static capcert.testing.TlsBytes.TLS13;
import static capcert.testing.TlsBytes.TLS_AES_128_GCM_SHA256;
import static capcert.testing.TlsBytes.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
import static capcert.testing.TlsBytes.TLS_RSA_WITH_AES_128_CBC_SHA;
import static capcert.testing.TlsBytes.UNKNOWN_CA;
import static capcert.testing.TlsBytes.applicationData;
import static capcert.testing.TlsBytes.ascii;
import static capcert.testing.TlsBytes.bodyOf;
import static capcert.testing.TlsBytes.certificate;
import static capcert.testing.TlsBytes.certificateVerify;
import static capcert.testing.TlsBytes.changeCipherSpec;
import static capcert.testing.TlsBytes.clientHello;
import static capcert.testing.TlsBytes.clientHelloRecord;
import static capcert.testing.TlsBytes.clientKeyExchange;
import static capcert.testing.TlsBytes.concat;
import static capcert.testing.TlsBytes.dtlsClientHelloBody;
import static capcert.testing.TlsBytes.dtlsFragments;
import static capcert.testing.TlsBytes.dtlsHandshake;
import static capcert.testing.TlsBytes.dtlsHelloVerifyRequestBody;
import static capcert.testing.TlsBytes.dtlsRecord;
import static capcert.testing.TlsBytes.dtlsServerHelloBody;
import static capcert.testing.TlsBytes.encryptedHandshake;
import static capcert.testing.TlsBytes.handshakeRecord;
import static capcert.testing.TlsBytes.handshakeRecords;
import static capcert.testing.TlsBytes.record;
import static capcert.testing.TlsBytes.records;
import static capcert.testing.TlsBytes.serverFinishFlight;
import static capcert.testing.TlsBytes.serverFlight;
import static capcert.testing.TlsBytes.serverHello;
import static capcert.testing.TlsBytes.serverHelloDone;
import static capcert.testing.TlsBytes.serverHelloTls13;
import static capcert.testing.TlsBytes.serverKeyExchange;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic captures that real TLS stacks never produce, built byte by byte with
 * {@link CaptureWriter}, and what {@link CaptureScanner} must report for each. They are the
 * specification of the reader, reassembler and TLS parser.
 *
 * <p>Every capture is built by a {@code build*(Path)} method that also states the expected
 * handshakes ({@link Expect}). {@code PathologicalCaptureTsharkTest} runs the same builders through
 * tshark (with {@code -Dcapcert.tshark=true}) and checks that tshark finds the same certificates in
 * the same frames, so the expectations here are not only our own reading of the bytes.
 *
 * <p>The common case: a client 10.0.0.1:50000 talks TLS 1.2 to 10.0.0.2:443, SNI
 * {@value TestPki#SERVER_NAME}, and the server sends the chain leaf, intermediate, root
 * ({@link TestPki#server()}). The expected frame of a certificate is the frame that completed its
 * Certificate message (which is also the end of a record in every scenario, so the spec does not
 * depend on whether the parser works per record or per message).
 */
class PathologicalCaptureTest {

    static final String CLIENT_IP = "10.0.0.1";
    static final String SERVER_IP = "10.0.0.2";
    static final String SNI = TestPki.SERVER_NAME;
    static final String OTHER_SNI = "other.capcert.test";
    static final TestPki.Chain CHAIN = TestPki.server();
    static final TestPki.Chain OTHER = TestPki.chain(OTHER_SNI, TestPki.KeyType.EC_P256);
    static final TestPki.Chain RSA = TestPki.chain("rsa.capcert.test", TestPki.KeyType.RSA_2048);
    static final TestPki.Chain CLIENT_CHAIN = TestPki.client("alice@capcert.test", TestPki.KeyType.EC_P256);

    @TempDir
    Path dir;

    // =================================================================== expectations

    /**
     * One handshake the scanner must report. With {@code partial}, {@code certificates} lists what
     * may be reported: any reported certificate must equal the one at its position (DER intact), and
     * its frame is not checked; tshark checks skip partial handshakes.
     */
    record Expect(Transport transport, Endpoint client, Endpoint server, long firstFrame, Instant time,
                  String version, String sni, List<CertificateEntry> certificates, List<Alert> alerts, boolean partial) {

        Expect withCertificates(List<CertificateEntry> more) {
            List<CertificateEntry> all = new ArrayList<>(certificates);
            all.addAll(more);
            return new Expect(transport, client, server, firstFrame, time, version, sni, all, alerts, partial);
        }

        Expect withAlerts(Alert... a) {
            return new Expect(transport, client, server, firstFrame, time, version, sni, certificates, List.of(a), partial);
        }

        Expect asPartial() {
            return new Expect(transport, client, server, firstFrame, time, version, sni, certificates, alerts, true);
        }

        List<CertificateEntry> chain(Role role) {
            return certificates.stream().filter(c -> c.role() == role).toList();
        }
    }

    enum Kind { CLEAN, DAMAGED, NOT_A_CAPTURE, BAD_CHECKSUMS }

    /**
     * A capture written to {@code file} with what must be found in it. {@code protocols} is what
     * tshark's {@code frame.protocols} must contain for the certificate frames; {@code facts} holds
     * scenario-specific numbers (frames, offsets).
     */
    record Built(Path file, List<Expect> expect, String protocols, Kind kind, Map<String, Long> facts) {
        long fact(String name) {
            Long v = facts.get(name);
            if (v == null) throw new IllegalStateException("no fact " + name);
            return v;
        }

        Built with(String name, long value) {
            Map<String, Long> f = new HashMap<>(facts);
            f.put(name, value);
            return new Built(file, expect, protocols, kind, f);
        }

        Built kind(Kind k) {
            return new Built(file, expect, protocols, k, facts);
        }
    }

    static Built built(Path dir, String name, CaptureWriter w, String protocols, Expect... expect) {
        String ext = w.format() == CaptureWriter.Format.PCAP ? ".pcap" : ".pcapng";
        Path file = w.write(dir.resolve(name + ext));
        return new Built(file, List.of(expect), protocols, Kind.CLEAN, Map.of("frames", (long) w.frameCount()));
    }

    static Built builtBytes(Path dir, String name, byte[] bytes, Kind kind, Expect... expect) {
        try {
            Path file = Files.write(dir.resolve(name), bytes);
            return new Built(file, List.of(expect), "", kind, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CertificateEntry> entries(Role role, List<byte[]> ders, long frame) {
        List<CertificateEntry> out = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) out.add(new CertificateEntry(role, i, ders.get(i), frame));
        return out;
    }

    /** A handshake whose server sent {@code chain} in a Certificate message completed by {@code certFrame}. */
    static Expect expect(CaptureWriter w, CaptureWriter.Flow<?> f, String version, String sni, List<byte[]> chain,
                         long certFrame) {
        Transport t = f instanceof UdpFlow ? Transport.UDP : Transport.TCP;
        Instant time = w.timeOfFrame(f.firstFrame());
        return new Expect(t, f.clientEndpoint(), f.serverEndpoint(), f.firstFrame(), time, version, sni,
                chain == null ? List.of() : entries(Role.SERVER, chain, certFrame), List.of(), false);
    }

    static Expect expect12(CaptureWriter w, CaptureWriter.Flow<?> f, String sni, List<byte[]> chain, long certFrame) {
        return expect(w, f, "TLS 1.2", sni, chain, certFrame);
    }

    // =================================================================== scanning and assertions

    static CaptureResult scan(Built b) {
        return new CaptureScanner(ScanOptions.defaults()).scan(b.file());
    }

    static void assertHandshake(Expect e, Handshake h) {
        assertAll("handshake " + e.client() + " -> " + e.server(),
                () -> assertEquals(e.transport(), h.transport(), "transport"),
                () -> assertEquals(e.client().toString(), String.valueOf(h.client()), "client endpoint"),
                () -> assertEquals(e.server().toString(), String.valueOf(h.server()), "server endpoint"),
                () -> assertEquals(e.firstFrame(), h.firstFrame(), "first frame"),
                () -> {
                    if (e.time() != null) assertEquals(e.time(), h.time(), "time of first frame");
                },
                () -> assertEquals(Optional.ofNullable(e.version()), h.version().map(TlsVersion::toString), "version"),
                () -> assertEquals(Optional.ofNullable(e.sni()), h.sni(), "SNI"),
                () -> assertEquals(e.alerts(), h.alerts(), "alerts"),
                () -> {
                    if (e.partial()) assertNoCorruptCertificate(e, h);
                    else {
                        assertCertificates(e.chain(Role.SERVER), h.chain(Role.SERVER), "server chain");
                        assertCertificates(e.chain(Role.CLIENT), h.chain(Role.CLIENT), "client chain");
                    }
                });
    }

    static void assertCertificates(List<CertificateEntry> expected, List<CertificateEntry> actual, String what) {
        assertEquals(expected.size(), actual.size(), () -> what + ": " + actual);
        for (int i = 0; i < expected.size(); i++) {
            CertificateEntry e = expected.get(i), a = actual.get(i);
            int n = i;
            assertAll(what + " #" + i,
                    () -> assertEquals(e.role(), a.role(), "role"),
                    () -> assertEquals(e.position(), a.position(), "position"),
                    () -> assertArrayEquals(e.der(), a.der(), "DER of #" + n),
                    () -> assertEquals(e.frame(), a.frame(), "frame that completed the Certificate message"));
        }
    }

    /** Only intact certificates, each at the position it had in the chain that was sent. */
    static void assertNoCorruptCertificate(Expect e, Handshake h) {
        for (CertificateEntry c : h.certificates()) {
            List<CertificateEntry> sameRole = e.chain(c.role());
            assertTrue(c.position() >= 0 && c.position() < sameRole.size(), () -> "unexpected certificate " + c);
            assertArrayEquals(sameRole.get(c.position()).der(), c.der(), () -> "corrupt DER reported: " + c);
        }
    }

    /** Exactly the expected handshakes, in order of first frame. */
    static void assertExpected(Built b, CaptureResult r) {
        assertEquals(b.expect().size(), r.handshakes().size(), () -> "handshakes: " + r.handshakes());
        for (int i = 0; i < b.expect().size(); i++) assertHandshake(b.expect().get(i), r.handshakes().get(i));
    }

    /** No problem with the file and nothing lost in any handshake. */
    static void assertClean(CaptureResult r) {
        assertEquals(List.of(), r.problems(), "problems");
        for (Handshake h : r.handshakes()) assertEquals(List.of(), h.notes(), () -> "notes of " + h.client());
    }

    static String everythingSaid(Handshake h, CaptureResult r) {
        StringBuilder sb = new StringBuilder();
        h.notes().forEach(n -> sb.append(n.message()).append('\n'));
        r.problems().forEach(p -> sb.append(p.where()).append(": ").append(p.message()).append('\n'));
        return sb.toString();
    }

    static void assertMentionsGap(Handshake h, CaptureResult r) {
        String said = everythingSaid(h, r).toLowerCase(Locale.ROOT);
        assertTrue(said.contains("gap") || said.contains("missing") || said.contains("lost"),
                () -> "no note or problem mentions the missing bytes:\n" + said);
    }

    static void assertProblemOrNoteNamesFrame(Handshake h, CaptureResult r, long frame) {
        boolean problem = r.problems().stream().anyMatch(p -> p.frame() == frame);
        boolean note = h.notes().stream().anyMatch(n -> n.message().matches("(?s).*\\bframe " + frame + "\\b.*"));
        assertTrue(problem || note, () -> "nothing names frame " + frame + ":\n" + everythingSaid(h, r));
    }

    // =================================================================== TCP: the baseline

    static Built buildInOrderBaseline(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        return built(dir, "in-order", w, "eth:ethertype:ip:tcp:tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void inOrderBaseline() {
        Built b = buildInOrderBaseline(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        Handshake h = r.handshakes().get(0);
        assertEquals("10.0.0.1:50000", h.client().toString());
        assertEquals("10.0.0.2:443", h.server().toString());
        assertEquals(1, h.firstFrame());
        assertEquals(b.file(), r.file());
        String suite = h.cipherSuite().orElseThrow().name().toLowerCase(Locale.ROOT);
        assertTrue(suite.equals("tls_ecdhe_ecdsa_with_aes_128_gcm_sha256") || suite.equals("0xc02b"), suite);
    }

    // =================================================================== TCP reassembly

    static Built buildOutOfOrderSegments(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = new ArrayList<>(c.server().plan(flight.bytes(), 300));
        Collections.shuffle(segs, new Random(20240501));
        if (segs.get(0).relSeq() == 0) Collections.rotate(segs, 1); // the ServerHello must not come first
        segs.forEach(c.server()::send);
        int certFrame = c.server().frameCompleting(0, flight.certificateEnd());
        Conversations.finish12(c);
        c.close();
        return built(dir, "out-of-order", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void outOfOrderSegments() {
        Built b = buildOutOfOrderSegments(dir);
        assertExpected(b, scan(b));
    }

    @Test
    void segmentsHeldOverTheCapAreGivenUpWithAWarningNamingTheLimit() {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = new ArrayList<>(c.server().plan(flight.bytes(), 300));
        Collections.rotate(segs, -1); // the ServerHello's segment arrives last
        segs.forEach(c.server()::send);
        Conversations.finish12(c);
        c.close();
        Path file = w.write(dir.resolve("over-cap.pcap"));

        CaptureResult whole = new CaptureScanner(ScanOptions.defaults()).scan(file);
        assertEquals(CHAIN.sent().size(), whole.handshakes().get(0).certificates().size(), "under the default cap all is held");

        CaptureResult capped = new CaptureScanner(ScanOptions.defaults().withLimits(Limits.defaults().withBufferedPerStream(1000))).scan(file);
        assertTrue(capped.problems().stream().anyMatch(p -> p.frame() > 0 && p instanceof NetworkProblem.StreamBufferFull full
                && full.max() == 1000 && full.limit() == Limit.BUFFER_PER_STREAM), "problems: " + capped.problems());
        assertTrue(capped.handshakes().stream().allMatch(h -> h.certificates().isEmpty()),
                "the ServerHello's bytes were given up, so no chain can be read whole: " + capped.handshakes());
    }

    @Test
    void bytesHeldByAllStreamsTogetherAreCappedToo() {
        var w = CaptureWriter.pcap();
        for (int port : new int[]{50001, 50002, 50003}) {
            var c = w.tcp(CLIENT_IP, port, SERVER_IP, 443);
            c.handshake3Way();
            c.clientSends(clientHelloRecord(SNI));
            List<Segment> segs = new ArrayList<>(c.server().plan(serverFlight(CHAIN.sent()).bytes(), 300));
            segs.subList(1, segs.size()).forEach(c.server()::send); // all but the first: held, waiting for it
        }
        Path file = w.write(dir.resolve("many-holders.pcap"));
        // Each stream alone stays under its own cap; together they pass the total.
        CaptureResult capped = new CaptureScanner(ScanOptions.defaults().withLimits(Limits.defaults().withBufferedPerStream(1 << 20).withBufferedTotal(1500))).scan(file);
        assertTrue(capped.problems().stream().anyMatch(p -> p instanceof NetworkProblem.HeldBytesFull full
                && full.max() == 1500 && full.message().contains("across all TCP streams")), "problems: " + capped.problems());
        assertTrue(new CaptureScanner(ScanOptions.defaults()).scan(file).problems().isEmpty());
    }

    @Test
    void aHandshakeMessageOverTheLimitIsSkippedNamingTheLimit() {
        Built b = buildOutOfOrderSegments(dir);
        int certificateMessage = TlsBytes.certificate(CHAIN.sent()).length;
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withLimits(Limits.defaults().withHandshakeMessage(certificateMessage - 10))).scan(b.file());
        assertTrue(result.problems().stream().anyMatch(p -> p.frame() > 0 && p instanceof HandshakeLimitReached reached
                && reached.limit() == Limit.HANDSHAKE_MESSAGE), "problems: " + result.problems());
        assertTrue(result.handshakes().get(0).certificates().isEmpty());
        assertTrue(result.handshakes().get(0).notes().stream().anyMatch(n -> n instanceof Note.MessageOverLimit over
                && over.max() == certificateMessage - 10 && over.length() > over.max()));
    }

    @Test
    void certificatesPastThePerMessageLimitAreDroppedNamingTheLimit() {
        Built b = buildOutOfOrderSegments(dir);
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withLimits(Limits.defaults().withCertificatesPerMessage(2))).scan(b.file());
        List<CertificateEntry> kept = result.handshakes().get(0).certificates();
        assertEquals(2, kept.size());
        assertArrayEquals(CHAIN.sent().get(0), kept.get(0).der());
        assertArrayEquals(CHAIN.sent().get(1), kept.get(1).der());
        assertTrue(result.problems().stream().anyMatch(p -> p instanceof HandshakeLimitReached reached
                && reached.note() instanceof Note.CertificatesOverLimit over && over.kept() == 2
                && over.count() == CHAIN.sent().size()), "problems: " + result.problems());
    }

    @Test
    void pastTheConnectionLimitTheLeastRecentlyActiveIsClosedWithAWarning() {
        var w = CaptureWriter.pcap();
        List<TcpConn> connections = new ArrayList<>();
        for (int port : new int[]{50001, 50002, 50003}) {
            var c = w.tcp(CLIENT_IP, port, SERVER_IP, 443);
            c.handshake3Way();
            c.clientSends(clientHelloRecord(SNI));
            connections.add(c);
        }
        for (TcpConn c : connections) c.serverSends(serverFlight(CHAIN.sent()).bytes(), 1000);
        Path file = w.write(dir.resolve("many-connections.pcap"));
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withLimits(Limits.defaults().withConnections(2))).scan(file);
        assertTrue(result.problems().stream().anyMatch(p -> p instanceof NetworkProblem.TooManyConnections too
                && too.max() == 2), "problems: " + result.problems());
        assertTrue(new CaptureScanner(ScanOptions.defaults()).scan(file).problems().isEmpty());
        assertEquals(3, new CaptureScanner(ScanOptions.defaults()).scan(file).handshakes().stream()
                .filter(h -> h.certificates().size() == CHAIN.sent().size()).count());
    }

    static Built buildRetransmittedSegments(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443).tcpTimestamps();
        c.handshake3Way();
        byte[] hello = clientHelloRecord(SNI);
        c.clientSends(hello);
        c.clientSendsSegment(0, hello);                 // the ClientHello retransmitted as well
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = c.server().plan(flight.bytes(), 400);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 1, 3, 3));
        for (int i = 4; i < segs.size(); i++) order.add(i);
        order.add(segs.size() - 1);
        order.add(2);
        for (int i : order) c.server().send(segs.get(i));
        int certFrame = c.server().frameCompleting(0, flight.certificateEnd());
        Conversations.finish12(c);
        c.close();
        return built(dir, "retransmitted", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void retransmittedSegments() {
        Built b = buildRetransmittedSegments(dir);
        assertExpected(b, scan(b));
    }

    static Built buildOverlappingSegments(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        byte[] f = flight.bytes();
        List<Segment> segs = c.server().plan(f, 300);
        c.server().send(segs.get(0));                                   // [0, 300)
        c.server().send(segs.get(2));                                   // [600, 900), [300, 600) not yet
        c.server().sendAt(150, Arrays.copyOfRange(f, 150, 750));        // covers parts of both and the hole
        for (int i = 3; i < segs.size(); i++) c.server().send(segs.get(i));
        c.server().sendAt(880, Arrays.copyOfRange(f, 880, 1500));       // and once more across later segments
        int certFrame = c.server().frameCompleting(0, flight.certificateEnd());
        Conversations.finish12(c);
        c.close();
        return built(dir, "overlapping", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void overlappingRetransmissionCoveringTwoSegments() {
        Built b = buildOverlappingSegments(dir);
        assertExpected(b, scan(b));
    }

    static Built buildOneByteSegments(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI), 1);
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 1);
        Conversations.finish12(c);
        c.close();
        return built(dir, "one-byte-segments", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void oneByteSegments() {
        Built b = buildOneByteSegments(dir);
        assertExpected(b, scan(b));
    }

    static Built buildMissingSynStartsWithClientHello(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.clientSends(clientHelloRecord(SNI));                          // frame 1: no SYN, no SYN/ACK
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 1448);
        Conversations.finish12(c);
        c.close();
        return built(dir, "missing-syn", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void missingSynCaptureStartsMidHandshake() {
        Built b = buildMissingSynStartsWithClientHello(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(1, r.handshakes().get(0).firstFrame());
    }

    static Built buildMissingSynStartsAfterClientHello(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.client().skip(clientHelloRecord(SNI).length);                 // sent before the capture started
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 1448); // frame 1 carries the ServerHello
        Conversations.finish12(c);
        c.close();
        return built(dir, "starts-after-client-hello", w, "tls", expect12(w, c, null, CHAIN.sent(), certFrame));
    }

    @Test
    void missingSynCaptureStartsAfterClientHello() {
        Built b = buildMissingSynStartsAfterClientHello(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        Handshake h = r.handshakes().get(0);
        assertEquals("10.0.0.1:50000", h.client().toString(), "the ServerHello's sender is the server");
        assertEquals(Optional.empty(), h.sni());
    }

    static Built buildLostSegmentInsideCertificate(Path dir) {
        var w = CaptureWriter.pcap();
        var c1 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c1.handshake3Way();
        c1.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = c1.server().plan(flight.bytes(), 300);
        // lose the segment 50 bytes into the root certificate: leaf and intermediate lie entirely before it
        long rootStart = (long) flight.certificateEnd() - CHAIN.root().der().length;
        Segment lost = segs.stream().filter(s -> s.relSeq() <= rootStart + 50 && rootStart + 50 < s.end())
                .findFirst().orElseThrow();
        if (lost.relSeq() < flight.certificateStart() + 9 || lost.end() > flight.certificateEnd()) {
            throw new IllegalStateException("fixture: the lost segment must lie inside the Certificate message");
        }
        for (Segment s : segs) {
            if (s != lost) {
                c1.server().send(s);
                c1.client().ack();
            }
        }
        Conversations.finish12(c1);
        c1.close();

        var c2 = w.tcp(CLIENT_IP, 50001, SERVER_IP, 443).isn(0x0123_4567L, 0x7654_3210L);
        int certFrame2 = Conversations.tls12(c2, OTHER_SNI, OTHER.sent(), 1448);
        return built(dir, "lost-segment", w, "tls",
                expect12(w, c1, SNI, CHAIN.sent(), 0).asPartial(),
                expect12(w, c2, OTHER_SNI, OTHER.sent(), certFrame2))
                .with("lostRelSeq", lost.relSeq());
    }

    @Test
    void lostSegmentInsideCertificateMessage() {
        Built b = buildLostSegmentInsideCertificate(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        Handshake damaged = r.handshakes().get(0);
        // never a corrupt DER (checked by assertExpected); at most the leaf and the intermediate
        assertTrue(damaged.certificates().size() <= 2, () -> "certificates after the gap: " + damaged.certificates());
        assertMentionsGap(damaged, r);
        assertEquals(OTHER.sent().size(), r.handshakes().get(1).certificates().size(), "later connection intact");
    }

    /**
     * The client reads the first segment of the server's flight, then half-closes and resets (as
     * browsers do with SO_LINGER 0); the rest of the flight was already on the wire and arrives
     * after both. test-captures/inputs/fin-rst-inflight.pcap is the same made by real stacks.
     */
    static Built buildDataInFlightAfterFinAndRst(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = c.server().plan(flight.bytes(), 700);
        c.server().send(segs.get(0));
        c.client().ack();
        c.client().fin();
        c.client().rst();
        for (Segment s : segs.subList(1, segs.size())) {
            w.advance(java.time.Duration.ofMillis(16));
            c.server().send(s);
            c.client().rst();
        }
        int certFrame = c.server().frameCompleting(0, flight.certificateEnd());
        return built(dir, "fin-rst-inflight", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void dataInFlightAfterThePeersFinAndRstIsKept() {
        Built b = buildDataInFlightAfterFinAndRst(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    @Test
    void aResetConnectionNoLongerTakesThePeersBytesOnceNothingCanBeInFlight() {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        List<Segment> segs = c.server().plan(flight.bytes(), 300);
        c.server().send(segs.get(0));
        c.client().rst();
        w.advance(java.time.Duration.ofSeconds(3));
        segs.subList(1, segs.size()).forEach(c.server()::send);
        CaptureResult r = scan(built(dir, "rst-then-late-bytes", w, "tls"));
        Handshake h = r.handshakes().get(0);
        assertEquals(List.of(), h.certificates(), "bytes sent seconds after the reset belong to no connection");
        assertTrue(h.notes().stream().anyMatch(n -> n.message().contains("incomplete")), () -> "notes: " + h.notes());
        assertTrue(h.notes().stream().noneMatch(n -> n.message().contains("was empty")),
                () -> "a cut message is not an empty one: " + h.notes());
    }

    static Built buildFourTupleReuse(Path dir) {
        var w = CaptureWriter.pcap();
        var c1 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int cert1 = Conversations.tls12(c1, SNI, CHAIN.sent(), 1448);
        w.advance(java.time.Duration.ofSeconds(2));
        var c2 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443).isn(0x9000_0000L, 0x0BAD_F00DL); // same 4-tuple
        int cert2 = Conversations.tls12(c2, OTHER_SNI, OTHER.sent(), 1448);
        return built(dir, "four-tuple-reuse", w, "tls",
                expect12(w, c1, SNI, CHAIN.sent(), cert1),
                expect12(w, c2, OTHER_SNI, OTHER.sent(), cert2));
    }

    @Test
    void fourTupleReuseAfterFin() {
        Built b = buildFourTupleReuse(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildSequenceWrap(Path dir) {
        var w = CaptureWriter.pcap();
        // the server's data starts 0x17f bytes before 2^32: the wrap falls inside the Certificate message
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443).isn(0xFFFF_FF80L, 0xFFFF_FE80L);
        ServerFlight flight = serverFlight(CHAIN.sent());
        long wrapAt = 0x1_0000_0000L - c.server().seq(0);
        if (wrapAt <= flight.certificateStart() || wrapAt >= flight.certificateEnd()) {
            throw new IllegalStateException("fixture: the wrap must fall inside the Certificate message");
        }
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 500);
        return built(dir, "seq-wrap", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void sequenceNumberWrapAround() {
        Built b = buildSequenceWrap(dir);
        assertExpected(b, scan(b));
    }

    static Built buildCertificateSplitOverRecords(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        byte[] sh = record(HANDSHAKE, TLS12, serverHello(TLS12, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        byte[] cert = records(HANDSHAKE, TLS12, certificate(CHAIN.sent()), 400); // one message, several records
        byte[] rest = handshakeRecord(TLS12, serverKeyExchange(), serverHelloDone());
        c.serverSends(concat(sh, cert, rest), 333);                       // records cut across segments
        int certFrame = c.server().frameCompleting(0, sh.length + cert.length);
        Conversations.finish12(c);
        c.close();
        return built(dir, "cert-over-records", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void certificateMessageSplitOverRecordsAndRecordsAcrossSegments() {
        Built b = buildCertificateSplitOverRecords(dir);
        assertExpected(b, scan(b));
    }

    static Built buildSeveralMessagesInOneRecord(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        byte[] sh = serverHello(TLS12, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        byte[] cert = certificate(CHAIN.sent());
        byte[] rec = handshakeRecord(TLS12, sh, cert, serverKeyExchange(), serverHelloDone());
        int certEnd = 5 + sh.length + cert.length;
        int lastStart = (certEnd - 1) / 300 * 300; // the Certificate message and the record end in one segment
        c.serverSends(Arrays.copyOf(rec, lastStart), 300);
        int certFrame = c.serverSends(Arrays.copyOfRange(rec, lastStart, rec.length));
        Conversations.finish12(c);
        c.close();
        return built(dir, "one-record", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void severalHandshakeMessagesInOneRecord() {
        Built b = buildSeveralMessagesInOneRecord(dir);
        assertExpected(b, scan(b));
    }

    // =================================================================== link layers and network layers

    private static Built linkVariant(Path dir, String name, CaptureWriter w, String clientIp, String serverIp,
                                     String protocols, java.util.function.Consumer<TcpConn> setup) {
        var c = w.tcp(clientIp, 50000, serverIp, 443);
        setup.accept(c);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1400);
        return built(dir, name, w, protocols, expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    static Built buildVlan(Path dir) {
        return linkVariant(dir, "vlan", CaptureWriter.pcap().vlan(100), CLIENT_IP, SERVER_IP,
                "eth:ethertype:vlan:ethertype:ip:tcp:tls", c -> { });
    }

    @Test
    void vlan8021Q() {
        Built b = buildVlan(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildQinQ(Path dir) {
        return linkVariant(dir, "qinq", CaptureWriter.pcap().qinq(200, 100), CLIENT_IP, SERVER_IP,
                "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:tcp:tls", c -> { });
    }

    @Test
    void qinq() {
        Built b = buildQinQ(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildLinuxSll(Path dir) {
        return linkVariant(dir, "sll", CaptureWriter.pcap().linkType(LinkType.LINUX_SLL), CLIENT_IP, SERVER_IP,
                "sll:ethertype:ip:tcp:tls", c -> { });
    }

    @Test
    void linuxCookedSll() {
        Built b = buildLinuxSll(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildLinuxSll2(Path dir) {
        return linkVariant(dir, "sll2", CaptureWriter.pcap().linkType(LinkType.LINUX_SLL2), CLIENT_IP, SERVER_IP,
                "sll:ethertype:ip:tcp:tls", c -> { });
    }

    @Test
    void linuxCookedSll2() {
        Built b = buildLinuxSll2(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildRawIpv4(Path dir) {
        return linkVariant(dir, "raw4", CaptureWriter.pcap().linkType(LinkType.RAW), CLIENT_IP, SERVER_IP,
                "raw:ip:tcp:tls", c -> { });
    }

    @Test
    void rawIpv4() {
        Built b = buildRawIpv4(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildRawIpv6(Path dir) {
        return linkVariant(dir, "raw6", CaptureWriter.pcap().linkType(LinkType.RAW), "2001:db8::1", "2001:db8::2",
                "raw:ipv6:tcp:tls", c -> { });
    }

    @Test
    void rawIpv6() {
        Built b = buildRawIpv6(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals("[2001:db8::1]:50000", r.handshakes().get(0).client().toString());
        assertEquals("[2001:db8::2]:443", r.handshakes().get(0).server().toString());
    }

    static Built buildNullLoopbackIpv6(Path dir, int af) {
        return linkVariant(dir, "null6-af" + af, CaptureWriter.pcap().linkType(LinkType.NULL).nullAf6(af), "::1", "::1",
                "null:ipv6:tcp:tls", c -> { });
    }

    static Built buildNullLoopbackIpv6Af24(Path dir) {
        return buildNullLoopbackIpv6(dir, CaptureWriter.AF_INET6_BSD);
    }

    static Built buildNullLoopbackIpv6Af28(Path dir) {
        return buildNullLoopbackIpv6(dir, CaptureWriter.AF_INET6_FREEBSD);
    }

    static Built buildNullLoopbackIpv6Af30(Path dir) {
        return buildNullLoopbackIpv6(dir, CaptureWriter.AF_INET6_DARWIN);
    }

    @ParameterizedTest(name = "AF_INET6 = {0}")
    @ValueSource(ints = {CaptureWriter.AF_INET6_BSD, CaptureWriter.AF_INET6_FREEBSD, CaptureWriter.AF_INET6_DARWIN})
    void nullLoopbackIpv6(int af) {
        Built b = buildNullLoopbackIpv6(dir, af);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals("[::1]:50000", r.handshakes().get(0).client().toString());
        assertEquals("[::1]:443", r.handshakes().get(0).server().toString());
    }

    static Built buildPppoe(Path dir) {
        return linkVariant(dir, "pppoe", CaptureWriter.pcap().pppoe(0x1234), CLIENT_IP, SERVER_IP,
                "eth:ethertype:pppoes:ppp:ip:tcp:tls", c -> { });
    }

    @Test
    void pppoeSession() {
        Built b = buildPppoe(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildIpv4Options(Path dir) {
        return linkVariant(dir, "ipv4-options", CaptureWriter.pcap(), CLIENT_IP, SERVER_IP, "eth:ethertype:ip:tcp:tls",
                c -> c.ipv4Options(CaptureWriter.IPV4_OPTIONS_ROUTER_ALERT));
    }

    @Test
    void ipv4Options() {
        Built b = buildIpv4Options(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildIpv6ExtensionHeaders(Path dir) {
        return linkVariant(dir, "ipv6-ext", CaptureWriter.pcap(), "2001:db8::1", "2001:db8::2",
                "eth:ethertype:ipv6:ipv6.hopopts:ipv6.dstopts:tcp:tls",
                c -> c.ipv6ExtensionHeaders(CaptureWriter.IPV6_HOP_BY_HOP, CaptureWriter.IPV6_DESTINATION_OPTIONS));
    }

    @Test
    void ipv6HopByHopExtensionHeader() {
        Built b = buildIpv6ExtensionHeaders(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildBadChecksums(Path dir) {
        return linkVariant(dir, "bad-checksums", CaptureWriter.pcap().corruptChecksums(true), CLIENT_IP, SERVER_IP,
                "eth:ethertype:ip:tcp:tls", c -> { }).kind(Kind.BAD_CHECKSUMS);
    }

    @Test
    void badChecksumsAreNotAReasonToDropPackets() {
        Built b = buildBadChecksums(dir);
        assertExpected(b, scan(b));
    }

    static Built buildEthernetPadding(Path dir) {
        var w = CaptureWriter.pcap().ethernetPadding(true);
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();                              // the final ACK: 54 bytes + 6 bytes of zero padding
        c.clientSends(clientHelloRecord(SNI));
        c.server().ack();                               // padded pure ACK right before the server's flight
        ServerFlight flight = serverFlight(CHAIN.sent());
        for (Segment s : c.server().plan(flight.bytes(), 500)) {
            c.server().send(s);
            c.client().ack();                           // padded pure ACK between the server's segments
        }
        c.server().ack();
        int certFrame = c.server().frameCompleting(0, flight.certificateEnd());
        int alertFrame = c.clientSends(TlsBytes.alert(TLS12, FATAL, UNKNOWN_CA));
        c.server().ack();
        c.close();
        return built(dir, "ethernet-padding", w, "eth:ethertype:ip:tcp:tls",
                expect12(w, c, SNI, CHAIN.sent(), certFrame).withAlerts(new Alert(Role.CLIENT, FATAL, UNKNOWN_CA, alertFrame)));
    }

    @Test
    void ethernetPaddingOnPureAcksDoesNotCorruptTheStream() {
        Built b = buildEthernetPadding(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(List.of(), r.problems());
    }

    // =================================================================== capture file formats

    static Built buildPcapngTwoInterfaces(Path dir) {
        var w = CaptureWriter.pcapng();
        int eth = w.addInterface(LinkType.ETHERNET, 6, 0, "eth0");
        int cooked = w.addInterface(LinkType.LINUX_SLL2, 9, 0, "any");
        var a = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443).on(eth);
        var b = w.tcp("2001:db8::10", 50001, "2001:db8::20", 443).on(cooked);
        a.handshake3Way();
        w.time(Instant.parse("2024-05-01T10:00:01.123456789Z"));
        b.handshake3Way();
        a.clientSends(clientHelloRecord(SNI));
        b.clientSends(clientHelloRecord(OTHER_SNI));
        int certA = Conversations.serverFlight12(a, CHAIN.sent(), 1448);
        int certB = Conversations.serverFlight12(b, OTHER.sent(), 1000);
        Conversations.finish12(a);
        Conversations.finish12(b);
        a.close();
        b.close();
        return built(dir, "two-interfaces", w, "tls",
                expect12(w, a, SNI, CHAIN.sent(), certA),
                expect12(w, b, OTHER_SNI, OTHER.sent(), certB));
    }

    @Test
    void pcapngTwoInterfacesWithDifferentLinkTypes() {
        Built b = buildPcapngTwoInterfaces(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals(Instant.parse("2024-05-01T10:00:01.123456789Z"), r.handshakes().get(1).time(),
                "if_tsresol 9 on the second interface");
        assertEquals("[2001:db8::10]:50001", r.handshakes().get(1).client().toString());
    }

    static Built buildPcapngBigEndian(Path dir) {
        var w = CaptureWriter.pcapng().bigEndian().nanos().time(Instant.parse("2024-05-01T10:00:00.000000042Z"));
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        return built(dir, "big-endian", w, "eth:ethertype:ip:tcp:tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void pcapngBigEndianSection() {
        Built b = buildPcapngBigEndian(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals(Instant.parse("2024-05-01T10:00:00.000000042Z"), r.handshakes().get(0).time());
    }

    static Built buildPcapngSectionsAndBlockTypes(Path dir) {
        var w = CaptureWriter.pcapng();
        w.addInterface(LinkType.ETHERNET, 6);
        var a = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        a.handshake3Way();
        w.unknownBlock(CaptureWriter.PCAPNG_UNKNOWN_BLOCK_TYPE, ascii("a block type nobody knows; skip me"));
        a.clientSends(clientHelloRecord(SNI));
        w.commentNext("Certificate follows");
        int certA = Conversations.serverFlight12(a, CHAIN.sent(), 1448);
        Conversations.finish12(a);
        a.close();

        w.section(ByteOrder.BIG_ENDIAN);                // second section, other byte order, interfaces start at 0 again
        w.unknownBlock(CaptureWriter.PCAPNG_LOCAL_BLOCK_TYPE, new byte[7]); // unpadded body
        w.addInterface(LinkType.RAW, 9);
        var b = w.tcp("10.9.0.1", 51000, "10.9.0.2", 443).on(0);
        b.handshake3Way();                              // Enhanced Packet Blocks
        w.blockType(CaptureWriter.Block.OBSOLETE_PACKET);
        b.clientSends(clientHelloRecord(OTHER_SNI));    // obsolete Packet Block (type 2)
        w.blockType(CaptureWriter.Block.SIMPLE);
        int certB = Conversations.serverFlight12(b, OTHER.sent(), 1448); // Simple Packet Blocks: no timestamps
        w.unknownBlock(CaptureWriter.PCAPNG_UNKNOWN_BLOCK_TYPE, new byte[0]);
        w.blockType(CaptureWriter.Block.ENHANCED);
        Conversations.finish12(b);
        b.close();
        return built(dir, "sections-and-blocks", w, "tls",
                expect12(w, a, SNI, CHAIN.sent(), certA),
                expect12(w, b, OTHER_SNI, OTHER.sent(), certB));
    }

    @Test
    void pcapngSeveralSectionsSimpleAndObsoletePacketBlocksUnknownBlocks() {
        Built b = buildPcapngSectionsAndBlockTypes(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildPcapNanoseconds(Path dir) {
        var w = CaptureWriter.pcap().nanos().time(Instant.parse("2024-03-01T12:00:00.123456789Z"));
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        return built(dir, "nanoseconds", w, "eth:ethertype:ip:tcp:tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void pcapNanosecondTimestamps() {
        Built b = buildPcapNanoseconds(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals(Instant.parse("2024-03-01T12:00:00.123456789Z"), r.handshakes().get(0).time());
    }

    static Built buildPcapBigEndian(Path dir) {
        var w = CaptureWriter.pcap().bigEndian().time(Instant.parse("2024-03-01T12:00:00.654321Z"));
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        return built(dir, "big-endian", w, "eth:ethertype:ip:tcp:tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void pcapBigEndian() {
        Built b = buildPcapBigEndian(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
        assertEquals(Instant.parse("2024-03-01T12:00:00.654321Z"), r.handshakes().get(0).time());
    }

    // =================================================================== damage

    static Built buildSnaplenTruncatedPacket(Path dir) {
        var w = CaptureWriter.pcap();
        var c1 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c1.handshake3Way();
        c1.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent());
        long middle = ((long) flight.certificateStart() + flight.certificateEnd()) / 2;
        int truncated = 0;
        for (Segment s : c1.server().plan(flight.bytes(), 400)) {
            boolean hit = s.relSeq() <= middle && middle < s.end();
            if (hit) w.truncateNext(14 + 20 + 20 + 30); // headers and 30 bytes of the segment's 400
            int f = c1.server().send(s);
            if (hit) truncated = f;
        }
        Conversations.finish12(c1);
        c1.close();
        var c2 = w.tcp(CLIENT_IP, 50001, SERVER_IP, 443);
        int cert2 = Conversations.tls12(c2, OTHER_SNI, OTHER.sent(), 1448);
        return built(dir, "snaplen-truncated", w, "tls",
                expect12(w, c1, SNI, CHAIN.sent(), 0).asPartial(),
                expect12(w, c2, OTHER_SNI, OTHER.sent(), cert2))
                .with("truncatedFrame", truncated);
    }

    @Test
    void snaplenTruncatedPacket() {
        Built b = buildSnaplenTruncatedPacket(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertProblemOrNoteNamesFrame(r.handshakes().get(0), r, b.fact("truncatedFrame"));
    }

    static Built buildTruncatedFile(Path dir) {
        var w = CaptureWriter.pcap();
        var c1 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int cert1 = Conversations.tls12(c1, SNI, CHAIN.sent(), 1448);
        var c2 = w.tcp(CLIENT_IP, 50001, SERVER_IP, 443);
        c2.handshake3Way();
        c2.clientSends(clientHelloRecord(OTHER_SNI));
        ServerFlight flight = serverFlight(OTHER.sent());
        long base = c2.server().next();
        int[] frames = c2.server().send(flight.bytes(), 400);
        Conversations.finish12(c2);
        c2.close();
        // cut inside the packet data of the segment holding the middle of the second Certificate message
        long middle = base + (flight.certificateStart() + flight.certificateEnd()) / 2;
        int cutFrame = c2.server().sent().stream().filter(s -> s.relSeq() <= middle && middle < s.relSeq() + s.length())
                .findFirst().orElseThrow().frame();
        if (Arrays.stream(frames).noneMatch(f -> f == cutFrame)) {
            throw new IllegalStateException("fixture: the cut must fall in one of the server's flight segments");
        }
        long recordOffset = w.offsetOfFrame(cutFrame);
        int cut = (int) recordOffset + 16 + 54 + 100;
        byte[] bytes = Arrays.copyOf(w.toBytes(), cut);
        return builtBytes(dir, "truncated-file.pcap", bytes, Kind.DAMAGED,
                expect12(w, c1, SNI, CHAIN.sent(), cert1),
                expect12(w, c2, OTHER_SNI, OTHER.sent(), 0).asPartial())
                .with("cutFrame", cutFrame).with("recordOffset", recordOffset).with("length", cut);
    }

    @Test
    void truncatedFile() {
        Built b = buildTruncatedFile(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        long from = b.fact("recordOffset"), to = b.fact("length");
        assertTrue(r.problems().stream().anyMatch(p -> p.offset() >= from && p.offset() <= to
                        && (p.frame() == 0 || p.frame() == b.fact("cutFrame"))),
                () -> "no problem names the damaged record (offset " + from + ".." + to + ", frame " + b.fact("cutFrame")
                        + "): " + r.problems());
    }

    static Built buildGarbageAppended(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        byte[] good = w.toBytes();
        byte[] junk = ascii("GARBAGE GARBAGE GARBAGE: this is not a pcap record, just junk at the end of the file\n");
        return builtBytes(dir, "garbage-appended.pcap", concat(good, junk), Kind.DAMAGED,
                expect12(w, c, SNI, CHAIN.sent(), certFrame))
                .with("garbageOffset", good.length).with("nextFrame", w.frameCount() + 1);
    }

    @Test
    void garbageAppended() {
        Built b = buildGarbageAppended(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertTrue(r.problems().stream().anyMatch(p -> p.offset() == b.fact("garbageOffset")),
                () -> "no problem at offset " + b.fact("garbageOffset") + ": " + r.problems());
    }

    static Built buildNonCaptureFile(Path dir) {
        return builtBytes(dir, "notes.txt", ascii("These are my notes, not a packet capture.\nTLS rocks.\n"), Kind.NOT_A_CAPTURE);
    }

    @Test
    void nonCaptureFile() {
        Built b = buildNonCaptureFile(dir);
        CaptureResult r = scan(b);
        assertEquals(List.of(), r.handshakes());
        assertFalse(r.problems().isEmpty(), "a problem says it is not a capture");
    }

    static Built buildEmptyFile(Path dir) {
        return builtBytes(dir, "empty.pcap", new byte[0], Kind.NOT_A_CAPTURE);
    }

    @Test
    void emptyFile() {
        Built b = buildEmptyFile(dir);
        CaptureResult r = scan(b);
        assertEquals(List.of(), r.handshakes());
        assertFalse(r.problems().isEmpty(), "a problem says the file is empty");
    }

    static Built buildAbsurdRecordLength(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        int absurd = w.rawRecord(0x7fffffffL, 0x7fffffffL, TlsBytes.filler(64, 1));
        return built(dir, "absurd-length", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame))
                .kind(Kind.DAMAGED).with("absurdFrame", absurd).with("absurdOffset", w.offsetOfFrame(absurd));
    }

    @Test
    void absurdRecordLength() {
        Built b = buildAbsurdRecordLength(dir);
        CaptureResult r = scan(b); // with -Xmx1g: trying to allocate 2 GiB would fail here
        assertExpected(b, r);
        assertTrue(r.problems().stream().anyMatch(p -> p.frame() == b.fact("absurdFrame") && p.offset() == b.fact("absurdOffset")),
                () -> "no problem names frame " + b.fact("absurdFrame") + " at offset " + b.fact("absurdOffset") + ": " + r.problems());
    }

    // =================================================================== TLS content

    static Built buildMutualTls(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        ServerFlight flight = serverFlight(CHAIN.sent(), true);
        c.serverSends(flight.bytes(), 1448);
        int serverCert = c.server().frameCompleting(0, flight.certificateEnd());
        byte[] clientFlight = concat(
                record(HANDSHAKE, TLS12, certificate(CLIENT_CHAIN.sentWithoutRoot())),
                handshakeRecords(TLS12, clientKeyExchange(), certificateVerify()),
                changeCipherSpec(TLS12), encryptedHandshake(TLS12, 40));
        int clientCert = c.clientSends(clientFlight);
        c.serverSends(serverFinishFlight());
        c.close();
        return built(dir, "mutual-tls", w, "tls", expect12(w, c, SNI, CHAIN.sent(), serverCert)
                .withCertificates(entries(Role.CLIENT, CLIENT_CHAIN.sentWithoutRoot(), clientCert)));
    }

    @Test
    void clientCertificateMutualTls() {
        Built b = buildMutualTls(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(2, r.handshakes().get(0).chain(Role.CLIENT).size());
    }

    static Built buildClientAlert(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(clientHelloRecord(SNI));
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 1448);
        int alertFrame = c.clientSends(TlsBytes.alert(TLS12, FATAL, UNKNOWN_CA));
        c.client().fin();
        c.server().rst();
        return built(dir, "client-alert", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame)
                .withAlerts(new Alert(Role.CLIENT, FATAL, UNKNOWN_CA, alertFrame)));
    }

    @Test
    void cleartextAlertFromClient() {
        Built b = buildClientAlert(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        Alert a = r.handshakes().get(0).alerts().get(0);
        assertEquals("fatal", a.levelName());
        assertEquals("unknown_ca", a.descriptionName());
    }

    static Built buildTls13(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(record(HANDSHAKE, TLS10, clientHello(TLS12, SNI, TLS13, TLS12)));
        byte[] sh = record(HANDSHAKE, TLS12, serverHelloTls13(TLS_AES_128_GCM_SHA256));
        // EncryptedExtensions, Certificate, CertificateVerify, Finished: all inside ApplicationData records
        c.serverSends(concat(sh, changeCipherSpec(TLS12), applicationData(TLS12, 1900), applicationData(TLS12, 74)), 1448);
        c.clientSends(concat(changeCipherSpec(TLS12), applicationData(TLS12, 53)));
        c.clientSends(applicationData(TLS12, 200));
        c.serverSends(applicationData(TLS12, 700));
        c.close();
        return built(dir, "tls13", w, "tls", expect(w, c, "TLS 1.3", SNI, null, 0));
    }

    @Test
    void tls13ServerHelloThenEncryptedRecords() {
        Built b = buildTls13(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        Handshake h = r.handshakes().get(0);
        assertEquals(List.of(), h.certificates());
        assertTrue(h.notes().contains(new Note.CertificatesEncrypted(TlsVersion.TLS_1_3)), () -> "notes: " + h.notes());
    }

    static Built buildLegacyVersion(Path dir, int version, String versionName) {
        String name = versionName.replace(' ', '-');
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        c.handshake3Way();
        c.clientSends(record(HANDSHAKE, version, clientHello(version, SNI)));
        byte[] flight = concat(
                record(HANDSHAKE, version, serverHello(version, TLS_RSA_WITH_AES_128_CBC_SHA)),
                record(HANDSHAKE, version, certificate(RSA.sent())),
                record(HANDSHAKE, version, serverHelloDone()));
        c.serverSends(flight, 1448);
        int certFrame = c.server().frameCompleting(0, flight.length - 9);
        c.clientSends(concat(handshakeRecord(version, TlsBytes.handshake(CLIENT_KEY_EXCHANGE, TlsBytes.filler(258, 3))),
                changeCipherSpec(version), encryptedHandshake(version, 48)));
        c.serverSends(concat(changeCipherSpec(version), encryptedHandshake(version, 48)));
        c.close();
        return built(dir, name, w, "tls", expect(w, c, versionName, SNI, RSA.sent(), certFrame));
    }

    static Built buildTls10(Path dir) {
        return buildLegacyVersion(dir, TLS10, "TLS 1.0");
    }

    static Built buildSsl30(Path dir) {
        return buildLegacyVersion(dir, SSL30, "SSL 3.0");
    }

    @Test
    void tls10VersionString() {
        Built b = buildTls10(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(Optional.of(TlsVersion.TLS_1_0), r.handshakes().get(0).version());
    }

    @Test
    void ssl30VersionString() {
        Built b = buildSsl30(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(Optional.of(TlsVersion.SSL_3_0), r.handshakes().get(0).version());
    }

    // =================================================================== ports

    static Built buildStarttlsSmtp(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 25);
        c.handshake3Way();
        c.serverSends(ascii("220 mail.capcert.test ESMTP ready\r\n"));
        c.clientSends(ascii("EHLO client.capcert.test\r\n"));
        c.serverSends(ascii("250-mail.capcert.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"));
        c.clientSends(ascii("STARTTLS\r\n"));
        c.serverSends(ascii("220 2.0.0 Go ahead\r\n"));
        c.clientSends(clientHelloRecord(SNI));
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 1448);
        Conversations.finish12(c);
        c.close();
        return built(dir, "starttls-smtp", w, "tcp:tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void starttlsPlaintextPreambleOnPort25() {
        Built b = buildStarttlsSmtp(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals("10.0.0.2:25", r.handshakes().get(0).server().toString());
    }

    static Built buildOddPort(Path dir) {
        var w = CaptureWriter.pcap();
        var c = w.tcp(CLIENT_IP, 50000, SERVER_IP, 7001);
        int certFrame = Conversations.tls12(c, SNI, CHAIN.sent(), 1448);
        return built(dir, "port-7001", w, "tls", expect12(w, c, SNI, CHAIN.sent(), certFrame));
    }

    @Test
    void tlsOnOddPortWithoutPortConfiguration() {
        Built b = buildOddPort(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    static Built buildTwoPorts(Path dir) {
        var w = CaptureWriter.pcap();
        var c1 = w.tcp(CLIENT_IP, 50000, SERVER_IP, 443);
        int cert1 = Conversations.tls12(c1, SNI, CHAIN.sent(), 1448);
        var c2 = w.tcp(CLIENT_IP, 50001, SERVER_IP, 8443);
        int cert2 = Conversations.tls12(c2, OTHER_SNI, OTHER.sent(), 1448);
        return built(dir, "two-ports", w, "tls",
                expect12(w, c1, SNI, CHAIN.sent(), cert1), expect12(w, c2, OTHER_SNI, OTHER.sent(), cert2));
    }

    @Test
    void portsOptionExcludesOtherPorts() {
        Built b = buildTwoPorts(dir);
        assertExpected(b, scan(b));

        CaptureResult only443 = new CaptureScanner(ScanOptions.defaults().withPorts(Set.of(443))).scan(b.file());
        assertEquals(1, only443.handshakes().size(), () -> "handshakes: " + only443.handshakes());
        assertHandshake(b.expect().get(0), only443.handshakes().get(0));

        CaptureResult only8443 = new CaptureScanner(ScanOptions.defaults().withPorts(Set.of(8443))).scan(b.file());
        assertEquals(1, only8443.handshakes().size(), () -> "handshakes: " + only8443.handshakes());
        assertHandshake(b.expect().get(1), only8443.handshakes().get(0));
    }

    // =================================================================== DTLS

    /**
     * DTLS 1.2 over UDP: ClientHello, HelloVerifyRequest, ClientHello with cookie, ServerHello, then
     * the Certificate message in three handshake fragments (one record and datagram each) written
     * in {@code order} (indices into the fragments, repeats are duplicated datagrams), then
     * ServerKeyExchange + ServerHelloDone. The certificate frame is the one that brought the last
     * missing fragment.
     */
    static Built dtlsFragmented(Path dir, String name, int... order) {
        var w = CaptureWriter.pcap();
        UdpFlow u = w.udp(CLIENT_IP, 50000, SERVER_IP, 4433);
        byte[] cookie = TlsBytes.filler(20, 77);
        u.clientSends(dtlsRecord(HANDSHAKE, DTLS10, 0, 0, dtlsHandshake(CLIENT_HELLO, 0, dtlsClientHelloBody(SNI, null))));
        u.serverSends(dtlsRecord(HANDSHAKE, DTLS10, 0, 0, dtlsHandshake(HELLO_VERIFY_REQUEST, 0, dtlsHelloVerifyRequestBody(cookie))));
        u.clientSends(dtlsRecord(HANDSHAKE, DTLS12, 0, 1, dtlsHandshake(CLIENT_HELLO, 1, dtlsClientHelloBody(SNI, cookie))));
        u.serverSends(dtlsRecord(HANDSHAKE, DTLS12, 0, 1,
                dtlsHandshake(SERVER_HELLO, 1, dtlsServerHelloBody(TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256))));
        byte[] certBody = TlsBytes.certificateBody(CHAIN.sent());
        List<byte[]> frags = dtlsFragments(CERTIFICATE, 2, certBody, (certBody.length + 2) / 3);
        if (frags.size() != 3) throw new IllegalStateException("fixture: 3 fragments expected");
        boolean[] seen = new boolean[3];
        int certFrame = -1;
        for (int i : order) {
            int f = u.serverSends(dtlsRecord(HANDSHAKE, DTLS12, 0, 2 + i, frags.get(i)));
            if (!seen[i]) {
                seen[i] = true;
                if (seen[0] && seen[1] && seen[2]) certFrame = f;
            }
        }
        u.serverSends(concat(
                dtlsRecord(HANDSHAKE, DTLS12, 0, 5, dtlsHandshake(SERVER_KEY_EXCHANGE, 3, bodyOf(serverKeyExchange()))),
                dtlsRecord(HANDSHAKE, DTLS12, 0, 6, dtlsHandshake(SERVER_HELLO_DONE, 4, new byte[0]))));
        dtlsClientFinish(u);
        return built(dir, name, w, "dtls", expect(w, u, "DTLS 1.2", SNI, CHAIN.sent(), certFrame));
    }

    static Built buildDtlsFragmentedCertificate(Path dir) {
        return dtlsFragmented(dir, "dtls-fragments", 1, 0, 0, 2);   // second before first, first twice
    }

    @Test
    void dtls12CertificateInThreeFragmentsOutOfOrderWithDuplicate() {
        Built b = buildDtlsFragmentedCertificate(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertEquals(Transport.UDP, r.handshakes().get(0).transport());
    }

    /** tshark 4.0 cannot reassemble this one (it only completes when the final fragment comes last). */
    static Built buildDtlsLastFragmentFirst(Path dir) {
        return dtlsFragmented(dir, "dtls-last-fragment-first", 2, 0, 0, 1).with("tsharkCannotReassemble", 1);
    }

    @Test
    void dtls12CertificateFragmentsLastFirstWithDuplicate() {
        Built b = buildDtlsLastFragmentFirst(dir);
        assertExpected(b, scan(b));
    }

    private static void dtlsClientFinish(UdpFlow u) {
        u.clientSends(concat(
                dtlsRecord(HANDSHAKE, DTLS12, 0, 2, dtlsHandshake(CLIENT_KEY_EXCHANGE, 2, bodyOf(clientKeyExchange()))),
                dtlsRecord(TlsBytes.CHANGE_CIPHER_SPEC, DTLS12, 0, 3, new byte[] {1}),
                dtlsRecord(HANDSHAKE, DTLS12, 1, 0, TlsBytes.filler(64, 9))));
        u.serverSends(concat(
                dtlsRecord(TlsBytes.CHANGE_CIPHER_SPEC, DTLS12, 0, 7, new byte[] {1}),
                dtlsRecord(HANDSHAKE, DTLS12, 1, 0, TlsBytes.filler(64, 10))));
        u.clientSends(dtlsRecord(APPLICATION_DATA, DTLS12, 1, 1, TlsBytes.filler(100, 11)));
    }

    static Built buildDtlsOverIpFragments(Path dir) {
        var w = CaptureWriter.pcap();
        UdpFlow u = w.udp(CLIENT_IP, 50000, SERVER_IP, 4433).ipFragmentSize(1480);
        u.clientSends(dtlsRecord(HANDSHAKE, DTLS12, 0, 0, dtlsHandshake(CLIENT_HELLO, 0, dtlsClientHelloBody(SNI, null))));
        byte[] datagram = concat(
                dtlsRecord(HANDSHAKE, DTLS12, 0, 0, dtlsHandshake(SERVER_HELLO, 0, dtlsServerHelloBody(TlsBytes.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256))),
                dtlsRecord(HANDSHAKE, DTLS12, 0, 1, dtlsHandshake(CERTIFICATE, 1, TlsBytes.certificateBody(RSA.sent()))),
                dtlsRecord(HANDSHAKE, DTLS12, 0, 2, dtlsHandshake(SERVER_HELLO_DONE, 2, new byte[0])));
        int[] frames = u.datagram(false, datagram);
        if (frames.length < 2) throw new IllegalStateException("fixture: the datagram must be fragmented");
        int certFrame = frames[frames.length - 1];
        dtlsClientFinish(u);
        return built(dir, "dtls-ip-fragments", w, "dtls", expect(w, u, "DTLS 1.2", SNI, RSA.sent(), certFrame))
                .with("fragments", frames.length);
    }

    @Test
    void dtlsOverFragmentedIpv4() {
        Built b = buildDtlsOverIpFragments(dir);
        CaptureResult r = scan(b);
        assertExpected(b, r);
        assertClean(r);
    }

    // =================================================================== all builders, for the tshark cross-check

    /** Every {@code static Built build*(Path)} of this class, by name. */
    static Stream<java.lang.reflect.Method> builders() {
        return Arrays.stream(PathologicalCaptureTest.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("build") && m.getReturnType() == Built.class)
                .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Path.class)
                .sorted(java.util.Comparator.comparing(java.lang.reflect.Method::getName));
    }
}
