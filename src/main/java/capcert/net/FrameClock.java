package capcert.net;

/**
 * The frame being decoded and its capture time. A tunnel that finds a TLS session in the middle of a
 * connection (an OpenVPN renegotiation, an EAP run inside RADIUS) dates it from here.
 */
public final class FrameClock {

    private long frame;
    private long epochNanos;

    public long frame() {
        return frame;
    }

    public long epochNanos() {
        return epochNanos;
    }

    void set(long frame, long epochNanos) {
        this.frame = frame;
        this.epochNanos = epochNanos;
    }
}
