package capcert.check;

import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.capture.Problem;
import capcert.tls.Note;

/**
 * How a face (the command line, the viewer, a program using the library) names what its user can
 * change: the limits a scan runs under. The core says what happened; a face's wording adds how to
 * change it, in its own words. The checker words its verdicts with one; JSON and reports word
 * problems and notes with the one of the face that made them.
 */
public interface Wording {

    /** Words that name no face's controls: what the core says alone. */
    Wording PLAIN = limit -> "";

    /**
     * How to raise {@code limit}, put where a message says it was reached, with its leading space:
     * the command line's {@code " (raise the limit with --max-buffer)"}; {@code ""} adds nothing.
     */
    String howToRaise(Limit limit);

    /** A problem in these words. */
    default String text(Problem problem) {
        return problem instanceof LimitReached reached ? reached.message(howToRaise(reached.limit())) : problem.message();
    }

    /** A note in these words. */
    default String text(Note note) {
        return note instanceof LimitReached reached ? reached.message(howToRaise(reached.limit())) : note.message();
    }

    /** A problem on one line: where ({@code frame 7, byte offset 5035}), then what. */
    default String describe(Problem problem) {
        String where = problem.where();
        return where.isEmpty() ? text(problem) : where + ": " + text(problem);
    }
}
