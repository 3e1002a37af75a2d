package capcert.tls;

/**
 * Handshake bytes of one direction, gathered across records until whole messages are there.
 * Grows only as bytes arrive, so a length field cannot make it allocate what was never sent.
 */
final class HandshakeBuffer {

    private static final byte[] EMPTY = new byte[0];

    private byte[] data = EMPTY;
    private int start;
    private int end;

    void append(byte[] source, int offset, int length) {
        if (end + length > data.length) {
            int live = end - start;
            if (live + length <= data.length / 2 || start > 0 && live + length <= data.length) {
                System.arraycopy(data, start, data, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(Math.max(1024, data.length * 2), live + length)];
                System.arraycopy(data, start, bigger, 0, live);
                data = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(source, offset, data, end, length);
        end += length;
    }

    int available() {
        return end - start;
    }

    byte[] array() {
        return data;
    }

    int start() {
        return start;
    }

    int u8(int index) {
        return data[start + index] & 0xff;
    }

    int u24(int index) {
        return (data[start + index] & 0xff) << 16 | (data[start + index + 1] & 0xff) << 8 | data[start + index + 2] & 0xff;
    }

    void consume(int n) {
        start += n;
        if (start == end) clear();
    }

    void clear() {
        start = 0;
        end = 0;
        if (data.length > 64 * 1024) data = EMPTY;
    }
}
