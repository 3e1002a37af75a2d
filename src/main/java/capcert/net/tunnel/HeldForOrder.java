package capcert.net.tunnel;

/**
 * What the tunnels of one scan hold back while a packet before it is missing (OpenVPN's control
 * channel over UDP): at most so much per direction, and so much all together, past which the
 * oldest hole is given up, so that no capture can make them hold more.
 */
final class HeldForOrder {

    private final int perDirection;
    private final long total;
    private long held;

    HeldForOrder(int perDirection, long total) {
        this.perDirection = perDirection;
        this.total = total;
    }

    void change(long delta) {
        held += delta;
    }

    /** Whether a direction holding {@code direction} bytes must give up its oldest hole. */
    boolean overLimit(long direction) {
        return direction > perDirection || held > total;
    }
}
