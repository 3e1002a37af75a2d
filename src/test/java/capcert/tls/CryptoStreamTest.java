package capcert.tls;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CryptoStreamTest {

    private static final byte[] DATA = "the handshake bytes of one side at one level".getBytes(StandardCharsets.US_ASCII);

    private static String available(CryptoStream s) {
        return new String(s.array(), s.start(), s.available(), StandardCharsets.US_ASCII);
    }

    private static CryptoStream.Refusal add(CryptoStream s, int from, int to) {
        return s.add(from, Arrays.copyOfRange(DATA, from, to), 0, to - from);
    }

    @Test
    void framesOutOfOrderRepeatedAndOverlappingComeOutInOrder() {
        CryptoStream s = new CryptoStream(1000);
        add(s, 20, 30);
        add(s, 10, 25);
        assertEquals("", available(s));
        add(s, 0, 12);
        assertEquals(new String(DATA, 0, 30, StandardCharsets.US_ASCII), available(s));
        add(s, 5, 15); // a retransmission of what is there
        add(s, 28, DATA.length);
        assertEquals(new String(DATA, StandardCharsets.US_ASCII), available(s));
        s.consume(4);
        add(s, 0, DATA.length);
        assertEquals(new String(DATA, 4, DATA.length - 4, StandardCharsets.US_ASCII), available(s));
    }

    @Test
    void anOffsetPastTheLimitIsRefusedWithoutAllocatingForIt() {
        CryptoStream s = new CryptoStream(64);
        assertEquals(CryptoStream.Refusal.BEYOND_LIMIT, s.add(1L << 40, DATA, 0, 4));
        assertEquals(CryptoStream.Refusal.BEYOND_LIMIT, s.add(60, DATA, 0, 10));
        assertEquals(CryptoStream.Refusal.NONE, s.add(0, DATA, 0, 10));
        assertEquals(10, s.available());
    }
}
