package capcert.tls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The captures of test-captures/inputs/, made by make-input-captures.sh with real software. */
class InputCapturesTest {

    static final Path DIR = Path.of("test-captures", "inputs");
    static final Path PKI = Path.of("test-captures", "pki");

    /** The server chain every capture of this set sends: server.crt, intermediate-ca.crt, root-ca.crt. */
    static List<byte[]> serverChain() throws IOException {
        return List.of(der("server.crt"), der("intermediate-ca.crt"), der("root-ca.crt"));
    }

    static byte[] der(String pem) throws IOException {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(PKI.resolve(pem)))).getEncoded();
        } catch (CertificateException e) {
            throw new IOException(pem, e);
        }
    }

    static void assertServerChain(Handshake h, long frame) throws IOException {
        List<byte[]> expected = serverChain();
        List<CertificateEntry> sent = h.chain(Role.SERVER);
        assertEquals(expected.size(), sent.size(), () -> "server chain of " + h);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), sent.get(i).der(), "certificate #" + i);
            assertEquals(frame, sent.get(i).frame(), "frame that completed the Certificate message");
        }
    }

    /**
     * Python's ssl client read the first segment of the server's flight, then sent FIN and RST
     * (SO_LINGER 0); the server's last three segments, the end of the Certificate message among
     * them, arrive after both (frames 10 to 16, each answered by another RST).
     */
    @Test
    void theServersFlightAfterTheClientsFinAndRstIsRead() throws IOException {
        CaptureResult r = CaptureScanner.scan(DIR.resolve("fin-rst-inflight.pcap"), ScanOptions.defaults());
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.handshakes().size());
        Handshake h = r.handshakes().get(0);
        assertServerChain(h, 14);
        assertEquals(List.of(), h.notes());
        assertEquals("TLS 1.2", h.version().orElseThrow());
    }
}
