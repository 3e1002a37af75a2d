package capcert.tls;

import java.util.Arrays;

/**
 * One {@link Der} per distinct certificate of a scan, found straight from the bytes of a
 * Certificate message: a busy server sends the same chain in every handshake, and only the
 * first sending is copied.
 */
final class DistinctDer {

    private Der[] table = new Der[256];
    private int size;

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
