package capcert.net;

import java.nio.ByteBuffer;

/** Receives one TCP connection's bytes, per side, in sequence order. */
public interface StreamListener {

    /**
     * Next in-order bytes from {@code from}; a view valid only during the call.
     * {@code frame} is the frame whose arrival made these bytes contiguous.
     */
    void data(Side from, ByteBuffer bytes, long frame);

    /** {@code length} bytes from {@code from} were never captured; the next data follows them. */
    void gap(Side from, long length, long frame);

    /** False once nothing more from {@code from} can matter: its bytes are then dropped unread. */
    boolean wantsMore(Side from);

    /** The connection ended (FIN/RST, port reuse, or end of capture). Called once. */
    void closed();
}
