package capcert.check;

import capcert.testing.SharedData;
import capcert.tls.CaptureScanner;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every handshake of every capture we have (ours and the public ones, with certificates from real
 * deployments, damaged ones included), checked with every option at once: the engine must answer,
 * worst first, each verdict with a message, never an exception.
 */
class EveryCaptureTest {

    private static final Path OURS = Path.of("test-captures");
    private static final Path SHARED = SharedData.captures();

    @TestFactory
    Stream<DynamicTest> everyHandshakeGetsVerdicts() throws Exception {
        X509CRL crl = capcert.testing.CertBuilder.crl(Run.ROOT, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2030-01-01T00:00:00Z"), java.util.Map.of());
        CheckOptions everything = new CheckOptions(
                List.of(Run.trust("ca.pem", Run.ROOT, Run.ISSUING), TrustList.empty(), TrustLists.system()),
                List.of("collab-edge.example.com"), Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                Profile.EXPRESSWAY, List.of(capcert.testing.Parsed.crl(crl)));
        List<Path> captures;
        try (Stream<Path> ours = Files.list(OURS); Stream<Path> shared = Files.isDirectory(SHARED) ? Files.list(SHARED) : Stream.empty()) {
            captures = Stream.concat(ours, shared)
                    .filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        return captures.stream().map(capture -> DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
            for (Handshake h : new CaptureScanner(ScanOptions.defaults()).scan(capture).handshakes()) {
                for (CheckOptions options : List.of(CheckOptions.defaults(), everything)) {
                    List<Verdict> v = new Checker(options).check(h);
                    assertFalse(v.isEmpty() && !h.certificates().isEmpty(), capture + " " + h);
                    for (int i = 1; i < v.size(); i++) {
                        assertTrue(v.get(i - 1).severity().compareTo(v.get(i).severity()) >= 0, Verdicts.show(v));
                    }
                    for (Verdict x : v) assertFalse(x.message().isBlank(), Verdicts.show(v));
                }
            }
        }));
    }
}
