package capcert.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bytes one scan may hold, all kinds together: per-connection state, reassembly buffers,
 * handshake messages being gathered, pcapng interface tables, IP fragments, DTLS flights and
 * decryption state each charge what they hold and release it when they let it go. The per-kind
 * limits of {@code capcert.tls.Limits} stay as finer knobs; this one holds whatever the mix.
 *
 * <p>Past the budget, the holders registered as {@link Reclaimer}s give memory back, least useful
 * first (the connection idle longest before one being gathered); a charge that still does not fit
 * is refused, and its holder drops that state (the unfinished message, the held segments). The first
 * time, the scan says so once, as a {@link Limit#MEMORY} problem. Not thread-safe: one per scan.
 */
public final class MemoryBudget {

    /** Something holding memory that it can give back, its least useful part first. */
    @FunctionalInterface
    public interface Reclaimer {
        /** Frees at least {@code bytes} if it can, releasing them from the budget; what is being worked on now stays. */
        void reclaim(long bytes);
    }

    private final long limit;
    private final Consumer<Problem> problems;
    private final List<Reclaimer> reclaimers = new ArrayList<>();
    private long used;
    private boolean reclaiming;
    private boolean reported;

    public MemoryBudget(long limit, Consumer<Problem> problems) {
        if (limit <= 0) throw new IllegalArgumentException("a memory budget must be positive: " + limit);
        this.limit = limit;
        this.problems = problems;
    }

    /** Asked in the order registered when the budget is spent: register the least useful state first. */
    public void reclaimWith(Reclaimer reclaimer) {
        reclaimers.add(reclaimer);
    }

    /**
     * Charges {@code bytes} about to be held, first having other holders give memory back if they
     * would not fit. False when they still do not fit: the caller must not keep them (and has not
     * been charged).
     */
    public boolean charge(long bytes, long frame) {
        used += bytes;
        if (!overBudget(frame)) return true;
        used -= bytes;
        return false;
    }

    /** Charges {@code bytes} that are held already; past the budget, other holders give memory back. */
    public void chargeHeld(long bytes, long frame) {
        used += bytes;
        overBudget(frame);
    }

    /**
     * Whether the bytes held are past the budget even after the reclaimers gave back what they
     * could; the first time the budget is reached, says so.
     */
    public boolean overBudget(long frame) {
        if (used <= limit) return false;
        report(frame);
        if (!reclaiming) {
            reclaiming = true;
            try {
                for (Reclaimer reclaimer : reclaimers) {
                    if (used <= limit) break;
                    reclaimer.reclaim(used - limit);
                }
            } finally {
                reclaiming = false;
            }
        }
        return used > limit;
    }

    public void release(long bytes) {
        used -= bytes;
    }

    public long used() {
        return used;
    }

    public long limit() {
        return limit;
    }

    private void report(long frame) {
        if (reported) return;
        reported = true;
        problems.accept(new Reached(frame, limit));
    }

    /** The budget was reached at {@code frame}: state was dropped from there on, least useful first. */
    public record Reached(long frame, long budget) implements Problem, LimitReached {
        @Override
        public Limit limit() {
            return Limit.MEMORY;
        }

        @Override
        public String message(String howToRaise) {
            String size = budget >= 1 << 20 ? (budget >> 20) + " MB" : budget + " bytes";
            return "memory budget of " + size + " reached: the least useful state is dropped from here on "
                    + "(the longest-idle connections first, then unfinished messages)" + howToRaise;
        }

        @Override
        public String message() {
            return message("");
        }
    }
}
