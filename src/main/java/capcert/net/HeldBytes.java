package capcert.net;

import capcert.capture.MemoryBudget;
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
    private final MemoryBudget budget;
    private long held;
    private boolean reported;

    HeldBytes(long limit, Consumer<Problem> problems, MemoryBudget budget) {
        this.limit = limit;
        this.problems = problems;
        this.budget = budget;
    }

    void change(long delta, long frame) {
        held += delta;
        if (delta > 0) {
            budget.chargeHeld(delta, frame);
        } else {
            budget.release(-delta);
        }
    }

    /** True when over this limit or the scan's memory budget; the first time, says so with the frame. */
    boolean overLimit(long frame) {
        if (held > 0 && budget.overBudget(frame)) return true;
        if (held <= limit) return false;
        if (!reported) {
            reported = true;
            problems.accept(new NetworkProblem.HeldBytesFull(frame, limit));
        }
        return true;
    }
}
