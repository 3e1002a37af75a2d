package capcert.tls;

import java.nio.ByteBuffer;

/** Reading QUIC's wire format (RFC 9000 sections 16 and 17): variable-length integers, long headers, packet numbers. */
final class QuicPackets {

    /** A client pads every datagram that carries an Initial to this size (RFC 9000 section 14.1). */
    static final int MIN_CLIENT_INITIAL_DATAGRAM = 1200;
    static final int MAX_CONNECTION_ID = 20;

    private QuicPackets() {
    }

    /**
     * Whether a datagram on a flow not yet followed opens a QUIC connection: a long header of a version
     * capcert knows, Initial type, in a datagram padded as a client's must be. Cheap enough for every
     * datagram of plain UDP.
     */
    static boolean looksLikeClientInitial(ByteBuffer payload) {
        int p = payload.position();
        if (payload.remaining() < MIN_CLIENT_INITIAL_DATAGRAM) return false;
        int first = payload.get(p) & 0xff;
        if ((first & 0xc0) != 0xc0) return false;
        int code = payload.getInt(p + 1);
        for (QuicVersion version : QuicVersion.values()) {
            if (version.code == code) return version.type(first) == QuicVersion.PacketType.INITIAL;
        }
        return false;
    }

    /** Reads variable-length integers from a byte array window; -1 when one runs past the end. */
    static final class Reader {
        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data, int offset, int end) {
            this.data = data;
            this.position = offset;
            this.end = end;
        }

        int position() {
            return position;
        }

        int remaining() {
            return end - position;
        }

        boolean skip(long n) {
            if (n < 0 || n > end - position) return false;
            position += (int) n;
            return true;
        }

        int u8() {
            return position < end ? data[position++] & 0xff : -1;
        }

        /** A varint (RFC 9000 section 16), or -1 when it does not fit. */
        long varint() {
            if (position >= end) return -1;
            int first = data[position] & 0xff;
            int length = 1 << (first >>> 6);
            if (end - position < length) return -1;
            long value = first & 0x3f;
            for (int i = 1; i < length; i++) value = value << 8 | (data[position + i] & 0xff);
            position += length;
            return value;
        }
    }

    /** The full packet number from its truncated form (RFC 9000 appendix A.3). */
    static long decodePacketNumber(long largest, long truncated, int bits) {
        long expected = largest + 1;
        long window = 1L << bits;
        long halfWindow = window / 2;
        long mask = window - 1;
        long candidate = (expected & ~mask) | truncated;
        if (candidate <= expected - halfWindow && candidate < (1L << 62) - window) return candidate + window;
        if (candidate > expected + halfWindow && candidate >= window) return candidate - window;
        return candidate;
    }
}
