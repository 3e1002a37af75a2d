package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.junit.jupiter.api.Test;

import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static capcert.check.Run.WHEN;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RevocationTest {

    private static final Made LEAF = CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com")
            .crlAt("http://pki.example.com/issuing.crl").ocspAt("http://ocsp.example.com").build();
    private static final Instant THIS_UPDATE = WHEN.minus(Duration.ofDays(2));
    private static final Instant NEXT_UPDATE = WHEN.plus(Duration.ofDays(5));

    private static X509CRL issuingCrl(Map<java.math.BigInteger, Integer> revoked) {
        return CertBuilder.crl(ISSUING, THIS_UPDATE, NEXT_UPDATE, revoked);
    }

    @Test
    void withoutCrlsTheLocationsAreListedAsNotChecked() {
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict info = Verdicts.find(v, Rule.VD2, Severity.INFO, "not checked (offline)",
                "CRL at http://pki.example.com/issuing.crl", "OCSP at http://ocsp.example.com");
        assertEquals(LEAF.sha256(), info.certificate().orElseThrow());
    }

    @Test
    void revokedCertificateFailsWithDateAndReason() {
        X509CRL crl = issuingCrl(Map.of(LEAF.serial(), CertBuilder.KEY_COMPROMISE));
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).crls(crl).verdicts();
        Verdict revoked = Verdicts.find(v, Rule.VD2, Severity.FAIL, "certificate 0 \"www.example.com\" was revoked on "
                + Describe.date(THIS_UPDATE.minus(Duration.ofDays(1))), "(reason: keyCompromise)", "by the CRL of \"Example Issuing CA\"");
        assertEquals(LEAF.sha256(), revoked.certificate().orElseThrow());
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "is revoked (VD2)");
    }

    @Test
    void certificateNotOnTheCrlPassesAndAMissingCrlIsNotChecked() {
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).crls(issuingCrl(Map.of())).verdicts();
        Verdict pass = Verdicts.find(v, Rule.VD2, Severity.PASS, "certificate 0 \"www.example.com\" is not revoked: the CRL"
                + " of \"Example Issuing CA\" issued " + Describe.date(THIS_UPDATE) + " does not list it");
        assertEquals(LEAF.sha256(), pass.certificate().orElseThrow());
        Verdict root = Verdicts.find(v, Rule.VD2, Severity.INFO, "Revocation of certificate 1 \"Example Issuing CA\" not checked",
                "no CRL of its issuer \"Example Root CA\" was given");
        assertEquals(ISSUING.sha256(), root.certificate().orElseThrow());
        Verdicts.find(v, Rule.CH2, Severity.PASS);
    }

    @Test
    void outOfDateCrlFromTheIssuerFails() {
        X509CRL stale = CertBuilder.crl(ISSUING, WHEN.minus(Duration.ofDays(40)), WHEN.minus(Duration.ofDays(10)), Map.of());
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).crls(stale).verdicts();
        Verdicts.find(v, Rule.VD2, Severity.FAIL, "No CRL given settles whether certificate 0 \"www.example.com\" is revoked",
                "is out of date: its next update was due on " + Describe.date(WHEN.minus(Duration.ofDays(10))));
    }

    @Test
    void crlSignedWithAnotherKeyFails() {
        Made impostor = CertBuilder.ca("CN=Example Issuing CA,O=Example").build();
        X509CRL forged = CertBuilder.crl(impostor, THIS_UPDATE, NEXT_UPDATE, Map.of());
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).crls(forged).verdicts();
        Verdicts.find(v, Rule.VD2, Severity.FAIL, "has a signature that the key of \"Example Issuing CA\" does not verify");
    }

    @Test
    void withoutTrustListTheChainAsSentIsChecked() {
        X509CRL crl = issuingCrl(Map.of(LEAF.serial(), CertBuilder.KEY_COMPROMISE));
        List<Verdict> v = Run.chain(LEAF, ISSUING, ROOT).crls(crl).verdicts();
        Verdicts.find(v, Rule.VD2, Severity.FAIL, "was revoked");
    }
}
