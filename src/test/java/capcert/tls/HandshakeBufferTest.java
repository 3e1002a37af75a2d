package capcert.tls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class HandshakeBufferTest {

    private static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void aReleasedArrayIsReusedByTheNextConnectionWithItsOwnBytes() {
        HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();
        HandshakeBuffer first = new HandshakeBuffer(spares);
        first.append(bytes(3000, 1), 0, 3000);
        byte[] used = first.array();
        first.release();
        assertEquals(0, first.available());

        HandshakeBuffer next = new HandshakeBuffer(spares);
        next.append(bytes(1500, 2), 0, 1500);
        next.append(bytes(1400, 3), 0, 1400);
        assertSame(used, next.array(), "the spare was taken instead of new memory");
        assertEquals(2900, next.available());
        assertEquals(2, next.u8(0));
        assertEquals(3, next.u8(2899));
    }

    @Test
    void aSpareTooSmallIsLeftForLaterAndLargeArraysAreNotKept() {
        HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();
        HandshakeBuffer small = new HandshakeBuffer(spares);
        small.append(bytes(100, 1), 0, 100);
        byte[] smallArray = small.array();
        small.release();

        HandshakeBuffer big = new HandshakeBuffer(spares);
        big.append(bytes(70_000, 4), 0, 70_000);
        assertNotSame(smallArray, big.array());
        byte[] bigArray = big.array();
        big.release();

        HandshakeBuffer later = new HandshakeBuffer(spares);
        later.append(bytes(10, 5), 0, 10);
        assertSame(smallArray, later.array());
        HandshakeBuffer another = new HandshakeBuffer(spares);
        another.append(bytes(10, 6), 0, 10);
        assertNotSame(bigArray, another.array(), "over 64 KB is let go, not kept");
    }
}
