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
}
