package capcert.ui;

import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.tls.Handshake;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessmentTest {

    private static final Handshake HANDSHAKE = tls12(1, List.of());

    @Test
    void worstOverallAndPerCertificate() {
        Assessment assessment = Assessment.evaluate(h -> List.of(
                new Verdict(Rule.CH2, Severity.FAIL, Optional.of("AA11"), "no path", "add the root"),
                new Verdict(Rule.NM2, Severity.WARN, Optional.of("bb22"), "name missing", "reissue"),
                Verdict.pass(Rule.VD1, "bb22", "valid")), HANDSHAKE);

        assertEquals(Optional.of(Severity.FAIL), assessment.worst());
        assertEquals(Optional.of(Severity.FAIL), assessment.worstFor("aa11"));
        assertEquals(Optional.of(Severity.WARN), assessment.worstFor("bb22"));
        assertEquals(Optional.empty(), assessment.worstFor("cc33"));
    }

    @Test
    void aFailingCheckerGivesAReasonInsteadOfVerdicts() {
        Assessment assessment = Assessment.evaluate(h -> {
            throw new IllegalStateException("boom");
        }, HANDSHAKE);

        assertEquals(Optional.empty(), assessment.verdicts());
        assertEquals(Optional.empty(), assessment.worst());
        assertTrue(assessment.unavailable().startsWith("verdicts unavailable: the checker failed"), assessment.unavailable());
    }
}
