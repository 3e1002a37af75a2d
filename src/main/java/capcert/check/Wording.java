package capcert.check;

import capcert.capture.CaptureProblem;
import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.capture.Problem;
import capcert.tls.Note;

/**
 * How a face (the command line, the viewer, a program using the library) names what its user can
 * change: the limits a scan runs under and what the checker can be given. The core says what
 * happened; a face's wording says how to change it, in its own words. The checker words its
 * verdicts with one; JSON and reports word problems and notes with the one of the face that made
 * them. Every method has the plain words of a program that calls the library: a face overrides
 * those it names its own way.
 */
public interface Wording {

    /** The plain words: the API's names for the checker's inputs, and nothing on how to raise a limit. */
    Wording PLAIN = new Wording() {
    };

    /** What the checker can be given, besides the chains it checks. */
    enum Input {
        /** A trusted-CA list ({@link CheckOptions#trustLists()}). */
        TRUST_LIST("trust list", "CheckOptions.trustLists()"),
        /** A CRL to check revocation against ({@link CheckOptions#crls()}). */
        CRL("CRL", "CheckOptions.crls()"),
        /** A name every server certificate must carry ({@link CheckOptions#expectedNames()}). */
        EXPECTED_NAME("expected name", "CheckOptions.expectedNames()"),
        /** A time to check validity at besides the handshake's own ({@link CheckOptions#at()}). */
        CHECK_TIME("time to check at", "CheckOptions.at()"),
        /** The certificates themselves, as files, for a check without a handshake ({@link Checker#checkChain}). */
        CERTIFICATE_FILES("certificate files", "Checker.checkChain"),
        /** The most intermediate CAs a path may have ({@link capcert.check.path.PathOptions#maxIntermediates()}). */
        MAX_INTERMEDIATES("most intermediate CAs allowed", "PathOptions.maxIntermediates()"),
        /** Whether a trusted CA that is not a root may end a path ({@link capcert.check.path.PathOptions#partialChain()}). */
        PARTIAL_CHAIN("acceptance of partial chains", "PathOptions.partialChain()");

        private final String plain;
        private final String api;

        Input(String plain, String api) {
            this.plain = plain;
            this.api = api;
        }
    }

    /**
     * How to raise {@code limit}, put where a message says it was reached, with its leading space:
     * the command line's {@code " (raise the limit with --max-buffer)"}; {@code ""} adds nothing.
     */
    default String howToRaise(Limit limit) {
        return "";
    }

    /** That {@code input} was not given, as a clause: the command line's "no --trust given". */
    default String missing(Input input) {
        return "no " + input.plain + " given";
    }

    /** How to give {@code input}, ending a sentence that asks for it: the command line's "with --trust". */
    default String howToGive(Input input) {
        return "in " + input.api;
    }

    /** A reminder of how {@code input} is given, after a phrase that names it, with its leading space: " (--trust)". */
    default String aside(Input input) {
        return "";
    }

    /** A problem in these words. */
    default String text(Problem problem) {
        if (problem instanceof LimitReached reached) return reached.message(howToRaise(reached.limit()));
        if (problem instanceof CaptureProblem.NotACapture other) return other.message(howToGive(Input.CERTIFICATE_FILES));
        if (problem instanceof CaptureProblem.NotForLibpcap other) {
            return other.message(howToGive(Input.CERTIFICATE_FILES), "");
        }
        return problem.message();
    }

    /** A note in these words. */
    default String text(Note note) {
        return note instanceof LimitReached reached ? reached.message(howToRaise(reached.limit())) : note.message();
    }

    /**
     * The wording of a face whose user gives each input by an option (or, for certificate files, a
     * command): the clauses are made from {@link #option}.
     */
    interface ByOption extends Wording {

        /** The option that gives {@code input}: {@code --trust}. */
        String option(Input input);

        @Override
        default String missing(Input input) {
            return "no " + option(input) + " given";
        }

        @Override
        default String howToGive(Input input) {
            return "with " + option(input);
        }

        @Override
        default String aside(Input input) {
            return " (" + option(input) + ")";
        }
    }

    /** A problem on one line: where ({@code frame 7, byte offset 5035}), then what. */
    default String describe(Problem problem) {
        String where = problem.where();
        return where.isEmpty() ? text(problem) : where + ": " + text(problem);
    }
}
