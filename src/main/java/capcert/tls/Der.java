package capcert.tls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bytes of one certificate exactly as sent, as a value: equal for equal bytes, with its hash
 * computed once. A scan keeps one {@code Der} per distinct certificate and every entry that
 * carries those bytes shares it, so maps keyed by it (decoded details, export names) cost one
 * reference comparison per lookup instead of a copy and a hash of the whole certificate.
 */
public final class Der {

    /**
     * Seeds the hash per run: a capture crafted so that many certificates share one hash would
     * otherwise turn the scanner's table into a linear search. A capture is made before the run
     * and cannot guess a seed drawn from the clock, so SecureRandom's 40 ms at the first
     * certificate buy nothing here.
     */
    private static final long SEED = ThreadLocalRandom.current().nextLong() | 1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final int hash;

    /** {@code bytes} is kept, not copied; {@code hash} must be {@link #hash} of it. */
    Der(byte[] bytes, int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    /** A {@code Der} holding a copy of {@code length} bytes of {@code data} from {@code offset}. */
    public static Der copyOf(byte[] data, int offset, int length) {
        return new Der(Arrays.copyOfRange(data, offset, offset + length), hash(data, offset, length));
    }

    public static Der copyOf(byte[] der) {
        return copyOf(der, 0, der.length);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    boolean contentEquals(byte[] data, int offset, int length) {
        return Arrays.equals(bytes, 0, bytes.length, data, offset, offset + length);
    }

    /** Eight bytes a step: certificates are a kilobyte or more, and every one sent is hashed once. */
    static int hash(byte[] data, int offset, int length) {
        long h = SEED ^ length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(data, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ data[i]) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 32;
        return (int) h;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Der d && d.hash == hash && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Der[" + bytes.length + " bytes]";
    }
}
