package capcert.net.tunnel;

import capcert.capture.Problem;
import capcert.net.Connection;
import capcert.net.HeldBytes;
import capcert.net.NetworkProblem;
import capcert.net.Side;

import java.util.function.Consumer;

/**
 * What the tunnels of one scan hold back while a packet before it is missing (OpenVPN's control
 * channel): at most so much per direction, and, with everything else the scan holds while waiting,
 * at most its total; past either the oldest hole is given up, so that no capture can make them hold more.
 */
final class HeldForOrder {

    private final int perDirection;
    private final HeldBytes heldByAll;
    private final Consumer<Problem> problems;

    HeldForOrder(int perDirection, HeldBytes heldByAll, Consumer<Problem> problems) {
        this.perDirection = perDirection;
        this.heldByAll = heldByAll;
        this.problems = problems;
    }

    void change(long delta, long frame) {
        heldByAll.change(delta, frame);
    }

    /** Whether a direction holding {@code direction} bytes is over its own limit. */
    boolean directionFull(long direction) {
        return direction > perDirection;
    }

    /** Whether a direction holding {@code direction} bytes must give up its oldest hole. */
    boolean overLimit(long direction, long frame) {
        return directionFull(direction) || heldByAll.overLimit(frame, HeldBytes.Holder.OPENVPN_PACKETS);
    }

    /** Says that {@code from}'s side of {@code connection} went over its own limit. */
    void reportFull(Connection connection, Side from, long frame) {
        boolean fromOriginator = from == Side.ORIGINATOR;
        problems.accept(new NetworkProblem.ControlChannelBufferFull(frame,
                fromOriginator ? connection.originator() : connection.responder(),
                fromOriginator ? connection.responder() : connection.originator(), perDirection));
    }
}
