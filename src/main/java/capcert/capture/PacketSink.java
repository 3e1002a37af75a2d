package capcert.capture;

import java.nio.ByteBuffer;

/** Receives each packet of a capture, in file order. */
@FunctionalInterface
public interface PacketSink {

    /**
     * Takes one packet.
     *
     * @param frame          1-based frame number, as Wireshark counts
     * @param epochNanos     capture time in nanoseconds since 1970-01-01 UTC
     * @param linkType       LINKTYPE_* value of the interface the packet came from
     * @param data           the captured bytes between position and limit; a view into the reader's
     *                       buffer, valid only during this call; big-endian (network order)
     * @param originalLength length on the wire; larger than {@code data.remaining()} when the capture
     *                       was cut at the snapshot length
     */
    void packet(long frame, long epochNanos, int linkType, ByteBuffer data, int originalLength);

    /** {@code secretsType} of a Decryption Secrets Block holding an NSS key log ("TLSK"). */
    int TLS_KEY_LOG = 0x544c534b;

    /**
     * A pcapng Decryption Secrets Block: session keys the capture carries for the packets after it
     * (e.g. written by {@code editcap --inject-secrets}). {@code data} holds the secrets (for
     * {@link #TLS_KEY_LOG}, key log text), valid only during the call; {@code frame} is the number of
     * the last packet before the block. Ignored unless a sink wants them.
     */
    default void decryptionSecrets(long frame, int secretsType, ByteBuffer data) {
    }
}
