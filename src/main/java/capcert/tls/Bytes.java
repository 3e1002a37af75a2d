package capcert.tls;

/** Bounds-checked big-endian reads over a byte array window; every read past the end throws {@link Malformed}. */
final class Bytes {

    /** A length field or structure that does not fit the bytes on hand. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] data;
    private int position;
    private final int end;

    Bytes(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - position;
    }

    int position() {
        return position;
    }

    byte[] array() {
        return data;
    }

    private void need(int n, String what) throws Malformed {
        if (n < 0 || end - position < n) {
            throw new Malformed(what + " needs " + n + " bytes, " + (end - position) + " left");
        }
    }

    int u8(String what) throws Malformed {
        need(1, what);
        return data[position++] & 0xff;
    }

    int u16(String what) throws Malformed {
        need(2, what);
        int v = (data[position] & 0xff) << 8 | data[position + 1] & 0xff;
        position += 2;
        return v;
    }

    int u24(String what) throws Malformed {
        need(3, what);
        int v = (data[position] & 0xff) << 16 | (data[position + 1] & 0xff) << 8 | data[position + 2] & 0xff;
        position += 3;
        return v;
    }

    void skip(int n, String what) throws Malformed {
        need(n, what);
        position += n;
    }

    byte[] take(int n, String what) throws Malformed {
        need(n, what);
        byte[] out = java.util.Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** A sub-window of {@code n} bytes; this reader moves past it. */
    Bytes slice(int n, String what) throws Malformed {
        need(n, what);
        Bytes inner = new Bytes(data, position, n);
        position += n;
        return inner;
    }
}
