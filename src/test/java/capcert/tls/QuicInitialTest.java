package capcert.tls;

import capcert.testing.CaptureWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QUIC connections read from their Initial packets alone, with no key log: RFC 9001 and RFC 9369's packets in a capture. */
class QuicInitialTest {

    private static final Vectors V1 = Vectors.load("rfc9001-appendix-a.txt");
    private static final Vectors V2 = Vectors.load("rfc9369-appendix-a.txt");

    @TempDir
    Path dir;

    private Handshake scan(CaptureWriter w) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(w.write(dir.resolve("quic.pcap")));
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.handshakes().size(), result.handshakes().toString());
        return result.handshakes().get(0);
    }

    @Test
    void theClientAndServerInitialsOfRfc9001GiveHelloFacts() {
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow flow = w.udp("192.0.2.1", 50266, "192.0.2.2", 443);
        flow.clientSends(V1.get("client_initial"));
        flow.clientSends(V1.get("client_initial")); // a retransmission changes nothing
        flow.serverSends(V1.get("server_initial"));
        Handshake h = scan(w);
        assertEquals("udp", h.transport().label());
        assertEquals("example.com", h.sni().orElseThrow());
        assertEquals("TLS 1.3", h.version().orElseThrow().toString());
        assertEquals("TLS_AES_128_GCM_SHA256", h.cipherSuite().orElseThrow().toString());
        Decryption d = h.decryption().orElseThrow();
        assertEquals("QUIC v1", d.quicVersion().orElseThrow());
        assertEquals(List.of("alpn"), d.offeredAlpn());
        assertTrue(d.keySource().isEmpty());
        assertEquals(List.of("certificates encrypted (QUIC v1)"), h.notes().stream().map(Note::message).toList());
    }

    @Test
    void aQuicV2ClientInitialOfRfc9369() {
        CaptureWriter w = CaptureWriter.pcap();
        w.udp("192.0.2.1", 50266, "192.0.2.2", 443).clientSends(V2.get("client_initial"));
        Handshake h = scan(w);
        assertEquals("example.com", h.sni().orElseThrow());
        assertEquals("QUIC v2", h.decryption().orElseThrow().quicVersion().orElseThrow());
        assertTrue(h.notes().get(0).message().startsWith("no ServerHello seen"), h.notes().toString());
    }

    @Test
    void versionNegotiationAndRetryAreNoted() {
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow flow = w.udp("192.0.2.1", 50266, "192.0.2.2", 443);
        flow.clientSends(V1.get("client_initial"));
        byte[] negotiation = {(byte) 0xc5, 0, 0, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0x6b, 0x33, 0x43, (byte) 0xcf, 0, 0, 0, 1};
        flow.serverSends(negotiation);
        byte[] retry = new byte[40];
        retry[0] = (byte) 0xf0; // long header, v1 type 3: Retry
        retry[4] = 1;
        flow.serverSends(retry);
        Handshake h = scan(w);
        assertTrue(h.notes().stream().anyMatch(n -> n.message().contains("Version Negotiation") && n.message().contains("QUIC v2, QUIC v1")),
                h.notes().toString());
        assertTrue(h.notes().stream().anyMatch(n -> n.message().contains("Retry")), h.notes().toString());
    }

    @Test
    void plainUdpIsNotTakenForQuic() {
        CaptureWriter w = CaptureWriter.pcap();
        byte[] noise = new byte[1300];
        noise[0] = (byte) 0xc0;
        noise[4] = 7; // no QUIC version capcert knows
        w.udp("192.0.2.1", 50266, "192.0.2.2", 443).clientSends(noise);
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(w.write(dir.resolve("noise.pcap")));
        assertEquals(List.of(), result.handshakes());
    }
}
