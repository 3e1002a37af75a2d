package capcert.tls;

import capcert.net.Connection;
import capcert.net.IpEndpoint;
import capcert.net.Side;
import capcert.net.Transport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class DistinctDerTest {

    @Test
    void equalBytesAnywhereInAMessageGiveTheSameDer() {
        DistinctDer distinct = new DistinctDer(Limits.defaults());
        byte[] message = {9, 9, 1, 2, 3, 4, 5, 7, 1, 2, 3, 4, 5};
        Der first = distinct.of(message, 2, 5);
        Der again = distinct.of(message, 8, 5);
        assertSame(first, again);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, first.toByteArray());
        message[2] = 0;
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, first.toByteArray(), "a copy, not a view of the message");
        assertNotSame(first, distinct.of(message, 2, 5));
        assertNotSame(first, distinct.of(message, 8, 4), "a prefix is another certificate");
    }

    @Test
    void thousandsOfCertificatesStayDistinctAcrossGrowth() {
        DistinctDer distinct = new DistinctDer(Limits.defaults());
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> sent = new ArrayList<>();
        List<Der> kept = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            byte[] der = new byte[random.nextInt(0, 40)];
            for (int k = 0; k < der.length; k++) der[k] = (byte) random.nextInt(256);
            sent.add(der);
            kept.add(distinct.of(der, 0, der.length));
        }
        for (int i = 0; i < sent.size(); i++) {
            byte[] copy = sent.get(i).clone();
            Der found = distinct.of(copy, 0, copy.length);
            assertArrayEquals(sent.get(i), found.toByteArray());
            assertEquals(kept.get(i), found);
            assertSame(distinct.of(copy, 0, copy.length), found);
        }
    }

    /** A capture of endless distinct responses must not be held whole by the table that shares them. */
    @Test
    void pastItsShareOfTheBudgetTheTableCopiesButNoLongerKeeps() {
        DistinctDer distinct = new DistinctDer(Limits.defaults().withMemoryBudget(100L * DistinctDer.BUDGET_SHARE));
        byte[] first = new byte[60];
        byte[] second = new byte[60];
        second[0] = 1;
        Der kept = distinct.of(first, 0, first.length);
        Der over = distinct.of(second, 0, second.length);
        assertArrayEquals(second, over.toByteArray());
        assertEquals(1, distinct.size());
        assertNotSame(over, distinct.of(second, 0, second.length), "past the share: a copy each time");
        assertSame(kept, distinct.of(first.clone(), 0, first.length), "what was kept is still shared");
    }

    @Test
    void derIsAValueOfItsBytes() {
        Der a = Der.copyOf(new byte[] {1, 2, 3});
        Der b = Der.copyOf(new byte[] {0, 1, 2, 3}, 1, 3);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Der.copyOf(new byte[] {1, 2, 4}));
        assertEquals(3, a.length());
    }

    @Test
    void certificatesPastTheLimitOfAMessageAreNeverKept() throws UnknownHostException {
        // A Certificate message of ten distinct ten-byte entries shaped like certificates (a SEQUENCE of
        // an empty to-be-signed SEQUENCE, an empty algorithm SEQUENCE and a BIT STRING), read with a limit of three.
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) list.writeBytes(new byte[] {0, 0, 10, 0x30, 8, 0x30, 0, 0x30, 0, 3, 2, 0, (byte) i});
        byte[] body = new byte[3 + list.size()];
        body[1] = (byte) (list.size() >> 8);
        body[2] = (byte) list.size();
        System.arraycopy(list.toByteArray(), 0, body, 3, list.size());
        Connection connection = new Connection(Transport.TCP, new IpEndpoint(InetAddress.getByName("10.0.0.1"), 50000),
                new IpEndpoint(InetAddress.getByName("10.0.0.2"), 443), true, 1, 0);
        DistinctDer distinct = new DistinctDer(Limits.defaults());
        HandshakeFacts facts = new HandshakeFacts(connection, Limits.defaults().withCertificatesPerMessage(3), problem -> { },
                distinct, found -> { });

        HandshakeMessages.handle(HandshakeType.CERTIFICATE, body, 0, body.length, false, Side.RESPONDER, 7, facts);

        assertEquals(3, facts.toHandshake().certificates().size());
        assertEquals(3, distinct.size(), "only the certificates kept are copied into the scan's table");
    }
}
