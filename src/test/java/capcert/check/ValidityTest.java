package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static capcert.check.Run.WHEN;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidityTest {

    private static Made leafValid(Instant from, Instant to) {
        return CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com").validity(from, to).build();
    }

    @Test
    void eachValidCertificatePasses() {
        Made leaf = leafValid(CertBuilder.NOT_BEFORE, Instant.parse("2026-01-01T00:00:00Z"));
        List<Verdict> v = Run.chain(leaf, ISSUING).verdicts();
        Verdict pass = Verdicts.find(v, Rule.VD1, Severity.PASS, "certificate 0 \"www.example.com\" is valid at"
                + " 2025-06-01 00:00:00 UTC, until 2026-01-01 00:00:00 UTC");
        assertEquals(leaf.sha256(), pass.certificate().orElseThrow());
        Verdicts.find(v, Rule.VD1, Severity.PASS, "certificate 1 \"Example Issuing CA\" is valid");
    }

    @Test
    void expiredCertificateFailsWithItsDate() {
        Made leaf = leafValid(CertBuilder.NOT_BEFORE, Instant.parse("2025-03-01T12:00:00Z"));
        List<Verdict> v = Run.chain(leaf, ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict expired = Verdicts.find(v, Rule.VD1, Severity.FAIL,
                "certificate 0 \"www.example.com\" expired on 2025-03-01 12:00:00 UTC", "not valid at 2025-06-01 00:00:00 UTC");
        assertEquals(leaf.sha256(), expired.certificate().orElseThrow());
        assertEquals(ISSUING.sha256(), Verdicts.find(v, Rule.VD1, Severity.PASS).certificate().orElseThrow());
    }

    @Test
    void notYetValidCertificateFails() {
        Made leaf = leafValid(Instant.parse("2025-07-01T00:00:00Z"), CertBuilder.NOT_AFTER);
        List<Verdict> v = Run.chain(leaf, ISSUING).verdicts();
        Verdicts.find(v, Rule.VD1, Severity.FAIL, "is not valid before 2025-07-01 00:00:00 UTC", "not yet valid");
    }

    @Test
    void expiringWithinThirtyDaysWarns() {
        Made leaf = leafValid(CertBuilder.NOT_BEFORE, WHEN.plus(Duration.ofDays(10)));
        List<Verdict> v = Run.chain(leaf, ISSUING).verdicts();
        Verdicts.find(v, Rule.VD1, Severity.WARN, "expires on 2025-06-11 00:00:00 UTC, within 30 days");
        Verdicts.none(v, Rule.VD1, Severity.FAIL);
    }

    @Test
    void anotherTimeGivenIsCheckedTooAndLabelled() {
        Made leaf = leafValid(CertBuilder.NOT_BEFORE, Instant.parse("2026-01-01T00:00:00Z"));
        List<Verdict> v = Run.chain(leaf, ISSUING).at(Instant.parse("2027-01-01T00:00:00Z")).verdicts();
        Verdicts.find(v, Rule.VD1, Severity.PASS, "valid at 2025-06-01 00:00:00 UTC, until");
        Verdicts.find(v, Rule.VD1, Severity.FAIL, "not valid at 2027-01-01 00:00:00 UTC.");
    }
}
