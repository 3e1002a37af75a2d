package capcert.net;

import capcert.capture.MemoryBudget;
import capcert.capture.Problem;

import java.util.function.Consumer;

/**
 * Bytes a scan holds while waiting for what is missing: out-of-order TCP segments, OpenVPN control
 * packets after a lost one, unfinished DTLS handshake messages. Each holder has its own cap, but a
 * capture crafted with many streams, flows or relayed peers could still exhaust memory one cap at a
 * time; past this total, a holder that would hold more gives up what it waits for instead. One per
 * scan, shared by every layer that holds.
 */
public final class HeldBytes {

    /** Who holds bytes against the total: the first over it is named in the problem. */
    public enum Holder {
        /** TCP segments after a missing one. */
        TCP_SEGMENTS,
        /** OpenVPN control packets after a missing one. */
        OPENVPN_PACKETS,
        /** Fragments of DTLS handshake messages not yet whole (TURN relays one reader per peer). */
        DTLS_FRAGMENTS,
        /** OpenVPN packets and TURN messages over TCP, cut by a segment boundary. */
        TUNNEL_MESSAGES
    }

    private final long limit;
    private final Consumer<Problem> problems;
    private final MemoryBudget budget;
    private long held;
    private boolean reported;

    public HeldBytes(long limit, Consumer<Problem> problems, MemoryBudget budget) {
        this.limit = limit;
        this.problems = problems;
        this.budget = budget;
    }

    public long limit() {
        return limit;
    }

    /** What is held now. */
    public long held() {
        return held;
    }

    /** {@code delta} bytes more held (or, negative, given up). */
    public void change(long delta, long frame) {
        held += delta;
        if (delta > 0) {
            budget.chargeHeld(delta, frame);
        } else {
            budget.release(-delta);
        }
    }

    /** True when over this limit or the scan's memory budget; the first time, says so with the frame and who went over. */
    public boolean overLimit(long frame, Holder holder) {
        if (held > 0 && budget.overBudget(frame)) return true;
        if (held <= limit) return false;
        if (!reported) {
            reported = true;
            problems.accept(new NetworkProblem.HeldBytesFull(frame, limit, holder));
        }
        return true;
    }
}
