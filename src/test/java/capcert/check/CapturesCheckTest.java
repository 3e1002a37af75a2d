package capcert.check;

import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine over the real captures of test-captures/, with the PKI they were made with as trust lists. */
class CapturesCheckTest {

    private static final Path DIR = Path.of("test-captures");
    private static final String LEAF = "df8e548936b37ac7480780006d3486d07c6db380ef04e61d71ca13121823f130";
    private static final String ROOT = "82adb186f0729ae635efce779243f0b7301388262cfc56db1383f3882b21e4ca";
    private static final String CLIENT = "aec07e45cc3d8aa3e299caf98163df42dbf356e2831a6c08896f5acb17ecb1cf";

    @Test
    void chainTrustedByItsRootPasses() throws Exception {
        List<Verdict> v = new Checker(options(trust("root-ca.crt"))).check(handshake("tls12-chain.pcap"));
        Verdicts.noFail(v);
        Verdict ch2 = Verdicts.find(v, Rule.CH2, Severity.PASS, "Trusted by trust list \"root-ca.crt\"");
        assertEquals(LEAF, ch2.certificate().orElseThrow());
        Verdicts.find(v, Rule.NM1, Severity.PASS, "\"server.capcert.test\"");
        assertEquals(ROOT, Verdicts.find(v, Rule.CH1, Severity.INFO, "was sent").certificate().orElseThrow());
    }

    @Test
    void chainTrustedByAnotherRootFails() throws Exception {
        List<Verdict> v = new Checker(options(trust("other-root-ca.crt"))).check(handshake("tls12-chain.pcap"));
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "No certificate of the chain leads to any CA in trust list"
                + " \"other-root-ca.crt\"", "\"capcert Test Root CA\"", "\"capcert Other Root CA\"");
    }

    @Test
    void unknownCaAlertOnTheTraversalPortIsExplained() throws Exception {
        List<Verdict> v = new Checker(new CheckOptions(
                List.of(trust("other-root-ca.crt")), List.of(), Optional.empty(), Profile.EXPRESSWAY, List.of())).check(handshake("tls12-unknown-ca.pcap"));
        Verdict tv2 = Verdicts.find(v, Rule.TV2, Severity.FAIL, "The client rejected the server's certificate chain",
                "unknown_ca (48)", "does not trust the CA");
        assertEquals(LEAF, tv2.certificate().orElseThrow());
        Verdicts.find(v, Rule.EK1, Severity.FAIL, "never sent its own");
        // The same verdict, from the trust list the client really had.
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "trust list \"other-root-ca.crt\"");
    }

    @Test
    void mutualTlsChecksBothChainsForTheirRoles() throws Exception {
        Handshake h = handshake("tls12-mutual.pcap");
        CheckOptions expressway = new CheckOptions(List.of(trust("root-ca.crt")), List.of(), Optional.empty(),
                Profile.EXPRESSWAY, List.of());
        List<Verdict> v = new Checker(expressway).check(h);
        assertEquals(2, Verdicts.of(v, Rule.CH2, Severity.PASS).size(), Verdicts.show(v));
        Verdicts.find(v, Rule.KU1, Severity.PASS, "\"client.capcert.test\" may act as a TLS client");
        // The client certificate has clientAuth only: fine for its role, not for an Expressway (secure SIP port: EK3).
        Verdict ek3 = Verdicts.find(v, Rule.EK3, Severity.FAIL, "\"client.capcert.test\"");
        assertEquals(CLIENT, ek3.certificate().orElseThrow());
        Verdicts.find(v, Rule.EK3, Severity.PASS, "\"server.capcert.test\" carries both");
    }

    @Test
    void tls13CaptureSaysWhyThereIsNothingToCheck() throws Exception {
        List<Verdict> v = new Checker(options(trust("root-ca.crt"))).check(handshake("tls13.pcap"));
        assertEquals(1, v.size(), Verdicts.show(v));
        Verdicts.find(v, Rule.TV1, Severity.INFO, "TLS 1.3");
    }

    @Test
    void expectedCollabEdgeNameIsFoundInTheServerCertificate() throws Exception {
        CheckOptions expect = new CheckOptions(List.of(), List.of("collab-edge.capcert.test", "collab-edge.example.org"),
                Optional.empty(), Profile.GENERIC, List.of());
        List<Verdict> v = new Checker(expect).check(handshake("tls12-jdk.pcap"));
        Verdicts.find(v, Rule.NM2, Severity.PASS, "\"collab-edge.capcert.test\" (DNS:collab-edge.capcert.test)");
        Verdict missing = Verdicts.find(v, Rule.NM2, Severity.FAIL, "\"collab-edge.example.org\"");
        assertTrue(missing.message().contains("DNS:server.capcert.test, DNS:collab-edge.capcert.test"), missing.message());
    }

    static Handshake handshake(String capture) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve(capture));
        assertEquals(1, result.handshakes().size(), capture);
        return result.handshakes().get(0);
    }

    static TrustList trust(String... files) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<TrustedCertificate> certs = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = Files.newInputStream(DIR.resolve("pki").resolve(f))) {
                certs.add(new TrustedCertificate((X509Certificate) factory.generateCertificate(in), f + " #1"));
            }
        }
        return TrustList.of(certs);
    }

    static CheckOptions options(TrustList... lists) {
        return new CheckOptions(List.of(lists), List.of(), Optional.empty(), Profile.GENERIC, List.of());
    }
}
