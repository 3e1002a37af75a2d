package capcert.tls;

import capcert.testing.CaptureWriter;
import capcert.testing.CaptureWriter.TcpConn;
import capcert.testing.TlsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handshake of RFC 8448 section 3 as a TCP connection in a capture, read without a key log,
 * with one, with one that lacks its client random or has a wrong secret, and with the secrets in the
 * capture itself (a pcapng Decryption Secrets Block); its segments cut small, reordered and repeated.
 */
class Tls13DecryptionTest {

    private static final Vectors TLS = Vectors.load("rfc8448-1rtt.txt");

    @TempDir
    Path dir;

    static String keyLogText(byte[] serverSecret) {
        String random = Vectors.hex(TLS.get("client_random"));
        return "# RFC 8448 section 3\r\n\r\n"
                + "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + Vectors.hex(TLS.get("client_handshake_traffic_secret")) + "\r\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + random + " " + Vectors.hex(serverSecret) + "\r\n"
                + "CLIENT_TRAFFIC_SECRET_0 " + random + " " + Vectors.hex(TLS.get("client_application_traffic_secret_0")) + "\n"
                + "SERVER_TRAFFIC_SECRET_0 " + random + " " + Vectors.hex(TLS.get("server_application_traffic_secret_0")) + "\n";
    }

    static KeyLog keyLog(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return KeyLog.parse("rfc8448.keys", bytes, 0, bytes.length);
    }

    /** The conversation: the server's encrypted flight in 97-byte segments sent out of order, one of them twice. */
    private static void conversation(CaptureWriter w) {
        TcpConn c = w.tcp("192.0.2.10", 50000, "192.0.2.20", 443);
        c.handshake3Way();
        c.clientSends(TLS.get("client_hello_record"));
        byte[] flight = KeyScheduleVectorsTest.concat(TLS.get("server_hello_record"), TlsBytes.changeCipherSpec(0x0303),
                TLS.get("server_encrypted_record"));
        long base = c.server().next();
        int segment = 97;
        int last = (flight.length - 1) / segment;
        for (int i = last; i >= 0; i--) { // backwards: every segment but the last arrives out of order
            int from = i * segment;
            byte[] piece = Arrays.copyOfRange(flight, from, Math.min(flight.length, from + segment));
            c.serverSendsSegment(base + from, piece);
            if (i == 2) c.serverSendsSegment(base + from, piece);
        }
        c.clientSends(KeyScheduleVectorsTest.concat(TlsBytes.changeCipherSpec(0x0303), TLS.get("client_finished_record")));
        c.close();
    }

    private CaptureResult scan(CaptureWriter w, KeyLog keyLog) {
        Path file = w.write(dir.resolve("rfc8448." + (w.format() == CaptureWriter.Format.PCAP ? "pcap" : "pcapng")));
        return new CaptureScanner(ScanOptions.defaults().withKeyLog(keyLog)).scan(file);
    }

    @Test
    void withoutKeyLogTheCertificatesStayEncryptedAsBefore() {
        CaptureWriter w = CaptureWriter.pcap();
        conversation(w);
        Handshake h = single(scan(w, KeyLog.empty()));
        assertEquals(List.of("certificates encrypted (TLS 1.3)"), h.notes().stream().map(Note::message).toList());
        assertTrue(h.decryption().isEmpty());
        assertEquals("TLS 1.3", h.version().orElseThrow().toString());
    }

    @Test
    void theKeyLogDecryptsTheServersCertificate() throws Exception {
        CaptureWriter w = CaptureWriter.pcap();
        conversation(w);
        Handshake h = single(scan(w, keyLog(keyLogText(TLS.get("server_handshake_traffic_secret")))));
        assertEquals(1, h.certificates().size(), h.notes().toString());
        CertificateEntry entry = h.certificates().get(0);
        assertEquals(Role.SERVER, entry.role());
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(entry.der()));
        assertEquals("CN=rsa", certificate.getSubjectX500Principal().getName());
        assertTrue(h.certificatesDecrypted());
        assertEquals("rfc8448.keys", h.decryption().orElseThrow().keySource().orElseThrow());
        assertEquals(List.of(), h.notes());
        assertEquals("TLS_AES_128_GCM_SHA256", h.cipherSuite().orElseThrow().toString());
    }

    @Test
    void aKeyLogWithoutThisClientRandomSaysSo() {
        CaptureWriter w = CaptureWriter.pcap();
        conversation(w);
        String other = keyLogText(TLS.get("server_handshake_traffic_secret")).replace(Vectors.hex(TLS.get("client_random")),
                "00".repeat(32));
        Handshake h = single(scan(w, keyLog(other)));
        assertTrue(h.certificates().isEmpty());
        assertEquals(List.of("encrypted (TLS 1.3): no key-log entry for client random " + Vectors.hex(TLS.get("client_random"))),
                h.notes().stream().map(Note::message).toList());
        assertTrue(h.decryption().orElseThrow().keySource().isEmpty());
    }

    @Test
    void aWrongSecretFailsOnTheTagAndYieldsNothing() {
        CaptureWriter w = CaptureWriter.pcap();
        conversation(w);
        byte[] wrong = TLS.get("server_handshake_traffic_secret");
        wrong[31] ^= 1;
        Handshake h = single(scan(w, keyLog(keyLogText(wrong))));
        assertTrue(h.certificates().isEmpty());
        assertTrue(h.notes().get(0).message().startsWith("decryption failed: the key log's secret does not match (authentication tag)"),
                h.notes().toString());
        assertFalse(h.certificatesDecrypted());
    }

    @Test
    void aPcapngCarriesItsOwnSecrets() {
        CaptureWriter w = CaptureWriter.pcapng();
        w.addInterface(CaptureWriter.LinkType.ETHERNET, 6);
        byte[] text = keyLogText(TLS.get("server_handshake_traffic_secret")).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer block = ByteBuffer.allocate(8 + ((text.length + 3) & ~3)).order(ByteOrder.LITTLE_ENDIAN);
        block.putInt(0x544c534b).putInt(text.length).put(text);
        w.unknownBlock(10, block.array());
        conversation(w);
        Handshake h = single(scan(w, KeyLog.empty()));
        assertEquals(1, h.certificates().size(), h.notes().toString());
        assertEquals(CaptureScanner.SECRETS_BLOCK, h.decryption().orElseThrow().keySource().orElseThrow());
    }

    private static Handshake single(CaptureResult result) {
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.handshakes().size());
        return result.handshakes().get(0);
    }
}
