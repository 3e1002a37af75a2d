package capcert.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import capcert.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every public capture in ../shared/captures must give exactly the certificates its truth file
 * lists: same server endpoint, sender, sender endpoint, position and SHA-256, as many times.
 */
class SharedCapturesTest {

    static Path sharedCaptures() {
        return SharedData.captures();
    }

    /**
     * Certificate messages cut short, which the truth leaves out: we keep the certificates that
     * arrived whole, flagged incomplete, and no others. In the heuristic capture a 742-byte gap falls
     * inside the fourth certificate of tcp:0 (the capture README excludes that stream); KakaoTalk's
     * capture ends 1,388 bytes into the server flight of the connection on port 5223.
     */
    private static final Map<String, Integer> WHOLE_CERTIFICATES_FROM_CUT_MESSAGES = Map.of(
            "ndpi__heuristic_tcp_ack_payload", 3,
            "ndpi__KakaoTalk_chat", 1);

    /**
     * Entries of Certificate messages that are not certificates at all, which the truth lists as
     * rows: capcert names them in a note on the handshake instead (the suricata capture's one entry
     * is 9 bytes of a broken DER header).
     */
    private static final Map<String, String> ENTRIES_THAT_ARE_NOT_CERTIFICATES = Map.of(
            "sv__tls-DER-incomplete-header", "a8b66060986b36dd65e1ea9f3849e4adf8f95af8e02ac555f2bdb1354636e097");

    /**
     * Two truth files name the outer tunnel endpoint (with the inner TCP port) as the server, though
     * the capture README says the server is the TCP peer that is visible. The TCP peer is the inner
     * address; {@link #truthNamesTheTunnelEndpointNotTheTcpPeer} shows it from the raw bytes.
     */
    private static final Map<String, Map<String, String>> TRUTH_CORRECTIONS = Map.of(
            "ndpi__6in4tunnel", Map.of(
                    "184.105.255.26:443", "unresolved"),
            "ndpi__gtp_tls_anon", Map.of(
                    "151.121.185.44:443", "151.121.193.160:443"));

    /**
     * Certificates a capture's own Decryption Secrets Block decrypts. The truth files list cleartext
     * certificates only and leave these out by definition (capture README, point 5); tshark, which
     * reads the block too, decrypts the same one (frame 2, its tls.handshake.certificate hashed).
     */
    private static final Map<String, List<String>> DECRYPTED_WITH_EMBEDDED_SECRETS = Map.of(
            "ndpi__quic-v2", List.of("[::1]:4443 server [::1]:4443 #0 bd6d42aacb34d73ee2a812669bbc2cdafb02d596cc86f1511e436dbbeaf6610c"));

    @Test
    void truthNamesTheTunnelEndpointNotTheTcpPeer() throws IOException {
        byte[] sixInFour = Files.readAllBytes(SharedData.capture("ndpi__6in4tunnel.pcap"));
        byte[] outer = {(byte) 184, 105, (byte) 255, 26};
        assertEquals(0, RawHeaders.ipv4(sixInFour, outer, 6), "184.105.255.26 never carries TCP itself");
        assertTrue(RawHeaders.ipv4(sixInFour, outer, 41) > 0, "184.105.255.26 carries IPv6-in-IPv4");
        for (String inner : List.of("2a03:2880:1010:6f03:face:b00c:0:2", "2604:a880:1:20::224:b001")) {
            assertTrue(RawHeaders.ipv6TcpPort(sixInFour, RawHeaders.address(inner), 443) > 0, inner + " is a TCP peer on port 443");
        }
        byte[] gtp = Files.readAllBytes(SharedData.capture("ndpi__gtp_tls_anon.pcap"));
        byte[] tunnel = {(byte) 151, 121, (byte) 185, 44};
        assertEquals(0, RawHeaders.ipv4(gtp, tunnel, 6), "151.121.185.44 never carries TCP itself");
        assertTrue(RawHeaders.ipv4(gtp, tunnel, 17) > 0, "151.121.185.44 carries GTP-U over UDP");
        assertTrue(RawHeaders.ipv4(gtp, new byte[]{(byte) 151, 121, (byte) 193, (byte) 160}, 6) > 0, "151.121.193.160 is the TCP peer");
    }

    @TestFactory
    Stream<DynamicTest> everySharedCaptureGivesExactlyItsTruth() throws IOException {
        Path truthDir = SharedData.capture("truth");
        List<Path> truths;
        try (Stream<Path> files = Files.list(truthDir)) {
            truths = files.filter(p -> p.toString().endsWith(".tsv") && !p.getFileName().toString().equals("SUMMARY.tsv"))
                    .sorted().toList();
        }
        assertTrue(truths.size() >= 43, "expected the 43 truth files, found " + truths.size());
        return truths.stream().map(truth -> DynamicTest.dynamicTest(truth.getFileName().toString(), () -> check(truth)));
    }

