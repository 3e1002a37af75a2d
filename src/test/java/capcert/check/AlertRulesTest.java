package capcert.check;

import capcert.net.Transport;
import capcert.testing.CertBuilder.Made;
import capcert.testing.TestCaptures;
import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static capcert.check.Run.ISSUING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRulesTest {

    private static final Made EDGE = Run.leaf("expe.example.com");
    private static final Made CORE = Run.leaf("expc.example.com");
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private static List<Verdict> check(int port, List<CertificateEntry> certs, Alert... alerts) {
        return new Checker(CheckOptions.defaults()).check(Checks.tls12(port, Optional.of("expe.example.com"), SUITE, certs, List.of(alerts)));
    }

    @Test
    void unknownCaAfterTheServerChainIsExplained() {
        List<Verdict> v = check(443, Checks.chain(Role.SERVER, 6, EDGE, ISSUING), new Alert(Role.CLIENT, 2, 48, 8));
        Verdict tv2 = Verdicts.find(v, Rule.TV2, Severity.FAIL, "The client rejected the server's certificate chain with a"
                + " fatal unknown_ca (48) alert (frame 8)", "does not trust the CA that issued the server's chain");
        assertEquals(EDGE.sha256(), tv2.certificate().orElseThrow());
        assertTrue(tv2.remedy().startsWith("Upload the root (and intermediates) of the server's chain to the client's"
                + " trusted CA list"), tv2.remedy());
        assertTrue(Verdicts.of(v, Rule.EK1).isEmpty(), Verdicts.show(v));
        assertEquals(tv2, v.get(0), "the alert comes first: " + Verdicts.show(v));
    }

    @Test
    void eachCertificateAlertHasItsReason() {
        record Case(int description, String fragment) {
        }
        for (Case c : List.of(new Case(42, "corrupt"), new Case(43, "Extended Key Usage"), new Case(45, "expired"),
                new Case(46, "without saying why"), new Case(51, "private key does not match"),
                new Case(40, "older TLS stacks"))) {
            List<Verdict> v = check(443, Checks.chain(Role.SERVER, 6, EDGE, ISSUING), new Alert(Role.CLIENT, 2, c.description(), 8));
            Verdicts.find(v, Rule.TV2, Severity.FAIL, c.fragment());
        }
    }

    @Test
    void serverRejectingTheClientChainIsTheOtherWayRound() {
        List<CertificateEntry> certs = new ArrayList<>(Checks.chain(Role.SERVER, 6, EDGE, ISSUING));
        certs.addAll(Checks.chain(Role.CLIENT, 9, CORE, ISSUING));
        List<Verdict> v = check(5061, certs, new Alert(Role.SERVER, 2, 42, 10));
        Verdict tv2 = Verdicts.find(v, Rule.TV2, Severity.FAIL, "The server rejected the client's certificate chain",
                "bad_certificate (42)");
        assertEquals(CORE.sha256(), tv2.certificate().orElseThrow());
    }

    @Test
    void alertBeforeAnyCertificateIsAboutTheHandshake() {
        List<Verdict> v = check(443, List.of(), new Alert(Role.SERVER, 2, 40, 4));
        Verdict tv2 = Verdicts.find(v, Rule.TV2, Severity.FAIL, "before any certificate from the client was seen",
                "no common cipher suite");
        assertTrue(tv2.certificate().isEmpty());
    }

    @Test
    void closeNotifyIsNoVerdict() {
        List<Verdict> v = check(443, Checks.chain(Role.SERVER, 6, EDGE, ISSUING), new Alert(Role.CLIENT, 1, 0, 20));
        assertTrue(Verdicts.of(v, Rule.TV2).isEmpty(), Verdicts.show(v));
    }

    @Test
    void traversalClientAbortingNeverShowsItsOwnCertificate() {
        List<CertificateEntry> serverOnly = Checks.chain(Role.SERVER, 6, EDGE, ISSUING);
        Alert unknownCa = new Alert(Role.CLIENT, 2, 48, 8);
        List<Verdict> v = new Checker(Checks.EXPRESSWAY).check(Checks.tls12(7001, Optional.empty(), SUITE, serverOnly, List.of(unknownCa)));
        Verdict ek1 = Verdicts.find(v, Rule.EK1, Severity.FAIL, "Traversal zone (port 7001) down", "never sent its own");
        assertEquals(EDGE.sha256(), ek1.certificate().orElseThrow());
        // Port 7001 is also WebLogic's: only the Expressway profile reads it as a traversal zone.
        assertTrue(Verdicts.of(check(7001, serverOnly, unknownCa), Rule.EK1).isEmpty());
        List<CertificateEntry> both = new ArrayList<>(serverOnly);
        both.addAll(Checks.chain(Role.CLIENT, 9, CORE, ISSUING));
        assertTrue(Verdicts.of(new Checker(Checks.EXPRESSWAY).check(Checks.tls12(7001, Optional.empty(), SUITE, both,
                List.of(new Alert(Role.CLIENT, 2, 48, 10)))), Rule.EK1).isEmpty());
    }

    @Test
    void tls13WithoutCertificatesIsOneInfo() {
        Handshake h = TestCaptures.handshake(Transport.TCP, TestCaptures.endpoint("192.0.2.10", 50000),
                TestCaptures.endpoint("198.51.100.7", 443), 1, Optional.of(TlsVersion.TLS_1_3), Optional.of("expe.example.com"),
                List.of(), List.of(), List.of(new Note.CertificatesEncrypted(TlsVersion.TLS_1_3)));
        List<Verdict> v = new Checker(CheckOptions.defaults()).check(h);
        assertEquals(1, v.size(), Verdicts.show(v));
        Verdicts.find(v, Rule.TV1, Severity.INFO, "TLS 1.3 encrypts the Certificate messages");
    }

    @Test
    void otherReasonsForNoCertificateAreGivenAsTheyAre() {
        Handshake h = TestCaptures.handshake(Transport.TCP, TestCaptures.endpoint("192.0.2.10", 50000),
                TestCaptures.endpoint("198.51.100.7", 443), 1, Optional.of(TlsVersion.TLS_1_2), Optional.empty(),
                List.of(), List.of(), List.of(new Note.NoCertificate(Note.NoCertificate.Reason.RESUMED)));
        Verdicts.find(new Checker(CheckOptions.defaults()).check(h), Rule.TV1, Severity.INFO,
                "session resumed: the server sent no certificate");
    }

    @Test
    void lossesInAHandshakeWithCertificatesAreNoted() {
        Handshake h = TestCaptures.handshake(Transport.TCP, TestCaptures.endpoint("192.0.2.10", 50000),
                TestCaptures.endpoint("198.51.100.7", 443), 1, Optional.of(TlsVersion.TLS_1_2), Optional.empty(), List.of(),
                Checks.chain(Role.SERVER, 5, EDGE), List.of(new Note.BytesNotCaptured(Role.SERVER, 312, 4)));
        Verdicts.find(new Checker(CheckOptions.defaults()).check(h), Rule.CH1, Severity.INFO,
                "The capture lost part of this handshake: 312 bytes from the server not captured (frame 4)");
    }
}
