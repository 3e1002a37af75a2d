package capcert.ui;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;
import java.util.function.Function;

/** The verdict engine as the viewer sees it, so tests can hand the window canned verdicts. */
@FunctionalInterface
interface VerdictChecker {

    /** The verdict engine: a {@link Checker} for each set of options. */
    VerdictChecker ENGINE = options -> new Checker(options, ViewerWording.INSTANCE)::check;

    /** A check against {@code options}: every verdict of a handshake, worst first. One check runs on one thread. */
    Function<Handshake, List<Verdict>> with(CheckOptions options);
}
