package capcert.testing;

import capcert.capture.Problem;
import capcert.net.EapMethod;
import capcert.net.EapSession;
import capcert.net.Endpoint;
import capcert.net.IpEndpoint;
import capcert.net.MacEndpoint;
import capcert.net.Transport;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built scan results, standing in for what CaptureScanner will produce. */
public final class TestCaptures {

    public static final Instant TIME = Instant.parse("2024-06-01T12:00:00.123456Z");

    private TestCaptures() {
    }

    public static CaptureResult capture(String file, Handshake... handshakes) {
        return new CaptureResult(Path.of(file), List.of(handshakes), List.of());
    }

    public static CaptureResult capture(String file, List<Problem> problems, Handshake... handshakes) {
        return new CaptureResult(Path.of(file), List.of(handshakes), problems);
    }

    /** One certificate message: positions 0.. in order, all completed in {@code frame}. */
    public static List<CertificateEntry> chain(Role role, long frame, byte[]... ders) {
        List<CertificateEntry> entries = new ArrayList<>();
        for (int i = 0; i < ders.length; i++) entries.add(new CertificateEntry(role, i, ders[i], frame));
        return entries;
    }

    /** A TLS 1.2 connection 192.0.2.10:51234 → 198.51.100.7:443 with SNI leaf.example. */
    public static Handshake tls12(long firstFrame, List<CertificateEntry> certificates) {
        return new Handshake(Transport.TCP, endpoint("192.0.2.10", 51234), endpoint("198.51.100.7", 443),
                firstFrame, TIME, Optional.of(TlsVersion.TLS_1_2), Optional.of("leaf.example"),
                Optional.of(new CipherSuite(0xc02f)), List.of(), certificates, List.of());
    }

    /** PEAP over wired 802.1X: supplicant 02:00:5e:00:53:0a, authenticator 02:00:5e:00:53:01, identity anonymous. */
    public static Handshake peapOverEapol(long firstFrame, List<CertificateEntry> certificates) {
        return new Handshake(Transport.EAPOL, new MacEndpoint(0x0200_5e00_530aL), new MacEndpoint(0x0200_5e00_5301L),
                firstFrame, TIME, Optional.of(TlsVersion.TLS_1_2), Optional.empty(), Optional.of(new CipherSuite(0xc02f)),
                List.of(), certificates, List.of(), Optional.empty(),
                Optional.of(new EapSession(EapMethod.PEAP, Optional.of("anonymous"), Optional.empty(), Optional.empty(),
                        Optional.empty())), Optional.empty());
    }

    /** EAP-TLS in RADIUS: NAS sw-7 at 192.0.2.7:1645, server 192.0.2.1:1812, supplicant {@code identity} at station 02-00-5E-00-53-0A. */
    public static Handshake eapTlsOverRadius(long firstFrame, String identity, List<CertificateEntry> certificates) {
        return new Handshake(Transport.RADIUS, endpoint("192.0.2.7", 1645), endpoint("192.0.2.1", 1812), firstFrame, TIME,
                Optional.of(TlsVersion.TLS_1_2), Optional.empty(), Optional.empty(), List.of(), certificates, List.of(),
                Optional.empty(),
                Optional.of(new EapSession(EapMethod.TLS, Optional.of(identity), Optional.of("sw-7"), Optional.of("192.0.2.7"),
                        Optional.of("02-00-5E-00-53-0A"))), Optional.empty());
    }

    /** DTLS 1.2 between 203.0.113.5:50000 and [2001:db8::7]:4433, relayed by the TURN server 203.0.113.1:3478. */
    public static Handshake turnRelayed(long firstFrame, List<CertificateEntry> certificates) {
        return new Handshake(Transport.TURN_UDP, endpoint("203.0.113.5", 50000), endpoint("2001:db8::7", 4433), firstFrame,
                TIME, Optional.of(TlsVersion.DTLS_1_2), Optional.of("peer.example"), Optional.empty(), List.of(), certificates, List.of(),
                Optional.empty(), Optional.empty(), Optional.of(endpoint("203.0.113.1", 3478)));
    }

    public static Handshake handshake(Transport transport, Endpoint client, Endpoint server, long firstFrame,
                                      Optional<TlsVersion> version, Optional<String> sni, List<Alert> alerts,
                                      List<CertificateEntry> certificates, List<Note> notes) {
        return new Handshake(transport, client, server, firstFrame, TIME, version, sni, Optional.empty(),
                alerts, certificates, notes);
    }

    public static Endpoint endpoint(String address, int port) {
        try {
            return new IpEndpoint(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    @SafeVarargs
    public static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) all.addAll(list);
        return all;
    }
}
