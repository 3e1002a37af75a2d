package capcert.net.tunnel;

import capcert.net.EapMethod;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.testing.TlsBytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EAP packets as RFC 5216 (EAP-TLS), RFC 4851 (EAP-FAST) and RFC 7170 (TEAP) lay them out, hand-built
 * around TLS records: fragments joined back per side, repeats read once, a lost fragment turned into
 * a gap, Outer TLVs and Authority-IDs kept out of the TLS stream.
 */
class EapConversationTest {

    private static final int REQUEST = 1, RESPONSE = 2, SUCCESS = 3;
    private static final int IDENTITY = 1, NAK = 3;
    private static final int L = 0x80, M = 0x40, S = 0x20, O = 0x10;

    /** What the TLS reader of one run was told. */
    private static final class Run implements StreamListener {
        final EapMethod method;
        final Optional<String> identity;
        final long firstFrame;
        final ByteArrayOutputStream fromSupplicant = new ByteArrayOutputStream();
        final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        boolean closed;

        Run(EapMethod method, Optional<String> identity, long firstFrame) {
            this.method = method;
            this.identity = identity;
            this.firstFrame = firstFrame;
        }

        @Override
        public void data(Side from, ByteBuffer bytes, long frame) {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            (from == Side.ORIGINATOR ? fromSupplicant : fromServer).writeBytes(b);
            events.add(from + " " + b.length);
        }

        @Override
        public void gap(Side from, long length, long frame) {
            events.add("gap " + from + " " + length);
        }

        @Override
        public boolean wantsMore(Side from) {
            return true;
        }

