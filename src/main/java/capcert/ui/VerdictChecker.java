package capcert.ui;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;

/** The verdict engine as the viewer sees it, so tests can hand the window canned verdicts. */
@FunctionalInterface
public interface VerdictChecker {

    VerdictChecker ENGINE = Checker::check;

    /** Every verdict for the handshake, worst first. */
    List<Verdict> check(Handshake handshake, CheckOptions options);
}
