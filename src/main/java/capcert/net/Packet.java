package capcert.net;

import java.nio.ByteBuffer;

/**
 * One decoded TCP segment or UDP datagram. A single instance is reused for every packet, so nothing
 * is allocated per packet; it is valid only while the flow table handles it.
 */
final class Packet {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    long frame;
    long epochNanos;
    /** Addresses as 128-bit values; IPv4 is stored IPv4-mapped (::ffff:a.b.c.d). */
    long srcHigh, srcLow, dstHigh, dstLow;
    boolean ipv6;
    int srcPort, dstPort;
    int protocol;
    int seq, ack, flags;
    /** Payload between position and limit. */
    ByteBuffer payload;
    /** Bytes of the payload that the capture cut off (snapshot length); 0 when whole. */
    int missingBytes;

    void setIpv4(int src, int dst) {
        ipv6 = false;
        srcHigh = 0;
        srcLow = 0xffff_0000_0000L | Integer.toUnsignedLong(src);
        dstHigh = 0;
        dstLow = 0xffff_0000_0000L | Integer.toUnsignedLong(dst);
    }

    void setIpv6(long sh, long sl, long dh, long dl) {
        ipv6 = true;
        srcHigh = sh;
        srcLow = sl;
        dstHigh = dh;
        dstLow = dl;
    }
}