        @Override
        public void closed() {
            closed = true;
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final EapConversation eap = new EapConversation((method, identity, frame) -> {
        Run run = new Run(method, identity, frame);
        runs.add(run);
        return run;
    });
    private long frame;

    private void send(int code, int id, int type, byte[] typeData) {
        byte[] packet = TlsBytes.concat(new byte[] {(byte) code, (byte) id, 0, 0, (byte) type}, typeData);
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        eap.packet(ByteBuffer.wrap(packet), 0, packet.length, ++frame);
    }

    private void success(int id) {
        eap.packet(ByteBuffer.wrap(new byte[] {SUCCESS, (byte) id, 0, 4}), 0, 4, ++frame);
    }

    private static byte[] tlsData(int flags, long messageLength, byte[] data) {
        if ((flags & L) == 0) return TlsBytes.concat(new byte[] {(byte) flags}, data);
        return TlsBytes.concat(new byte[] {(byte) flags}, ByteBuffer.allocate(4).putInt((int) messageLength).array(), data);
    }

    /** Sends {@code message} from {@code code}'s side in fragments of {@code size}, each answered by an empty ACK. */
    private int fragments(EapMethod method, int code, int id, byte[] message, int size) {
        for (int at = 0; at < message.length; at += size) {
            boolean first = at == 0;
            boolean more = at + size < message.length;
            byte[] piece = Arrays.copyOfRange(message, at, Math.min(message.length, at + size));
            send(code, id, method.type(), tlsData((first ? L : 0) | (more ? M : 0), message.length, piece));
            if (more) send(code == REQUEST ? RESPONSE : REQUEST, code == REQUEST ? id : ++id, method.type(), new byte[] {0});
            if (code == REQUEST && more) id++;
        }
        return id;
    }

    private static byte[] clientHello() {
        return TlsBytes.clientHelloRecord(null);
    }

    private static byte[] serverFlight() {
        return TlsBytes.serverFlight(List.of(TlsBytes.filler(900, 1), TlsBytes.filler(700, 2))).bytes();
    }

    @Test
    void fragmentsOfEachSideAreJoinedBackAndSuccessEndsTheRun() {
        send(RESPONSE, 0, IDENTITY, "alice@example.test\0networkid=corp".getBytes(StandardCharsets.UTF_8));
        send(REQUEST, 1, EapMethod.TLS.type(), new byte[] {S});
        send(RESPONSE, 1, EapMethod.TLS.type(), tlsData(L, clientHello().length, clientHello()));
        byte[] flight = serverFlight();
        int id = fragments(EapMethod.TLS, REQUEST, 2, flight, 500);
        send(RESPONSE, id, EapMethod.TLS.type(), tlsData(L, 30, TlsBytes.filler(30, 3)));
        success(id + 1);

        assertEquals(1, runs.size());
        Run run = runs.get(0);
        assertEquals(EapMethod.TLS, run.method);
        assertEquals(Optional.of("alice@example.test"), run.identity);
        assertEquals(2, run.firstFrame, "the Start");
        assertArrayEquals(flight, run.fromServer.toByteArray());
        assertArrayEquals(TlsBytes.concat(clientHello(), TlsBytes.filler(30, 3)), run.fromSupplicant.toByteArray());
        assertTrue(run.closed);
    }

    @Test
    void aRepeatedRequestOrResponseIsReadOnce() {
        send(REQUEST, 7, EapMethod.PEAP.type(), new byte[] {S});
        byte[] hello = tlsData(L, clientHello().length, clientHello());
        send(RESPONSE, 7, EapMethod.PEAP.type(), hello);
        send(RESPONSE, 7, EapMethod.PEAP.type(), hello);
        byte[] first = tlsData(L | M, 1000, TlsBytes.filler(500, 4));
        send(REQUEST, 8, EapMethod.PEAP.type(), first);
        send(REQUEST, 8, EapMethod.PEAP.type(), first);
        assertArrayEquals(clientHello(), runs.get(0).fromSupplicant.toByteArray());
        assertEquals(500, runs.get(0).fromServer.size());
    }

    @Test
    void aFragmentTheCaptureLacksBecomesAGapAndReadingResumesAtTheNextMessage() {
        send(REQUEST, 1, EapMethod.TLS.type(), new byte[] {S});
        send(RESPONSE, 1, EapMethod.TLS.type(), tlsData(L, clientHello().length, clientHello()));
        byte[] flight = serverFlight();
        send(REQUEST, 2, EapMethod.TLS.type(), tlsData(L | M, flight.length, Arrays.copyOfRange(flight, 0, 500)));
        send(RESPONSE, 2, EapMethod.TLS.type(), new byte[] {0});
        // Request 3 (bytes 500-1000) was not captured; the supplicant's ACK of it was
        send(RESPONSE, 3, EapMethod.TLS.type(), new byte[] {0});
        send(REQUEST, 4, EapMethod.TLS.type(), tlsData(M, 0, Arrays.copyOfRange(flight, 1000, 1500)));
        send(RESPONSE, 4, EapMethod.TLS.type(), new byte[] {0});
        send(REQUEST, 5, EapMethod.TLS.type(), tlsData(0, 0, Arrays.copyOfRange(flight, 1500, flight.length)));
        byte[] next = TlsBytes.serverFinishFlight();
        send(RESPONSE, 5, EapMethod.TLS.type(), tlsData(L, 10, TlsBytes.filler(10, 9)));
        send(REQUEST, 6, EapMethod.TLS.type(), tlsData(L, next.length, next));

        Run run = runs.get(0);
        assertEquals(List.of("ORIGINATOR " + clientHello().length, "RESPONDER 500", "ORIGINATOR 10",
                "gap RESPONDER " + StreamListener.UNKNOWN_LENGTH, "RESPONDER " + next.length), run.events);
    }

    @Test
    void teapOuterTlvsAndTheFastAuthorityIdStayOutOfTheTlsStream() {
        byte[] authorityId = {0, 1, 0, 4, 'c', 'a', 'p', 'c'};
        send(REQUEST, 1, EapMethod.TEAP.type(), TlsBytes.concat(new byte[] {(byte) (S | O | 1), 0, 0, 0, 8}, authorityId));
        byte[] outer = {0, 7, 0, 2, 'x', 'y'};
        byte[] hello = clientHello();
        int messageLength = 4 + hello.length + outer.length;
        // the peer's first message, fragmented: Message Length and Outer TLV Length in the first fragment,
        // the Outer TLVs at the end of the last
        byte[] body = TlsBytes.concat(hello, outer);
        send(RESPONSE, 1, EapMethod.TEAP.type(), TlsBytes.concat(new byte[] {(byte) (L | M | O | 1)},
                ByteBuffer.allocate(8).putInt(messageLength).putInt(outer.length).array(), Arrays.copyOfRange(body, 0, 100)));
        send(REQUEST, 2, EapMethod.TEAP.type(), new byte[] {1});
        send(RESPONSE, 2, EapMethod.TEAP.type(), TlsBytes.concat(new byte[] {1}, Arrays.copyOfRange(body, 100, body.length)));
        assertArrayEquals(hello, runs.get(0).fromSupplicant.toByteArray());

        send(REQUEST, 3, EapMethod.FAST.type(), TlsBytes.concat(new byte[] {(byte) (S | 1)}, authorityId));
        assertEquals(2, runs.size());
        assertTrue(runs.get(0).closed, "a new method ends the run before");
        assertEquals(0, runs.get(1).fromServer.size());
    }

    @Test
    void aMethodTheSupplicantRefusesLeavesAnEmptyRunAndTheNextOneIsReadApart() {
        send(REQUEST, 1, EapMethod.TLS.type(), new byte[] {S});
        send(RESPONSE, 1, NAK, new byte[] {(byte) EapMethod.PEAP.type()});
        send(REQUEST, 2, EapMethod.PEAP.type(), new byte[] {S});
        send(RESPONSE, 2, EapMethod.PEAP.type(), tlsData(L, clientHello().length, clientHello()));
        assertEquals(2, runs.size());
        assertTrue(runs.get(0).closed);
        assertEquals(0, runs.get(0).fromSupplicant.size());
        assertEquals(EapMethod.PEAP, runs.get(1).method);
        assertEquals(3, runs.get(1).firstFrame);
        assertArrayEquals(clientHello(), runs.get(1).fromSupplicant.toByteArray());
    }

    @Test
    void truncatedAndForeignPacketsAreIgnored() {
        eap.packet(ByteBuffer.wrap(new byte[] {REQUEST, 1, 0}), 0, 3, 1);
        send(REQUEST, 1, EapMethod.TLS.type(), new byte[0]);
        send(REQUEST, 2, EapMethod.TLS.type(), new byte[] {(byte) L, 0, 0});
        send(REQUEST, 3, 254, new byte[] {0, 0, 0x13, 0x72});
        send(9, 4, 0, new byte[0]);
        assertTrue(runs.stream().allMatch(r -> r.events.isEmpty()));
    }
}
