package capcert.tls;

import capcert.net.Connection;
import capcert.net.IpEndpoint;
import capcert.net.Side;
import capcert.net.Transport;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static capcert.testing.TlsBytes.TLS12;
import static capcert.testing.TlsBytes.certificate;
import static capcert.testing.TlsBytes.clientHelloRecord;
import static capcert.testing.TlsBytes.concat;
import static capcert.testing.TlsBytes.handshakeRecord;
import static capcert.testing.TlsBytes.serverHello;
import static capcert.testing.TlsBytes.serverHelloDone;
import static capcert.testing.TlsBytes.serverKeyExchange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One direction's record and handshake parsing, fed bytes and losses directly. */
class TlsStreamParserTest {

    private final HandshakeFacts facts;
    private final TlsStreamParser server;

    TlsStreamParserTest() throws Exception {
        Connection connection = new Connection(Transport.TCP, new IpEndpoint(InetAddress.getByName("10.0.0.1"), 50000),
                new IpEndpoint(InetAddress.getByName("10.0.0.2"), 443), true, 1, 0);
        facts = new HandshakeFacts(connection, Limits.defaults(), problem -> { });
        TlsStreamParser client = new TlsStreamParser(Side.ORIGINATOR, facts);
        byte[] hello = clientHelloRecord("server.capcert.test");
        client.data(hello, 0, hello.length, 4);
        server = new TlsStreamParser(Side.RESPONDER, facts);
    }

    @Test
    void aLossAcrossAMessageBoundaryResumesAtTheNextRecordThatStartsAMessage() {
        List<byte[]> first = TestPki.server().sent();
        List<byte[]> second = TestPki.chain("other.capcert.test", TestPki.KeyType.EC_P256).sent();
        byte[] certificateMessage = certificate(first);
        byte[] keyExchange = serverKeyExchange();
        // One record holds the Certificate and the ServerKeyExchange; the loss takes the end of the
        // first and the start of the second, so the next message boundary in that record is unknown.
        byte[] record1 = handshakeRecord(TLS12, serverHello(TLS12, 0xc02f), certificateMessage, keyExchange);
        // A record that continues the lost message: DER bytes, which read as a header would claim 8 MB.
        byte[] continuation = concat(new byte[]{22, 3, 3, 0, 40, 0x30, (byte) 0x82, 0x05, 0x00}, new byte[36]);
        byte[] record2 = handshakeRecord(TLS12, certificate(second), serverHelloDone());

        int lossStart = record1.length - keyExchange.length - 10;
        int lossLength = 20;
        server.data(record1, 0, lossStart, 6);
        server.gap(lossLength, 7);
        server.data(record1, lossStart + lossLength, record1.length - lossStart - lossLength, 8);
        server.data(continuation, 0, continuation.length, 9);
        server.data(record2, 0, record2.length, 10);
        server.end();

        Handshake h = facts.toHandshake();
        List<CertificateEntry> certificates = h.certificates();
        int keptFromFirst = first.size() - 1; // the last certificate of the first chain was cut
        assertEquals(keptFromFirst + second.size(), certificates.size(), certificates.toString());
        for (int i = 0; i < keptFromFirst; i++) assertArrayEquals(first.get(i), certificates.get(i).der());
        for (int i = 0; i < second.size(); i++) {
            CertificateEntry c = certificates.get(keptFromFirst + i);
            assertArrayEquals(second.get(i), c.der());
            assertEquals(i, c.position());
            assertEquals(10, c.frame());
        }
        assertTrue(h.notes().stream().anyMatch(n -> n instanceof Note.CertificateMessageCut), h.notes().toString());
    }

    @Test
    void aLossInsideOneMessageSkipsExactlyItsRest() {
        List<byte[]> chain = TestPki.server().sent();
        byte[] record = handshakeRecord(TLS12, serverHello(TLS12, 0xc02f), certificate(chain), serverHelloDone());
        byte[] leaf = chain.get(0);
        int leafAt = indexOf(record, leaf);
        server.data(record, 0, leafAt + 100, 6);
        server.gap(50, 7);
        server.data(record, leafAt + 150, record.length - leafAt - 150, 8);
        Handshake h = facts.toHandshake();
        assertEquals(0, h.certificates().size(), "the leaf was cut, nothing before it: " + h.certificates());
        assertEquals(TlsVersion.TLS_1_2, h.version().orElseThrow());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        throw new AssertionError("not found");
    }
}
