package capcert.report;

import capcert.capture.CaptureProblem;
import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.check.Wording;
import capcert.net.Transport;
import capcert.testing.TestCaptures;
import capcert.testing.TestCertificates;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CipherSuite;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static capcert.testing.TestCaptures.TIME;
import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.endpoint;
import static capcert.testing.TestCaptures.handshake;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    private static final byte[] LEAF = TestCertificates.certificate()
            .subject("CN=leaf.example,O=Example").issuer("CN=Example CA,O=Example").der();
    private static final byte[] GARBAGE = HexFormat.of().parseHex("30053084fffffffa04");

    private static JsonNode report(CaptureResult... captures) throws Exception {
        StringWriter out = new StringWriter();
        JsonReport.write(List.of(captures), Wording.PLAIN, out);
        assertTrue(out.toString().endsWith("}\n"));
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aTunnelledHandshakeSaysWhatCarriedItAndOthersKeepTheirFields() throws Exception {
        JsonNode root = report(capture("/tmp/t.pcap", TestCaptures.eapTlsOverRadius(4, "alice", chain(Role.CLIENT, 9, LEAF)),
                TestCaptures.peapOverEapol(1, List.of()), TestCaptures.turnRelayed(5, List.of())));
        JsonNode radius = root.get("captures").get(0).get("handshakes").get(0);
        assertEquals(List.of("transport", "client", "server", "firstFrame", "time", "version", "sni", "eap", "cipherSuite",
                "alerts", "certificates", "notes"), fieldNames(radius));
        assertEquals("radius", radius.get("transport").asText());
        JsonNode eap = radius.get("eap");
        assertEquals(List.of("method", "identity", "nasIdentifier", "nasAddress", "callingStation"), fieldNames(eap));
        assertEquals("EAP-TLS", eap.get("method").asText());
        assertEquals("alice", eap.get("identity").asText());
        assertEquals("sw-7", eap.get("nasIdentifier").asText());
        assertEquals("192.0.2.7", eap.get("nasAddress").asText());
        assertEquals("02-00-5E-00-53-0A", eap.get("callingStation").asText());

        JsonNode eapol = root.get("captures").get(0).get("handshakes").get(1);
        assertEquals("eapol", eapol.get("transport").asText());
        assertEquals("02:00:5e:00:53:0a", eapol.get("client").asText());
        assertEquals("02:00:5e:00:53:01", eapol.get("server").asText());
        assertTrue(eapol.get("eap").get("nasIdentifier").isNull());

        JsonNode turn = root.get("captures").get(0).get("handshakes").get(2);
        assertEquals(List.of("transport", "client", "server", "relay", "firstFrame", "time", "version", "sni", "cipherSuite",
                "alerts", "certificates", "notes"), fieldNames(turn));
        assertEquals("turn-udp", turn.get("transport").asText());
        assertEquals("[2001:db8::7]:4433", turn.get("server").asText());
        assertEquals("203.0.113.1:3478", turn.get("relay").asText());
    }

    @Test
    void handshakeWithCertificatesAndAlerts() throws Exception {
        Handshake rejected = new Handshake(Transport.TCP, endpoint("192.0.2.10", 51234), endpoint("198.51.100.7", 443),
                3, TIME, Optional.of(TlsVersion.TLS_1_2), Optional.of("leaf.example"),
                Optional.of(new CipherSuite(0xc02f)),
                List.of(new Alert(Role.CLIENT, 2, 48, 9)), chain(Role.SERVER, 6, LEAF), List.of());

        JsonNode root = report(capture("/tmp/a.pcap", rejected));

        assertEquals(List.of("captures"), fieldNames(root));
        JsonNode capture = root.get("captures").get(0);
        assertEquals(List.of("file", "handshakes", "evidence", "problems"), fieldNames(capture));
        assertEquals("/tmp/a.pcap", capture.get("file").asText());
        JsonNode h = capture.get("handshakes").get(0);
        assertEquals(List.of("transport", "client", "server", "firstFrame", "time", "version", "sni", "cipherSuite",
                "alerts", "certificates", "notes"), fieldNames(h));
        assertEquals("tcp", h.get("transport").asText());
        assertEquals("192.0.2.10:51234", h.get("client").asText());
        assertEquals("198.51.100.7:443", h.get("server").asText());
        assertEquals(3, h.get("firstFrame").asLong());
        assertEquals("2024-06-01T12:00:00.123456Z", h.get("time").asText());
        assertEquals("TLS 1.2", h.get("version").asText());
        assertEquals("leaf.example", h.get("sni").asText());
        assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", h.get("cipherSuite").asText());

        JsonNode alert = h.get("alerts").get(0);
        assertEquals("client", alert.get("from").asText());
        assertEquals("fatal", alert.get("level").asText());
        assertEquals("unknown_ca", alert.get("description").asText());
        assertEquals(9, alert.get("frame").asLong());

        JsonNode cert = h.get("certificates").get(0);
        // Where it was sent, then the one certificate schema (docs/schema/certificate.schema.json).
        assertEquals(List.of("role", "position", "frame", "sha256", "sha1", "subject", "issuer", "serial", "notBefore",
                "notAfter", "commonName", "subjectAltNames", "keyAlgorithm", "keySize", "curve", "signatureAlgorithm",
                "keyUsage", "extendedKeyUsage", "basicConstraints", "subjectKeyIdentifier", "authorityKeyIdentifier",
                "ocspResponders", "caIssuers", "crlDistributionPoints"), fieldNames(cert));
        assertEquals("server", cert.get("role").asText());
        assertEquals(0, cert.get("position").asInt());
        assertEquals(CertificateDetails.decode(LEAF).sha256(), cert.get("sha256").asText());
        assertEquals("CN=leaf.example,O=Example", cert.get("subject").asText());
        assertEquals("CN=Example CA,O=Example", cert.get("issuer").asText());
        assertEquals("1234abcd", cert.get("serial").asText());
        assertEquals("2024-01-01T00:00:00Z", cert.get("notBefore").asText());
        assertEquals("2026-01-01T00:00:00Z", cert.get("notAfter").asText());
        assertEquals(6, cert.get("frame").asLong());
        assertEquals(0, h.get("notes").size());
    }

    @Test
    void missingValuesAreNullAndIpv6IsBracketed() throws Exception {
        Handshake encrypted = handshake(Transport.UDP, endpoint("2001:db8::1", 50000), endpoint("2001:db8::2", 443), 7,
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(new Note.CertificatesEncrypted(TlsVersion.TLS_1_3)));

        JsonNode h = report(capture("b.pcapng", encrypted)).get("captures").get(0).get("handshakes").get(0);

        assertEquals("udp", h.get("transport").asText());
        assertEquals("[2001:db8::1]:50000", h.get("client").asText());
        assertEquals("[2001:db8::2]:443", h.get("server").asText());
        assertTrue(h.get("version").isNull());
        assertTrue(h.get("sni").isNull());
        assertTrue(h.get("cipherSuite").isNull());
        assertEquals(0, h.get("certificates").size());
        assertEquals("certificates encrypted (TLS 1.3)", h.get("notes").get(0).asText());
    }

    @Test
    void unparseableCertificateCarriesItsError() throws Exception {
        JsonNode cert = report(capture("c.pcap", tls12(1, chain(Role.CLIENT, 5, GARBAGE))))
                .get("captures").get(0).get("handshakes").get(0).get("certificates").get(0);

        assertEquals("client", cert.get("role").asText());
        assertEquals(CertificateDetails.decode(GARBAGE).sha256(), cert.get("sha256").asText());
        assertFalse(cert.get("parseError").asText().isEmpty());
        assertTrue(cert.get("notAfter").isNull());
    }

    @Test
    void problemsAreListed() throws Exception {
        JsonNode problems = report(capture("d.pcap", List.of(
                new CaptureProblem.Damaged(12, 4096, "truncated packet record"), new CaptureProblem.Damaged(0, -1, "file ends early"))))
                .get("captures").get(0).get("problems");

        assertEquals(2, problems.size());
        assertEquals(12, problems.get(0).get("frame").asLong());
        assertEquals(4096, problems.get(0).get("offset").asLong());
        assertEquals("truncated packet record", problems.get(0).get("message").asText());
        assertEquals(-1, problems.get(1).get("offset").asLong());
    }

    @Test
    void verdictsFollowTheNotesOnlyWhenGiven() throws Exception {
        Handshake h = tls12(1, chain(Role.SERVER, 2, LEAF));
        String sha = CertificateDetails.decode(LEAF).sha256();
        List<Verdict> verdicts = List.of(
                new Verdict(Rule.CH2, Severity.FAIL, Optional.of(sha), "no path to a trusted CA", "trust the root"),
                new Verdict(Rule.TV1, Severity.INFO, Optional.empty(), "encrypted", ""));
        StringWriter out = new StringWriter();

        JsonReport.writeWithVerdicts(List.of(capture("e.pcap", h)), handshake -> verdicts, Wording.PLAIN, out);

        JsonNode written = new ObjectMapper().readTree(out.toString()).get("captures").get(0).get("handshakes").get(0);
        assertEquals(List.of("transport", "client", "server", "firstFrame", "time", "version", "sni", "cipherSuite",
                "alerts", "certificates", "notes", "verdicts"), fieldNames(written));
        JsonNode fail = written.get("verdicts").get(0);
        assertEquals(List.of("rule", "severity", "certificate", "message", "remedy"), fieldNames(fail));
        assertEquals("CH2", fail.get("rule").asText());
        assertEquals("FAIL", fail.get("severity").asText());
        assertEquals(sha, fail.get("certificate").asText());
        assertEquals("no path to a trusted CA", fail.get("message").asText());
        assertEquals("trust the root", fail.get("remedy").asText());
        assertTrue(written.get("verdicts").get(1).get("certificate").isNull());
        assertFalse(report(capture("e.pcap", h)).get("captures").get(0).get("handshakes").get(0).has("verdicts"));
    }

    @Test
    void noCapturesIsAnEmptyList() throws Exception {
        assertEquals(0, report().get("captures").size());
    }

    @Test
    void evidenceFromARealCaptureHasItsFieldsAndDecodedContent() throws Exception {
        var result = new capcert.tls.CaptureScanner(capcert.tls.ScanOptions.defaults()).scan(java.nio.file.Path.of("test-captures/inputs/ocsp-stapled.pcap"));
        java.io.StringWriter out = new java.io.StringWriter();
        JsonReport.write(List.of(result), Wording.PLAIN, out);
        JsonNode evidence = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString())
                .get("captures").get(0).get("evidence").get(0);
        assertEquals(List.of("kind", "carrier", "frame", "time", "transport", "client", "server", "connectionFrame", "url",
                "contentType", "sni", "sha256", "length", "certificates", "ocsp", "crl"), fieldNames(evidence));
        assertEquals("ocsp-response", evidence.get("kind").asText());
        assertEquals("tls-stapled", evidence.get("carrier").asText());
        assertEquals("expe.capcert.test", evidence.get("sni").asText());
        JsonNode answer = evidence.get("ocsp").get("certificates").get(0);
        assertEquals("5007", answer.get("serial").asText());
        assertEquals("revoked", answer.get("status").asText());
        assertEquals("keyCompromise", answer.get("reason").asText());
        assertEquals("CN=capcert Test Intermediate CA,OU=Test PKI,O=capcert", evidence.get("certificates").get(0).get("subject").asText());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
