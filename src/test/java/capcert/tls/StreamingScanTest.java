package capcert.tls;

import capcert.testing.CaptureWriter;
import capcert.testing.CaptureWriter.TcpConn;
import capcert.testing.Conversations;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;

import capcert.capture.CaptureProblem;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CaptureScanner#scan(ReadableByteChannel, java.util.function.Consumer)} and {@link CaptureScanner#open}:
 * the same handshakes as a whole scan, handed on (or pulled) while the capture is still read.
 */
class StreamingScanTest {

    private static final TestPki.Chain CHAIN = TestPki.server();

    /** Hands out a capture a few kilobytes a read and counts what it has handed out. */
    private static final class Trickle implements ReadableByteChannel {
        private final ByteBuffer bytes;
        long handedOut;

        Trickle(byte[] capture) {
            bytes = ByteBuffer.wrap(capture);
        }

        @Override
        public int read(ByteBuffer into) {
            if (!bytes.hasRemaining()) return -1;
            int n = Math.min(Math.min(4096, into.remaining()), bytes.remaining());
            into.put(bytes.slice(bytes.position(), n));
            bytes.position(bytes.position() + n);
            handedOut += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() throws IOException {
        }
    }

    private record Streamed(List<Handshake> handshakes, List<Long> bytesReadBefore) {
    }

    private static Streamed stream(byte[] capture) {
        Trickle channel = new Trickle(capture);
        List<Handshake> handshakes = new ArrayList<>();
        List<Long> readBefore = new ArrayList<>();
        new CaptureScanner(ScanOptions.defaults()).scan(channel, h -> {
            handshakes.add(h);
            readBefore.add(channel.handedOut);
        });
        return new Streamed(handshakes, readBefore);
    }

    private static List<Handshake> scan(byte[] capture) {
        return new CaptureScanner(ScanOptions.defaults()).scan(Path.of("test.pcap"), new Trickle(capture)).handshakes();
    }

