package capcert.net;

import java.nio.ByteBuffer;

/** Receives one TCP connection's bytes, per side, in sequence order. */
public interface StreamListener {

    /**
     * Next in-order bytes from {@code from}; a view valid only during the call.
     * {@code frame} is the frame whose arrival made these bytes contiguous.
     */
    void data(Side from, ByteBuffer bytes, long frame);

    /** What a tunnel gives as a gap's length when it knows bytes were lost but not how many. */
    long UNKNOWN_LENGTH = -1;

    /**
     * {@code length} bytes from {@code from} were never captured, or {@link #UNKNOWN_LENGTH} of them (a
     * lost OpenVPN or EAP packet); the next data follows them.
     */
    void gap(Side from, long length, long frame);

    /** False once nothing more from {@code from} can matter: its bytes are then dropped unread. */
    boolean wantsMore(Side from);

    /** The connection ended (FIN/RST, port reuse, or end of capture). Called once. */
    void closed();

    /**
     * The connection turned out to carry TLS inside another protocol's framing (OpenVPN over TCP):
     * the bytes that follow are unwrapped, and the handshake is reported as {@code unwrapped}
     * describes it. Called at most once, before any data.
     */
    default void unwrapped(Connection unwrapped) {
    }

    /** The carrier encrypts the handshake ({@code why}): there is one, but nothing of it can be read. */
    default void concealed(Concealment why) {
    }
}
