package capcert.tls;

import capcert.capture.MemoryBudget;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Handshake bytes of one direction, gathered across records until whole messages are there.
 * Grows only as bytes arrive, so a length field cannot make it allocate what was never sent.
 */
final class HandshakeBuffer {

    private static final byte[] EMPTY = new byte[0];
    /** Larger arrays are let go as soon as their message is read, never kept for reuse. */
    private static final int KEPT_LENGTH = 64 * 1024;

    /**
     * Arrays of directions whose handshake is over, for the next connections of the same scan.
     * On a busy capture, every connection gathering its Certificate message in new memory was most
     * of what the scan allocated, and the page faults of that memory a tenth of its time.
     */
    static final class Spares {
        private static final int KEPT = 64;
        private final ArrayDeque<byte[]> arrays = new ArrayDeque<>();

        private byte[] take(int atLeast) {
            for (Iterator<byte[]> i = arrays.iterator(); i.hasNext(); ) {
                byte[] array = i.next();
                if (array.length >= atLeast) {
                    i.remove();
                    return array;
                }
            }
            return null;
        }

        private void give(byte[] array) {
            if (array.length > 0 && array.length <= KEPT_LENGTH && arrays.size() < KEPT) arrays.addLast(array);
        }
    }

    private final Spares spares;
    private final MemoryBudget budget;
    private byte[] data = EMPTY;
    private int start;
    private int end;

    /** The array in hand is charged to {@code budget} while held. */
    HandshakeBuffer(Spares spares, MemoryBudget budget) {
        this.spares = spares;
        this.budget = budget;
    }

    /** False when a larger array does not fit the memory budget: nothing was appended. */
    boolean append(byte[] source, int offset, int length, long frame) {
        if (end + length > data.length) {
            int live = end - start;
            if (live + length <= data.length / 2 || start > 0 && live + length <= data.length) {
                System.arraycopy(data, start, data, 0, live);
            } else {
                int wanted = Math.max(Math.max(1024, data.length * 2), live + length);
                byte[] bigger = spares.take(live + length);
                if (bigger == null && !budget.charge(wanted, frame)) return false;
                if (bigger == null) {
                    bigger = new byte[wanted];
                } else if (!budget.charge(bigger.length, frame)) {
                    spares.give(bigger);
                    return false;
                }
                System.arraycopy(data, start, bigger, 0, live);
                let(data);
                data = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(source, offset, data, end, length);
        end += length;
        return true;
    }

    /** Lets go of {@code array}: to the spares if small, its charge released. */
    private void let(byte[] array) {
        budget.release(array.length);
        spares.give(array);
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
        if (data.length > KEPT_LENGTH) {
            budget.release(data.length);
            data = EMPTY;
        }
    }

    /** Nothing more will be gathered: the array goes back to the spares. */
    void release() {
        let(data);
        data = EMPTY;
        start = 0;
        end = 0;
    }
}
