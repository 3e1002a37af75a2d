package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.Connection;
import capcert.net.HeldBytes;
import capcert.net.IpEndpoint;
import capcert.net.Side;
import capcert.net.Transport;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing (Jazzer) of everything that reads capture bytes. Run as plain tests, each
 * replays its seeds (test-captures/, through src/test/resources/.../*Inputs); with JAZZER_FUZZ=1
 * it fuzzes (see README: "Fuzzing"). A finding is any exception escaping: the scan must turn every
 * input into results and problems.
 */
class TlsParsingFuzzTest {

    /** Whole captures: pcap/pcapng reader, link/IP/TCP/UDP decoding, reassembly, TLS and DTLS. */
    @FuzzTest(maxDuration = "15s")
    void scanCapture(byte[] capture) {
        new CaptureScanner(ScanOptions.defaults()).scan(Path.of("fuzz.pcap"), Channels.newChannel(new ByteArrayInputStream(capture)));
    }

    /** One TLS direction fed in arbitrary chunks with arbitrary losses between them. */
    @FuzzTest(maxDuration = "15s")
    void tlsStream(FuzzedDataProvider data) {
        HandshakeFacts facts = new HandshakeFacts(connection(), Limits.defaults().withHandshakeMessage(1 << 16), problem -> { });
        TlsStreamParser parser = new TlsStreamParser(data.consumeBoolean() ? Side.ORIGINATOR : Side.RESPONDER, facts);
        long frame = 1;
        while (data.remainingBytes() > 0) {
            if (data.consumeProbabilityDouble() < 0.1) {
                parser.gap(data.consumeInt(0, 70_000), frame++);
            } else {
                byte[] chunk = data.consumeBytes(data.consumeInt(1, 4096));
                int offset = chunk.length == 0 ? 0 : data.consumeInt(0, chunk.length - 1);
                parser.data(chunk, offset, chunk.length - offset, frame++);
            }
        }
        parser.end();
        facts.toHandshake();
    }

    /** DTLS datagrams, each one parsed as records and handshake fragments. */
    @FuzzTest(maxDuration = "15s")
    void dtlsDatagrams(FuzzedDataProvider data) {
        MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE, problem -> { });
        HeldBytes heldByAll = new HeldBytes(1 << 14, problem -> { }, budget);
        DtlsFlowTracker tracker = new DtlsFlowTracker(new HandshakeFacts(connection(), Limits.defaults(), problem -> { }), heldByAll,
                h -> { }, budget);
        long frame = 1;
        while (data.remainingBytes() > 0) {
            Side side = data.consumeBoolean() ? Side.ORIGINATOR : Side.RESPONDER;
            tracker.datagram(side, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 2048))), frame++);
        }
        tracker.closed();
        assertEquals(0, heldByAll.held(), "what the flow held is given back when it ends");
    }

    /** What TLS 1.3 encrypts, as it comes out of a decryption: EncryptedExtensions, Certificate, CompressedCertificate… */
    @FuzzTest(maxDuration = "15s")
    void decryptedHandshakeMessages(FuzzedDataProvider data) {
        HandshakeFacts facts = new HandshakeFacts(connection(), Limits.defaults().withHandshakeMessage(1 << 20), problem -> { });
        while (data.remainingBytes() > 0) {
            int type = data.pickValue(new int[] {8, 11, 13, 15, 20, 24, 25, data.consumeInt(0, 255)});
            byte[] body = data.consumeBytes(data.consumeInt(0, 8192));
            Tls13Messages.handle(type, body, 0, body.length, data.consumeBoolean() ? Side.ORIGINATOR : Side.RESPONDER, 1, facts,
                    Tls13Messages.KeyChanges.NONE);
        }
        facts.toHandshake();
    }

    /** UDP datagrams read as a QUIC connection: long headers, Initial keys from whatever DCID, frames. */
    @FuzzTest(maxDuration = "15s")
    void quicDatagrams(FuzzedDataProvider data) {
        QuicFlowTracker tracker = new QuicFlowTracker(new HandshakeFacts(connection(), Limits.defaults(), problem -> { }), h -> { },
                new MemoryBudget(Long.MAX_VALUE, problem -> { }));
        long frame = 1;
        while (data.remainingBytes() > 0) {
            Side side = data.consumeBoolean() ? Side.ORIGINATOR : Side.RESPONDER;
            tracker.datagram(side, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 1500))), frame++);
        }
        tracker.closed();
    }

    private static Connection connection() {
        try {
            return new Connection(Transport.TCP, new IpEndpoint(InetAddress.getByName("192.0.2.1"), 50000),
                    new IpEndpoint(InetAddress.getByName("192.0.2.2"), 443), false, 1, 0);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
