package capcert.tls;

import capcert.net.EapSession;
import capcert.net.Endpoint;
import capcert.net.IpEndpoint;
import capcert.net.Transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one TLS or DTLS connection showed in clear text.
 *
 * @param firstFrame  first frame of the connection seen in the capture
 * @param time        capture time of {@code firstFrame}
 * @param version     negotiated version, or the best guess when the ServerHello was not seen; empty
 *                    when nothing told
 * @param sni         server_name from the ClientHello, if any
 * @param cipherSuite the ServerHello's choice, if seen
 * @param notes       why no certificate is listed, or what was lost (gaps, damage, limits)
 * @param decryption  how its encrypted part was read, when keys were at hand (a key log, or QUIC's
 *                    Initial keys); empty for handshakes read in clear text only
 * @param eap         for TLS inside EAP (802.1X, RADIUS): the method and what names the supplicant
 * @param relay       for DTLS relayed by TURN: the TURN server (client and server are the two peers)
 */
public record Handshake(
        Transport transport,
        Endpoint client,
        Endpoint server,
        long firstFrame,
        Instant time,
        Optional<TlsVersion> version,
        Optional<String> sni,
        Optional<CipherSuite> cipherSuite,
        List<Alert> alerts,
        List<CertificateEntry> certificates,
        List<Note> notes,
        Optional<Decryption> decryption,
        Optional<EapSession> eap,
        Optional<Endpoint> relay) {

    public Handshake {
        alerts = List.copyOf(alerts);
        certificates = List.copyOf(certificates);
        notes = List.copyOf(notes);
        java.util.Objects.requireNonNull(decryption);
    }

    /** Whether its certificates were decrypted (with {@link Decryption#keySource()}'s secrets) rather than sent in clear. */
    public boolean certificatesDecrypted() {
        return !certificates.isEmpty() && decryption.flatMap(Decryption::keySource).isPresent();
    }

    /** A handshake read in clear text only, carried straight by its transport: nothing tunnelled, nothing relayed. */
    public Handshake(Transport transport, Endpoint client, Endpoint server, long firstFrame, Instant time,
                     Optional<TlsVersion> version, Optional<String> sni, Optional<CipherSuite> cipherSuite,
                     List<Alert> alerts, List<CertificateEntry> certificates, List<Note> notes) {
        this(transport, client, server, firstFrame, time, version, sni, cipherSuite, alerts, certificates, notes,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The server's port; none when the endpoints are not IP (EAP over LAN). */
    public OptionalInt serverPort() {
        return server instanceof IpEndpoint ip ? OptionalInt.of(ip.port()) : OptionalInt.empty();
    }

    public List<CertificateEntry> chain(Role sender) {
        return certificates.stream().filter(c -> c.role() == sender).toList();
    }

    /**
     * The certificates grouped into the Certificate messages that carried them: a message is one
     * sender's run of increasing positions completed in one frame.
     */
    public List<List<CertificateEntry>> certificateMessages() {
        List<List<CertificateEntry>> messages = new ArrayList<>();
        CertificateEntry previous = null;
        for (CertificateEntry entry : certificates) {
            boolean sameMessage = previous != null && entry.role() == previous.role()
                    && entry.frame() == previous.frame() && entry.position() > previous.position();
            if (!sameMessage) messages.add(new ArrayList<>());
            messages.get(messages.size() - 1).add(entry);
            previous = entry;
        }
        return messages.stream().map(List::copyOf).toList();
    }
}