    private static void check(Path truth) throws IOException {
        String stem = truth.getFileName().toString().replaceFirst("\\.tsv$", "");
        Path capture = Files.exists(sharedCaptures().resolve(stem + ".pcap"))
                ? sharedCaptures().resolve(stem + ".pcap") : sharedCaptures().resolve(stem + ".pcapng");
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(truth).subList(1, Files.readAllLines(truth).size())) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            // server, sender role, sender endpoint, position, sha256
            String server = corrected(stem, f[1], f[0]);
            String sender = f[5].equals("server") ? server : f[6];
            if (f[3].equals(ENTRIES_THAT_ARE_NOT_CERTIFICATES.get(stem))) continue;
            expected.add(server + " " + f[5] + " " + sender + " #" + f[2] + " " + f[3]);
        }
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(capture);
        if (ENTRIES_THAT_ARE_NOT_CERTIFICATES.containsKey(stem)) {
            String sha = ENTRIES_THAT_ARE_NOT_CERTIFICATES.get(stem);
            assertTrue(result.handshakes().stream().flatMap(h -> h.notes().stream())
                    .anyMatch(n -> n.message().contains("SHA-256 " + sha + ") is not a certificate")), stem + ": no note names " + sha);
        }
        List<String> actual = new ArrayList<>();
        List<String> decrypted = new ArrayList<>();
        List<String> toleratedExtras = new ArrayList<>();
        for (Handshake h : result.handshakes()) {
            // Every chain in these captures follows a ServerHello that was captured: losing it means
            // the start of the server's stream was misread.
            if (!h.certificates().isEmpty()) {
                assertTrue(h.version().isPresent() && h.notes().stream().noneMatch(n -> n.message().contains("no ServerHello")),
                        stem + ": ServerHello of " + h.client() + " -> " + h.server() + " not read; notes " + h.notes());
            }
            boolean incomplete = h.notes().stream().anyMatch(n -> n.message().contains("incomplete"));
            for (CertificateEntry c : h.certificates()) {
                String sender = (c.role() == Role.SERVER ? h.server() : h.client()).toString();
                String row = h.server() + " " + c.role().label() + " " + sender + " #" + c.position() + " " + sha256(c.der());
                if (h.certificatesDecrypted()) {
                    decrypted.add(row);
                } else if (incomplete) {
                    assertParses(c.der(), stem + " " + row);
                    toleratedExtras.add(row);
                }
                else actual.add(row);
            }
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(String.join("\n", expected), String.join("\n", actual), stem + ": certificates differ; problems: " + result.problems());
        assertEquals(DECRYPTED_WITH_EMBEDDED_SECRETS.getOrDefault(stem, List.of()), decrypted, stem + ": decrypted certificates");
        assertEquals(WHOLE_CERTIFICATES_FROM_CUT_MESSAGES.getOrDefault(stem, 0), toleratedExtras.size(),
                stem + ": whole certificates kept from cut messages " + toleratedExtras);
    }

    /**
     * OCSP responses stapled (CertificateStatus) and fetched over HTTP, and CRLs downloaded, as
     * tshark 4.0 counts them ({@code tls.handshake.type==22}, {@code http.response && ocsp},
     * {@code http.content_type contains "crl"}); the browser session in sv__tls-subjectaltname also
     * sends 19 OCSP requests as GETs (RFC 6960 A.1), which tshark does not dissect (their last path segment is the base64 DER: /MF…, /gtsr1/ME4w…).
     */
    @Test
    void evidenceInTheSharedCapturesIsWhatTsharkFinds() {
        Map<String, String> expected = Map.of(
                "sv__tls-subjectaltname.pcap", "stapled 13, ocsp-response 19, ocsp-request 19, crl 1",
                "ndpi__teams.pcap", "stapled 25, ocsp-response 0, ocsp-request 0, crl 0",
                "ndpi__sites.pcapng", "stapled 8, ocsp-response 0, ocsp-request 0, crl 0",
                "zeek__ocsp-stapling.pcap", "stapled 1, ocsp-response 0, ocsp-request 0, crl 0",
                "arkime__socks4-https.pcap", "stapled 1, ocsp-response 0, ocsp-request 0, crl 0");
        expected.forEach((file, counts) -> {
            List<Evidence> evidence = new CaptureScanner(ScanOptions.defaults()).scan(SharedData.capture(file)).evidence();
            long stapled = evidence.stream().filter(e -> e.carrier() == Evidence.Carrier.TLS_STAPLED).count();
            long responses = evidence.stream().filter(e -> e.carrier() == Evidence.Carrier.HTTP_RESPONSE
                    && e.kind() == Evidence.Kind.OCSP_RESPONSE).count();
            long requests = evidence.stream().filter(e -> e.kind() == Evidence.Kind.OCSP_REQUEST).count();
            long crls = evidence.stream().filter(e -> e.kind() == Evidence.Kind.CRL).count();
            assertEquals(counts, "stapled " + stapled + ", ocsp-response " + responses + ", ocsp-request " + requests
                    + ", crl " + crls, file);
        });
    }

    /** The 6in4 capture tunnels two TCP connections through one outer address; the stream id tells them apart. */
    private static String corrected(String stem, String server, String stream) {
        String fixed = TRUTH_CORRECTIONS.getOrDefault(stem, Map.of()).get(server);
        if (fixed == null) return server;
        if (!fixed.equals("unresolved")) return fixed;
        return switch (stream) {
            case "tcp:1" -> "[2a03:2880:1010:6f03:face:b00c:0:2]:443";
            case "tcp:5" -> "[2604:a880:1:20::224:b001]:443";
            default -> throw new AssertionError("unexpected stream " + stream + " in " + stem);
        };
    }

    private static void assertParses(byte[] der, String what) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new AssertionError("a certificate kept from a cut message must be whole: " + what, e);
        }
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
