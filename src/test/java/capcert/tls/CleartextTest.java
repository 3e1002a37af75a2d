package capcert.tls;

import capcert.testing.CaptureWriter;
import capcert.testing.Conversations;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static capcert.testing.TlsBytes.clientHelloRecord;
import static capcert.testing.TlsBytes.concat;
import static capcert.testing.TlsBytes.serverFlight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where TLS may start in a connection that began in cleartext (the rule against phantoms): at an
 * upgrade point, never inside a body. Upgrades are checked by the shared captures too (SMTP, POP3,
 * IRC, XMPP, FTP, PostgreSQL, LDAP, MySQL, RDP); these are the HTTP cases and the bodies.
 */
class CleartextTest {

    private static final TestPki.Chain CHAIN = TestPki.server();
    private static final String SNI = TestPki.SERVER_NAME;

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private CaptureResult scan(CaptureWriter w, String name) {
        return new CaptureScanner(ScanOptions.defaults()).scan(w.write(dir.resolve(name + ".pcap")));
    }

    @Test
    void aTlsHandshakeInsideAnHttpBodyIsNoHandshake() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 80);
        c.handshake3Way();
        byte[] body = concat(clientHelloRecord(SNI), serverFlight(CHAIN.sent()).bytes());
        c.clientSends(concat(ascii("POST /upload HTTP/1.1\r\nHost: cases.example\r\nContent-Type: application/vnd.tcpdump.pcap\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"), body), 700);
        c.serverSends(ascii("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
        c.serverSends(concat(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"),
                body, ascii("\r\n0\r\n\r\n")), 700);
        c.close();
        CaptureResult r = scan(w, "upload");
        assertEquals(List.of(), r.handshakes());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void tlsThroughAnHttpConnectTunnelIsFound() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 3128);
        c.handshake3Way();
        c.clientSends(ascii("CONNECT server.capcert.test:443 HTTP/1.1\r\nHost: server.capcert.test:443\r\n\r\n"));
        c.serverSends(ascii("HTTP/1.1 200 Connection established\r\n\r\n"));
        c.clientSends(clientHelloRecord(SNI));
        int certFrame = Conversations.serverFlight12(c, CHAIN.sent(), 500);
        Conversations.finish12(c);
        c.close();
        CaptureResult r = scan(w, "connect");
        assertEquals(1, r.handshakes().size());
        Handshake h = r.handshakes().get(0);
        assertEquals(SNI, h.sni().orElseThrow());
        assertEquals(CHAIN.sent().size(), h.chain(Role.SERVER).size());
        assertEquals(certFrame, h.chain(Role.SERVER).get(0).frame());
    }

    @Test
    void aRefusedConnectThenARetriedOneStillFindsTheTunnelsTls() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 3128);
        c.handshake3Way();
        c.clientSends(ascii("CONNECT server.capcert.test:443 HTTP/1.1\r\n\r\n"));
        c.serverSends(ascii("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 6\r\n\r\ndenied"));
        c.clientSends(ascii("CONNECT server.capcert.test:443 HTTP/1.1\r\nProxy-Authorization: Basic dTpw\r\n\r\n"));
        c.serverSends(ascii("HTTP/1.1 200 OK\r\n\r\n"));
        c.clientSends(clientHelloRecord(SNI));
        Conversations.serverFlight12(c, CHAIN.sent(), 500);
        c.close();
        CaptureResult r = scan(w, "connect-407");
        assertEquals(1, r.handshakes().size());
        assertEquals(CHAIN.sent().size(), r.handshakes().get(0).chain(Role.SERVER).size());
    }

    @Test
    void tlsAfterAnHttpUpgradeTo101IsFound() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 80);
        c.handshake3Way();
        c.clientSends(ascii("OPTIONS * HTTP/1.1\r\nHost: server.capcert.test\r\nUpgrade: TLS/1.2\r\nConnection: Upgrade\r\n\r\n"));
        c.serverSends(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: TLS/1.2, HTTP/1.1\r\nConnection: Upgrade\r\n\r\n"));
        c.clientSends(clientHelloRecord(SNI));
        Conversations.serverFlight12(c, CHAIN.sent(), 500);
        c.close();
        CaptureResult r = scan(w, "upgrade");
        assertEquals(1, r.handshakes().size());
        assertEquals(CHAIN.sent().size(), r.handshakes().get(0).chain(Role.SERVER).size());
    }

    @Test
    void aTlsRecordInAMailBodyIsNoHandshakeButStarttlsIs() {
        var w = CaptureWriter.pcap();
        var plain = w.tcp("10.0.0.1", 50000, "10.0.0.2", 25);
        plain.handshake3Way();
        plain.serverSends(ascii("220 mail.example ESMTP\r\n"));
        plain.clientSends(ascii("EHLO client.example\r\n"));
        plain.serverSends(ascii("250 mail.example\r\n"));
        plain.clientSends(ascii("DATA\r\n"));
        plain.serverSends(ascii("354 go ahead\r\n"));
        plain.clientSends(concat(clientHelloRecord(SNI), ascii("\r\n.\r\n")));
        plain.serverSends(concat(serverFlight(CHAIN.sent()).bytes()));
        plain.close();
        var upgraded = w.tcp("10.0.0.1", 50001, "10.0.0.2", 25);
        upgraded.handshake3Way();
        upgraded.serverSends(ascii("220 mail.example ESMTP\r\n"));
        upgraded.clientSends(ascii("EHLO client.example\r\n"));
        upgraded.serverSends(ascii("250-mail.example\r\n250 STARTTLS\r\n"));
        upgraded.clientSends(ascii("STARTTLS\r\n"));
        upgraded.serverSends(ascii("220 ready\r\n"));
        upgraded.clientSends(clientHelloRecord(SNI));
        Conversations.serverFlight12(upgraded, CHAIN.sent(), 500);
        upgraded.close();
        CaptureResult r = scan(w, "smtp");
        assertEquals(1, r.handshakes().size(), () -> "handshakes: " + r.handshakes());
        assertEquals("10.0.0.1:50001", r.handshakes().get(0).client().toString());
        assertEquals(CHAIN.sent().size(), r.handshakes().get(0).chain(Role.SERVER).size());
    }

    @Test
    void pipelinedResponsesGiveEachItsRequestsUrlAndGatherOnlyEvidence() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 80);
        c.handshake3Way();
        byte[] der = CHAIN.root().der();
        c.clientSends(ascii(String.join("\r\n", "GET /index.html HTTP/1.1", "Host: pki.example", "",
                "GET /root.crt HTTP/1.1", "Host: pki.example", "", "HEAD /root.crt HTTP/1.1", "Host: pki.example", "", "")));
        c.serverSends(concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>"),
                ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + der.length + "\r\n\r\n"), der,
                ascii("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: " + der.length + "\r\n\r\n")), 300);
        c.close();
        CaptureResult r = scan(w, "pipelined");
        assertEquals(1, r.evidence().size(), () -> "evidence: " + r.evidence());
        Evidence e = r.evidence().get(0);
        assertEquals(Evidence.Kind.CERTIFICATE, e.kind());
        assertEquals("http://pki.example/root.crt", e.url().orElseThrow());
        assertEquals("application/octet-stream", e.contentType().orElseThrow());
        assertEquals(capcert.tls.Der.copyOf(der), e.content());
        assertEquals("10.0.0.1:50000", e.client().toString());
    }

    @Test
    void aBodyWithAHoleIsNotEvidence() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 80);
        c.handshake3Way();
        byte[] der = CHAIN.root().der();
        c.clientSends(ascii("GET /root.cer HTTP/1.1\r\nHost: pki.example\r\n\r\n"));
        c.serverSends(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: " + der.length + "\r\n\r\n"));
        c.server().send(java.util.Arrays.copyOfRange(der, 0, 100));
        c.server().skip(100);
        c.server().send(java.util.Arrays.copyOfRange(der, 200, der.length));
        c.clientSends(ascii("GET /next.cer HTTP/1.1\r\nHost: pki.example\r\n\r\n"));
        c.serverSends(concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-cert\r\nContent-Length: " + der.length + "\r\n\r\n"), der));
        c.close();
        CaptureResult r = scan(w, "hole");
        assertEquals(1, r.evidence().size(), () -> "evidence: " + r.evidence());
        assertTrue(r.evidence().get(0).url().orElseThrow().endsWith("/next.cer"));
    }
}