    private static void plaintextBulk(CaptureWriter w, int port, int kilobytes) {
        TcpConn bulk = w.tcp("10.0.0.9", 40000 + port, "10.0.0.2", port);
        bulk.handshake3Way();
        bulk.clientSends("GET /big HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        bulk.serverSends(new byte[kilobytes * 1024], 1448);
        bulk.close();
    }

    @Test
    void aClosedConnectionsHandshakeIsHandedOnBeforeTheRestIsRead() {
        CaptureWriter w = CaptureWriter.pcap();
        Conversations.tls12(w.tcp("10.0.0.1", 50001, "10.0.0.2", 443), "one.capcert.test", CHAIN.sent(), 1448);
        plaintextBulk(w, 8080, 512);
        Conversations.tls12(w.tcp("10.0.0.1", 50002, "10.0.0.2", 5061), "two.capcert.test", CHAIN.sent(), 1448);
        byte[] capture = w.toBytes();

        Streamed streamed = stream(capture);
        assertEquals(scan(capture), streamed.handshakes());
        assertEquals(2, streamed.handshakes().size());
        assertTrue(streamed.bytesReadBefore().get(0) < capture.length / 4,
                "first handshake handed on after " + streamed.bytesReadBefore().get(0) + " of " + capture.length + " bytes");
    }

    @Test
    void pulledOneAtATimeFromAStreamReadOnlyAsFarAsTheNextNeeds() throws IOException {
        CaptureWriter w = CaptureWriter.pcap();
        Conversations.tls12(w.tcp("10.0.0.1", 50001, "10.0.0.2", 443), "one.capcert.test", CHAIN.sent(), 1448);
        plaintextBulk(w, 8080, 512);
        Conversations.tls12(w.tcp("10.0.0.1", 50002, "10.0.0.2", 5061), "two.capcert.test", CHAIN.sent(), 1448);
        byte[] capture = w.toBytes();
        Trickle channel = new Trickle(capture);

        List<Handshake> pulled = new ArrayList<>();
        try (Scan scan = new CaptureScanner(ScanOptions.defaults()).open(Channels.newInputStream(channel))) {
            assertTrue(scan.hasNext());
            assertTrue(channel.handedOut < capture.length / 4, "read " + channel.handedOut + " of " + capture.length);
            scan.forEachRemaining(pulled::add);
            assertEquals(capture.length, channel.handedOut);
            assertEquals(List.of(), scan.problems());
            assertFalse(scan.hasNext());
            assertThrows(NoSuchElementException.class, scan::next);
        }
        assertEquals(scan(capture), pulled);
    }

    @Test
    void aCaptureThatCannotBeOpenedHasNoHandshakeAndSaysWhy(@TempDir Path dir) {
        try (Scan scan = new CaptureScanner(ScanOptions.defaults()).open(dir.resolve("missing.pcap"))) {
            assertFalse(scan.hasNext());
            assertEquals(List.of(new CaptureProblem.Unreadable("no such file")), scan.problems());
        }
        try (Scan scan = new CaptureScanner(ScanOptions.defaults()).open(dir)) {
            assertFalse(scan.hasNext());
            assertEquals(List.of(new CaptureProblem.Unreadable("is a directory, not a capture file")), scan.problems());
        }
    }

    @Test
    void aScanClosedEarlyEndsThere(@TempDir Path dir) throws IOException {
        CaptureWriter w = CaptureWriter.pcap();
        Conversations.tls12(w.tcp("10.0.0.1", 50001, "10.0.0.2", 443), "one.capcert.test", CHAIN.sent(), 1448);
        Conversations.tls12(w.tcp("10.0.0.1", 50002, "10.0.0.2", 443), "two.capcert.test", CHAIN.sent(), 1448);
        Path file = w.write(dir.resolve("two.pcap"));
        Scan scan = new CaptureScanner(ScanOptions.defaults()).open(file);
        assertEquals(Optional.of("one.capcert.test"), scan.next().sni());
        scan.close();
        assertFalse(scan.hasNext());
    }

    @Test
    void aConnectionStillOpenHoldsBackThoseOpenedAfterItUntilItEnds() {
        CaptureWriter w = CaptureWriter.pcap();
        TcpConn idle = w.tcp("10.0.0.7", 50000, "10.0.0.2", 25);
        idle.handshake3Way();
        idle.serverSends("220 mail.capcert.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        Conversations.tls12(w.tcp("10.0.0.1", 50001, "10.0.0.2", 443), "one.capcert.test", CHAIN.sent(), 1448);
        plaintextBulk(w, 8080, 256);
        idle.close();
        int serverFin = w.frameCount() - 1;
        plaintextBulk(w, 8081, 512);
        byte[] capture = w.toBytes();

        Streamed streamed = stream(capture);
        assertEquals(scan(capture), streamed.handshakes());
        assertEquals(1, streamed.handshakes().size());
        long idleEnded = w.offsetOfFrame(serverFin);
        long handedOutAt = streamed.bytesReadBefore().get(0);
        assertTrue(handedOutAt > idleEnded && handedOutAt < capture.length,
                "handed on at byte " + handedOutAt + "; the idle connection ended at " + idleEnded + " of " + capture.length);
    }

    @Test
    void aLongPlaintextDownloadDoesNotHoldBackLaterHandshakes() {
        CaptureWriter w = CaptureWriter.pcap();
        TcpConn download = w.tcp("10.0.0.9", 40000, "10.0.0.2", 8080);
        download.handshake3Way();
        download.clientSends("GET /big HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        download.serverSends(new byte[TlsStreamParser.SEEK_LIMIT + 4096], 1448);
        Conversations.tls12(w.tcp("10.0.0.1", 50001, "10.0.0.2", 443), "one.capcert.test", CHAIN.sent(), 1448);
        int handshakeOver = w.frameCount();
        download.serverSends(new byte[512 * 1024], 1448);
        download.close();
        byte[] capture = w.toBytes();

        Streamed streamed = stream(capture);
        assertEquals(scan(capture), streamed.handshakes());
        assertEquals(1, streamed.handshakes().size());
        long handedOutAt = streamed.bytesReadBefore().get(0);
        assertTrue(handedOutAt <= w.offsetOfFrame(handshakeOver) + 4096,
                "handed on at byte " + handedOutAt + ", the handshake was over at " + w.offsetOfFrame(handshakeOver));
    }
}
