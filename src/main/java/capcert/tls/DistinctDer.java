package capcert.tls;

import java.util.Arrays;

/**
 * One {@link Der} per distinct certificate (or stapled OCSP response) of a scan, found straight
 * from the bytes of a handshake message: a busy server sends the same chain in every handshake,
 * and only the first sending is copied. The table keeps what it shares for the whole scan, so it
 * is bounded: past its share of the memory budget, new bytes are copied but no longer kept for
 * sharing (a capture of endless distinct responses would otherwise be held whole).
 */
final class DistinctDer {

    /** The table's share of the scan's memory budget. */
    static final int BUDGET_SHARE = 4;

    private final long maxBytes;
    private Der[] table = new Der[256];
    private int size;
    private long bytes;

    /** A table for a scan under {@code limits}. */
    DistinctDer(Limits limits) {
        this.maxBytes = limits.memoryBudget() / BUDGET_SHARE;
    }

    /** How many distinct certificates the scan holds. */
    int size() {
        return size;
    }

    Der of(byte[] data, int offset, int length) {
        int hash = Der.hash(data, offset, length);
        int mask = table.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Der known = table[i];
            if (known == null) {
                Der added = new Der(Arrays.copyOfRange(data, offset, offset + length), hash);
                if (bytes + length > maxBytes) return added;
                bytes += length;
                table[i] = added;
                if (++size * 2 > table.length) grow();
                return added;
            }
            if (known.hashCode() == hash && known.contentEquals(data, offset, length)) return known;
        }
    }

    private void grow() {
        Der[] old = table;
        table = new Der[old.length * 2];
        int mask = table.length - 1;
        for (Der der : old) {
            if (der == null) continue;
            int i = der.hashCode() & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = der;
        }
    }
}
