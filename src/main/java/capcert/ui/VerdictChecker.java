package capcert.ui;

import capcert.check.CaptureEvidence;
import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The verdict engine as the viewer sees it, so tests can hand the window canned verdicts. */
@FunctionalInterface
interface VerdictChecker {

    /**
     * The verdict engine: a {@link Checker} for each set of options, which judges revocation with the
     * OCSP answers and CRLs the capture carried too, as {@code capcert check} does.
     */
    VerdictChecker ENGINE = new VerdictChecker() {
        @Override
        public Function<Handshake, List<Verdict>> with(CheckOptions options) {
            return new Checker(options, ViewerWording.INSTANCE)::check;
        }

        @Override
        public BiFunction<Handshake, CaptureEvidence, List<Verdict>> withEvidence(CheckOptions options) {
            return new Checker(options, ViewerWording.INSTANCE)::check;
        }
    };

    /** A check against {@code options}: every verdict of a handshake, worst first. One check runs on one thread. */
    Function<Handshake, List<Verdict>> with(CheckOptions options);

    /** The same, given what the handshake's capture carried outside its handshakes; a checker may ignore it. */
    default BiFunction<Handshake, CaptureEvidence, List<Verdict>> withEvidence(CheckOptions options) {
        Function<Handshake, List<Verdict>> check = with(options);
        return (handshake, evidence) -> check.apply(handshake);
    }
}
