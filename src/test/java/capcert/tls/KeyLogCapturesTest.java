package capcert.tls;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS 1.3 and QUIC captures made with OpenSSL, GnuTLS, Python, Kwik (test-captures/, by
 * make-keylog-captures.sh), read with and without their key logs, against the expectations written
 * from the certificate files the servers were given (and checked with tshark by the recipe).
 */
class KeyLogCapturesTest {

    private static final Path DIR = ShippedCapturesTest.DIR;

    private record Run(String capture, String keyLog) {
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureWithAndWithoutItsKeyLog() throws IOException {
        Map<Run, List<String[]>> certificates = rows("expected-keylog.tsv");
        Map<Run, List<String[]>> handshakes = rows("expected-keylog-handshakes.tsv");
        assertTrue(handshakes.size() >= 30, "expected-keylog-handshakes.tsv lists " + handshakes.size() + " runs");
        return handshakes.keySet().stream().map(run -> DynamicTest.dynamicTest(run.capture() + " with " + run.keyLog(),
                () -> check(run, certificates.getOrDefault(run, List.of()), handshakes.get(run))));
    }

    private static Map<Run, List<String[]>> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file));
        Map<Run, List<String[]>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            rows.computeIfAbsent(new Run(f[0], f[1]), r -> new ArrayList<>()).add(f);
        }
        return rows;
    }

    /** Why no certificate shows is a kind of its own, whose words the expectations give. */
    private static Class<? extends Note> kindOfFirstNote(String words) {
        if (words.startsWith("certificates encrypted")) return Note.CertificatesEncrypted.class;
        if (words.contains("no key-log entry")) return Note.NoKeyLogEntry.class;
        if (words.startsWith("decryption failed")) return Note.DecryptionFailed.class;
        if (words.startsWith("resumed")) return Note.NoCertificate.class;
        throw new AssertionError("no kind known for the note " + words);
    }

    private static void check(Run run, List<String[]> expectedCertificates, List<String[]> expectedHandshakes) throws Exception {
        KeyLog keyLog = run.keyLog().equals("-") ? KeyLog.empty() : KeyLog.read(DIR.resolve(run.keyLog()));
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withKeyLog(keyLog)).scan(DIR.resolve(run.capture()));
        String what = run.capture() + " with " + run.keyLog();
        assertEquals(List.of(), result.problems(), what);

        ShippedCapturesTest.assertCertificates(expectedCertificates, 2, result, what);

        for (String[] f : expectedHandshakes) {
            Handshake h = result.handshakes().stream().filter(x -> x.client().toString().equals(f[3])).findFirst()
                    .orElseThrow(() -> new AssertionError(what + ": no handshake from " + f[3] + " in " + result.handshakes()));
            assertEquals(f[2], h.transport().label(), what);
            assertEquals(f[4], h.server().toString(), what);
            assertEquals(f[5], h.version().map(TlsVersion::toString).orElse("-"), what);
            assertEquals(f[6], h.decryption().flatMap(Decryption::quicVersion).orElse("-"), what);
            assertEquals(f[7], h.sni().orElse("-"), what);
            assertEquals(f[8].equals("yes"), h.certificatesDecrypted(), what + ": notes " + h.notes());
            if (h.certificatesDecrypted()) {
                String source = run.keyLog().equals("-") ? CaptureScanner.SECRETS_BLOCK : Path.of(run.keyLog()).getFileName().toString();
                assertEquals(source, h.decryption().orElseThrow().keySource().orElseThrow(), what);
            }
            if (!f[9].equals("-")) {
                assertTrue(!h.notes().isEmpty() && h.notes().get(0).message().startsWith(f[9]), what + ": notes " + h.notes());
                assertEquals(kindOfFirstNote(f[9]), h.notes().get(0).getClass(), what + ": notes " + h.notes());
            }
            if (run.keyLog().equals("-") && f[8].equals("no") && h.decryption().flatMap(Decryption::quicVersion).isEmpty()) {
                assertTrue(h.decryption().isEmpty(), what + ": without keys a TLS handshake reads as before");
            }
        }
    }
}
