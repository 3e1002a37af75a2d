package capcert.tls;

import capcert.capture.MemoryBudget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class HandshakeBufferTest {

    private final MemoryBudget budget = new MemoryBudget(1 << 20, problem -> { });

    private static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void aReleasedArrayIsReusedByTheNextConnectionWithItsOwnBytes() {
        HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();
        HandshakeBuffer first = new HandshakeBuffer(spares, budget);
        first.append(bytes(3000, 1), 0, 3000, 1);
        byte[] used = first.array();
        first.release();
        assertEquals(0, first.available());

        HandshakeBuffer next = new HandshakeBuffer(spares, budget);
        next.append(bytes(1500, 2), 0, 1500, 1);
        next.append(bytes(1400, 3), 0, 1400, 1);
        assertSame(used, next.array(), "the spare was taken instead of new memory");
        assertEquals(2900, next.available());
        assertEquals(2, next.u8(0));
        assertEquals(3, next.u8(2899));
    }

    @Test
    void aSpareTooSmallIsLeftForLaterAndLargeArraysAreNotKept() {
        HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();
        HandshakeBuffer small = new HandshakeBuffer(spares, budget);
        small.append(bytes(100, 1), 0, 100, 1);
        byte[] smallArray = small.array();
        small.release();

        HandshakeBuffer big = new HandshakeBuffer(spares, budget);
        big.append(bytes(70_000, 4), 0, 70_000, 1);
        assertNotSame(smallArray, big.array());
        byte[] bigArray = big.array();
        big.release();

        HandshakeBuffer later = new HandshakeBuffer(spares, budget);
        later.append(bytes(10, 5), 0, 10, 1);
        assertSame(smallArray, later.array());
        HandshakeBuffer another = new HandshakeBuffer(spares, budget);
        another.append(bytes(10, 6), 0, 10, 1);
        assertNotSame(bigArray, another.array(), "over 64 KB is let go, not kept");
    }

    @Test
    void theArrayInHandIsChargedAndAGrowthPastTheBudgetIsRefused() {
        HandshakeBuffer gathering = new HandshakeBuffer(new HandshakeBuffer.Spares(), budget);
        gathering.append(bytes(600_000, 7), 0, 600_000, 1);
        assertEquals(600_000, budget.used());
        assertFalse(gathering.append(bytes(600_000, 8), 0, 600_000, 2), "1.2 MB does not fit a 1 MB budget");
        assertEquals(600_000, gathering.available(), "nothing appended");
        gathering.clear();
        assertEquals(0, budget.used());
    }
}
