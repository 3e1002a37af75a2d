package capcert.net;

import capcert.capture.Problem;

import java.util.function.Consumer;

/**
 * Out-of-order bytes held by all streams of a capture together. Each stream has its own cap, but
 * a capture crafted with many streams could still exhaust memory one cap at a time; past this
 * total, a stream that would hold more gives up its hole instead.
 */
final class HeldBytes {

    private final long limit;
    private final Consumer<Problem> problems;
    private long held;
    private boolean reported;

    HeldBytes(long limit, Consumer<Problem> problems) {
        this.limit = limit;
        this.problems = problems;
    }

    void change(long delta) {
        held += delta;
    }

    /** True when over the limit; the first time, says so with the frame. */
    boolean overLimit(long frame) {
        if (held <= limit) return false;
        if (!reported) {
            reported = true;
            problems.accept(new NetworkProblem.HeldBytesFull(frame, limit));
        }
        return true;
    }
}
