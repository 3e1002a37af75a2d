package capcert.net.tunnel;

import capcert.net.HeldBytes;

/**
 * What the tunnels of one scan hold back while a packet before it is missing (OpenVPN's control
 * channel): at most so much per direction, and, with everything else the scan holds while waiting,
 * at most its total; past either the oldest hole is given up, so that no capture can make them hold more.
 */
final class HeldForOrder {

    private final int perDirection;
    private final HeldBytes heldByAll;

    HeldForOrder(int perDirection, HeldBytes heldByAll) {
        this.perDirection = perDirection;
        this.heldByAll = heldByAll;
    }

    void change(long delta) {
        heldByAll.change(delta);
    }

    /** Whether a direction holding {@code direction} bytes must give up its oldest hole. */
    boolean overLimit(long direction, long frame) {
        return direction > perDirection || heldByAll.overLimit(frame, HeldBytes.Holder.OPENVPN_PACKETS);
    }
}
