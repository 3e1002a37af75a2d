package capcert.check;

import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.tls.ScanOptions;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * test-captures/expected-verdicts.tsv, the hand-written specification of what {@code capcert check}
 * says about the verdict captures: for each row, the worst severity among the verdicts of its rule
 * about its certificate (or the whole handshake) is the row's.
 */
class ExpectedVerdictsTest {

    private static final Path DIR = Path.of("test-captures");

    @TestFactory
    Stream<DynamicTest> everyRowOfTheSpecification() throws Exception {
        List<String> lines = Files.readAllLines(DIR.resolve("expected-verdicts.tsv"));
        Map<String, List<Verdict>> runs = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t", -1);
            String name = String.join(" | ", f);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Handshake handshake = handshake(f[0]);
                String key = f[0] + "|" + f[1] + "|" + f[2];
                if (!runs.containsKey(key)) runs.put(key, new Checker(options(f[1], f[2])).check(handshake));
                List<Verdict> verdicts = runs.get(key);
                Rule rule = Rule.valueOf(f[3]);
                Optional<String> about = about(handshake, f[5]);
                List<Verdict> matching = verdicts.stream()
                        .filter(v -> v.rule() == rule && (about.isEmpty() || v.certificate().equals(about)))
                        .toList();
                String worst = matching.isEmpty() ? "none" : Severity.worst(matching).name();
                assertEquals(f[4], worst, name + "\n" + Verdicts.show(verdicts));
            }));
        }
        return tests.stream();
    }

    @Test
    void theGoodTraversalZoneHasNothingWorseThanInfo() throws Exception {
        List<Verdict> v = new Checker(options("trust/root-only.pem", "--profile expressway --expect-name collab-edge.capcert.test")).check(handshake("expe-good.pcap"));
        assertFalse(v.stream().anyMatch(x -> x.severity().compareTo(Severity.INFO) > 0), Verdicts.show(v));
    }

    private static Optional<String> about(Handshake handshake, String about) {
        if (about.equals("-")) return Optional.empty();
        String[] parts = about.split(":");
        CertificateEntry entry = handshake.chain(Role.valueOf(parts[0].toUpperCase(Locale.ROOT))).get(Integer.parseInt(parts[1]));
        return Optional.of(CertificateDetails.decode(entry.der()).sha256());
    }

    private static Handshake handshake(String capture) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve(capture));
        assertEquals(1, result.handshakes().size(), capture);
        return result.handshakes().get(0);
    }

    /** The command-line words of a row as {@code capcert check} would turn them into options. */
    private static CheckOptions options(String trustArgs, String words) throws Exception {
        List<String> args = words.equals("-") ? List.of() : List.of(words.split(" "));
        Profile profile = Profile.GENERIC;
        List<String> expected = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        String password = "";
        for (int i = 0; i < args.size(); i += 2) {
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--profile" -> profile = Profile.valueOf(value.toUpperCase(Locale.ROOT));
                case "--expect-name" -> expected.add(value);
                case "--crl" -> {
                    try (InputStream in = Files.newInputStream(DIR.resolve(value))) {
                        crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in));
                    }
                }
                case "--trust-password" -> password = value;
                default -> throw new IllegalArgumentException(args.get(i));
            }
        }
        List<TrustList> lists = new ArrayList<>();
        if (!trustArgs.equals("-")) {
            for (String file : trustArgs.split(",")) lists.add(trustList(file, password));
        }
        return new CheckOptions(lists, expected, Optional.empty(), profile, capcert.testing.Parsed.crls(crls));
    }

    private static TrustList trustList(String file, String password) throws Exception {
        Path path = DIR.resolve(file);
        String name = path.getFileName().toString();
        List<X509Certificate> certs = new ArrayList<>();
        if (name.endsWith(".jks") || name.endsWith(".p12")) {
            KeyStore store = KeyStore.getInstance(path.toFile(), password.toCharArray());
            for (String alias : Collections.list(store.aliases())) certs.add((X509Certificate) store.getCertificate(alias));
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    certs.add((X509Certificate) c);
                }
            }
        }
        List<TrustedCertificate> trusted = new ArrayList<>();
        for (int i = 0; i < certs.size(); i++) trusted.add(new TrustedCertificate(certs.get(i), name + " #" + (i + 1)));
        return TrustList.of(trusted);
    }
}
