package capcert.cli;

import capcert.check.Checker;
import capcert.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands as a user runs them, with the real scanner over real captures. */
class EndToEndTest {

    record Run(int code, String out, String err) {
    }

    /** The real reader, engine and command line, colour off. */
    static Run capcert(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The real reader and engine; colour off, whatever runs the tests.
        Context real = new Context((scanner, file) -> scanner.scan(file), options -> new Checker(options)::check,
                options -> new Checker(options)::checkChain, false);
        int code = Main.run(real, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listShowsTheChainAndTheAlertThatEndedTheHandshake() {
        Run run = capcert("list", "--width", "200", "test-captures/tls12-unknown-ca.pcap");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("tcp 10.99.0.2:56448 → 10.99.0.1:7001"), run.out());
        assertTrue(run.out().contains("CN=capcert Test Root CA"), run.out());
        assertTrue(run.out().contains("client sent fatal unknown_ca (frame 16)"), run.out());
    }

    @Test
    void listJsonIsTheDocumentedShape() throws Exception {
        Run run = capcert("list", "--json", "test-captures/tls12-mutual.pcap", "test-captures/tls13.pcap");
        assertEquals(0, run.code(), run.err());
        JsonNode captures = new ObjectMapper().readTree(run.out()).get("captures");
        assertEquals(2, captures.size());
        JsonNode mutual = captures.get(0).get("handshakes").get(0);
        assertEquals("tcp", mutual.get("transport").asText());
        assertEquals("10.99.0.1:5061", mutual.get("server").asText());
        assertEquals("TLS 1.2", mutual.get("version").asText());
        assertEquals("server.capcert.test", mutual.get("sni").asText());
        Set<String> roles = new TreeSet<>();
        mutual.get("certificates").forEach(c -> roles.add(c.get("role").asText() + c.get("position").asInt()));
        assertEquals(Set.of("server0", "server1", "client0", "client1"), roles);
        JsonNode tls13 = captures.get(1).get("handshakes").get(0);
        assertEquals("TLS 1.3", tls13.get("version").asText());
        assertEquals(0, tls13.get("certificates").size());
        assertEquals("certificates encrypted (TLS 1.3)", tls13.get("notes").get(0).asText());
    }

    /** The core names what a file is; the command line adds its own command and option. */
    @Test
    void filesThatAreNotCapturesAreNamedWithTheCommandLinesWords() {
        Run pem = capcert("list", "test-captures/inputs/not-captures/server.pem");
        assertTrue(pem.err().contains("a PEM file (certificates or keys), not a capture; check certificate files with"
                + " `capcert check-cert`"), pem.err());
        Run snoop = capcert("list", "--reader", "libpcap", "test-captures/inputs/tls12-chain.snoop");
        assertTrue(snoop.err().contains("libpcap reads only pcap and pcapng files, and this is a snoop file, which the"
                + " built-in reader (--reader java, the default) reads") || snoop.err().contains("libpcap is not installed"),
                snoop.err());
    }

    @Test
    void exportWritesEachDistinctCertificateByteForByte(@TempDir Path out) throws Exception {
        Path capture = SharedData.capture("zeek__google-cert-repeat.pcap");
        Run run = capcert("export", "-o", out.toString(), capture.toString());
        assertEquals(0, run.code(), run.err());
        List<Path> cer;
        try (Stream<Path> files = Files.list(out)) {
            cer = files.filter(p -> p.toString().endsWith(".cer")).sorted().toList();
        }
        assertEquals(4, cer.size(), "8 handshakes re-send 4 distinct certificates: " + cer);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (Path file : cer) {
            byte[] der = Files.readAllBytes(file);
            String sha256 = capcert.x509.CertificateDetails.decode(der).sha256();
            assertTrue(file.getFileName().toString().startsWith(sha256.substring(0, 16)), file.toString());
            assertArrayEquals(Files.readAllBytes(SharedData.capture("truth/certs/" + sha256 + ".der")), der, file.toString());
            Path pem = Path.of(file.toString().replaceFirst("\\.cer$", ".pem"));
            X509Certificate fromPem = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
            assertArrayEquals(der, fromPem.getEncoded(), pem.toString());
        }
        assertTrue(Files.exists(out.resolve("index.json")));

        Run again = capcert("export", "-o", out.toString(), capture.toString());
        assertEquals(ExitCodes.FAILED, again.code(), "a second export must not overwrite without --force");
        assertEquals(0, capcert("export", "--force", "-o", out.toString(), capture.toString()).code());
    }

    @Test
    void damagedCaptureStillListsWhatCameBeforeAndExitsOne() {
        Path capture = SharedData.capture("sv__tls-DER-incomplete-header.pcap");
        Run run = capcert("list", capture.toString());
        assertEquals(ExitCodes.INPUT_PROBLEMS, run.code());
        assertTrue(run.err().contains("frame 7, byte offset 5035"), run.err());
        // its one entry is 9 bytes that are not a certificate: a note, not a certificate row
        assertTrue(run.out().contains("entry #0 (9 bytes, SHA-256 a8b66060986b36dd") && run.out().contains("is not a certificate"),
                run.out());
        assertFalse(run.out().contains("ROLE"), run.out());
    }

    @Test
    void aDirectoryIsReadRecursivelyInParallelWithResultsInOrder() throws Exception {
        List<String> expected;
        try (Stream<Path> files = Files.walk(Path.of("test-captures"))) {
            expected = files.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap|snoop|ntar)(\\.(gz|zst|xz|bz2|lz4))?$"))
                    .map(Path::toString).sorted().toList();
        }
        Run run = capcert("list", "--json", "--threads", "2", "test-captures");
        assertEquals(0, run.code(), run.err());
        JsonNode captures = new ObjectMapper().readTree(run.out()).get("captures");
        List<String> files = new java.util.ArrayList<>();
        captures.forEach(c -> files.add(c.get("file").asText()));
        assertEquals(expected, files);
    }

