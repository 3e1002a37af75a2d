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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The captures made here with openssl, GnuTLS, Python's ssl and the JDK (test-captures/), against
 * the expectations written from the certificate files the servers were configured with.
 */
class ShippedCapturesTest {

    static final Path DIR = Path.of("test-captures");

    @TestFactory
    Stream<DynamicTest> everyShippedCaptureGivesItsCertificatesAndHandshake() throws IOException {
        Map<String, List<String[]>> certificates = rows("expected.tsv");
        Map<String, List<String[]>> handshakes = rows("expected-handshakes.tsv");
        assertTrue(handshakes.size() >= 10, "expected-handshakes.tsv lists " + handshakes.size() + " captures");
        return handshakes.keySet().stream().map(capture -> DynamicTest.dynamicTest(capture,
                () -> check(capture, certificates.getOrDefault(capture, List.of()), handshakes.get(capture))));
    }

    private static Map<String, List<String[]>> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                .collect(Collectors.groupingBy(f -> f[0], LinkedHashMap::new, Collectors.toList()));
    }

    /**
     * The certificates of {@code result}, as "transport server sender #position sha256", against the
     * TSV rows whose transport column is {@code transportColumn} (the other four follow it).
     */
    static void assertCertificates(List<String[]> rows, int transportColumn, CaptureResult result, String what) {
        int t = transportColumn;
        List<String> expected = new ArrayList<>();
        for (String[] f : rows) expected.add(f[t] + " " + f[t + 1] + " " + f[t + 2] + " #" + f[t + 3] + " " + f[t + 4]);
        List<String> actual = new ArrayList<>();
        for (Handshake h : result.handshakes()) {
            for (CertificateEntry c : h.certificates()) {
                actual.add(h.transport().label() + " " + h.server() + " " + c.role().label() + " #" + c.position() + " "
                        + SharedCapturesTest.sha256(c.der()));
            }
        }
        expected.sort(null);
        actual.sort(null);
        assertEquals(expected, actual, what + ": certificates");
    }

    private static void check(String capture, List<String[]> expectedCertificates, List<String[]> expectedHandshakes) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve(capture));
        assertEquals(List.of(), result.problems(), capture);
        assertEquals(expectedHandshakes.size(), result.handshakes().size(), capture + ": handshakes " + result.handshakes());

        assertCertificates(expectedCertificates, 1, result, capture);

        for (int i = 0; i < expectedHandshakes.size(); i++) {
            String[] f = expectedHandshakes.get(i);
            Handshake h = result.handshakes().get(i);
            assertEquals(f[1], h.transport().label(), capture + ": transport");
            assertEquals(f[2], h.client().toString(), capture + ": client");
            assertEquals(f[3], h.server().toString(), capture + ": server");
            assertEquals(f[4], h.version().map(TlsVersion::toString).orElse("-"), capture + ": version");
            assertEquals(f[5], h.sni().orElse("-"), capture + ": SNI");
            String alerts = h.alerts().isEmpty() ? "-" : h.alerts().stream()
                    .map(a -> a.from().label() + ":" + a.levelName() + ":" + a.descriptionName())
                    .collect(Collectors.joining(","));
            assertEquals(f[7], alerts, capture + ": alerts");
            if (f[8].startsWith("certificates encrypted")) {
                assertTrue(h.certificates().isEmpty(), capture);
                assertEquals(List.of(f[8]), h.notes().stream().map(Note::message).toList(), capture + ": notes");
            }
        }
    }
}