    @Test
    void aCaptureOnStandardInput() throws Exception {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of("test-captures/tls12-chain.pcap"))));
            StringWriter out = new StringWriter();
            int code = Main.run(Context.system(), new PrintWriter(out), new PrintWriter(new StringWriter()), "list", "--json", "-");
            assertEquals(0, code);
            JsonNode capture = new ObjectMapper().readTree(out.toString()).get("captures").get(0);
            assertEquals("-", capture.get("file").asText());
            assertEquals(3, capture.get("handshakes").get(0).get("certificates").size());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void diffShowsTheChainThatChangedAcrossARenewal() {
        Run run = capcert("diff", "test-captures/expe-good.pcap", "test-captures/renewed-intermediate.pcap");
        assertEquals(ExitCodes.DIFFERENT, run.code(), "as diff(1), 1 when something differs: " + run.err());
        List<String> lines = run.out().lines().toList();
        int server = lines.indexOf("CHANGED server expe.capcert.test");
        assertTrue(server >= 0, run.out());
        assertEquals("  before: expe.capcert.test → capcert Test Intermediate CA", lines.get(server + 1));
        assertEquals("  after:  expe.capcert.test", lines.get(server + 2));
        assertTrue(lines.contains("REMOVED client 10.99.0.2"), run.out());
        Run same = capcert("diff", "test-captures/tls12-chain.pcap", "test-captures/tls11-chain.pcap");
        assertEquals("No chain changed.", same.out().strip());
        assertEquals(ExitCodes.OK, same.code(), same.err());
    }

    @Test
    void notACaptureIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture\n");
        Run run = capcert("list", text.toString());
        assertEquals(ExitCodes.INPUT_PROBLEMS, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(text + ": ") && run.err().contains("a text file, not a capture"), run.err());
    }

    @Test
    void checkJudgesRevocationWithTheOcspResponsesAndCrlsTheCaptureCarried() {
        Run revoked = capcert("check", "--wide", "--trust", "test-captures/trust/root-only.pem", "test-captures/inputs/ocsp-stapled.pcap");
        assertEquals(ExitCodes.CHECK_FAILED, revoked.code(), revoked.out());
        assertTrue(revoked.out().contains("FAIL VD2") && revoked.out().contains("was revoked on 2025-06-01 00:00:00 UTC"
                + " (reason: keyCompromise) according to the OCSP response the server stapled"), revoked.out());
        Run good = capcert("check", "--wide", "-v", "--trust", "test-captures/trust/root-only.pem", "test-captures/inputs/ocsp-stapled-good.pcap");
        assertEquals(0, good.code(), good.out());
        assertTrue(good.out().contains("is not revoked: the OCSP response the server stapled"), good.out());
        Run revoked13 = capcert("check", "--wide", "--trust", "test-captures/trust/root-only.pem", "test-captures/inputs/ocsp-stapled-tls13.pcapng");
        assertEquals(ExitCodes.CHECK_FAILED, revoked13.code(), revoked13.out());
        assertTrue(revoked13.out().contains("FAIL VD2") && revoked13.out().contains("was revoked on 2025-06-01 00:00:00 UTC"
                + " (reason: keyCompromise) according to the OCSP response the server stapled (frame 10)"), "TLS 1.3: " + revoked13.out());
        Run good13 = capcert("check", "--wide", "-v", "--trust", "test-captures/trust/root-only.pem", "test-captures/inputs/ocsp-stapled-tls13-good.pcapng");
        assertEquals(0, good13.code(), good13.out());
        assertTrue(good13.out().contains("is not revoked: the OCSP response the server stapled"), "TLS 1.3: " + good13.out());
        Run crl = capcert("check", "--wide", "--trust", "test-captures/trust/root-only.pem", "test-captures/inputs/revoked-with-crl-download.pcap");
        assertTrue(crl.out().contains("FAIL VD2") && crl.out().contains("by the CRL of \"capcert Test Intermediate CA\""), crl.out());
        Run without = capcert("check", "--wide", "--trust", "test-captures/trust/root-only.pem", "test-captures/revoked.pcap");
        assertTrue(without.out().contains("not checked (offline)"), "the same handshake without the download: " + without.out());
    }

    @Test
    void listShowsWhatTheCaptureCarriedOutsideHandshakes() {
        Run run = capcert("list", "test-captures/inputs/http-aia-crl.pcap");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("frame 9  tcp 10.191.0.2:") && run.out().contains(
                "certificate in an HTTP response: http://10.191.0.1:8080/intermediate-ca.cer (application/pkix-cert)"), run.out());
        assertTrue(run.out().contains("CRL of CN=capcert Test Intermediate CA,OU=Test PKI,O=capcert, this update 2025-06-01T00:00:00Z"),
                run.out());
        assertTrue(run.out().endsWith("no TLS handshake found\n"), run.out());
    }

    @Test
    void exportPutsEvidenceApartFromChains(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("certs");
        Run run = capcert("export", "-o", out.toString(), "test-captures/inputs/ocsp-stapled.pcap", "test-captures/inputs/http-aia-crl.pcap");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Wrote 2 certificates, 1 chain, 6 evidence files and index.json"), run.out());
        assertTrue(Files.exists(out.resolve("evidence/82adb186f0729ae6_capcert_Test_Root_CA.pem")), "the root from the PKCS#7 download");
        JsonNode evidence = new ObjectMapper().readTree(out.resolve("index.json").toFile()).get("evidence");
        assertEquals(4, evidence.size());
        JsonNode stapled = evidence.get(0);
        assertEquals("tls-stapled", stapled.get("carrier").asText());
        byte[] response = Files.readAllBytes(out.resolve(stapled.get("file").asText()));
        assertEquals(0x30, response[0] & 0xff, "the OCSP response as carried, DER");
    }
}
