package capcert.check;

import capcert.net.Transport;
import capcert.testing.CertBuilder.Made;
import capcert.testing.TestCaptures;
import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.tls.TlsVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hand-built handshakes for {@link Checker#check}. */
final class Checks {

    static final CheckOptions EXPRESSWAY = new CheckOptions(List.of(), List.of(), Optional.empty(), Profile.EXPRESSWAY, List.of());

    private Checks() {
    }

    /** One Certificate message from {@code role}, completed in {@code frame}. */
    static List<CertificateEntry> chain(Role role, long frame, Made... certs) {
        List<CertificateEntry> out = new ArrayList<>();
        for (int i = 0; i < certs.length; i++) out.add(new CertificateEntry(role, i, certs[i].der(), frame));
        return out;
    }

    /** A TLS 1.2 connection 192.0.2.10 → 198.51.100.7:port at {@link Run#WHEN}. */
    static Handshake tls12(int port, Optional<String> sni, String suite, List<CertificateEntry> certificates, List<Alert> alerts) {
        return new Handshake(Transport.TCP, TestCaptures.endpoint("192.0.2.10", 51234),
                TestCaptures.endpoint("198.51.100.7", port), 1, Run.WHEN, Optional.of(TlsVersion.TLS_1_2), sni,
                Optional.of(suite(suite)), alerts, certificates, List.of());
    }

    /** The suites the tests name, by their IANA names. */
    private static CipherSuite suite(String name) {
        int code = switch (name) {
            case "TLS_AES_128_GCM_SHA256" -> 0x1301;
            case "TLS_RSA_WITH_AES_128_GCM_SHA256" -> 0x009c;
            case "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" -> 0xc02f;
            case "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" -> 0xc02b;
            default -> throw new IllegalArgumentException("no code for " + name);
        };
        CipherSuite suite = new CipherSuite(code);
        if (!suite.name().equals(name)) throw new IllegalStateException(suite + " is not " + name);
        return suite;
    }

    static List<Verdict> handshake(Role role, String suite, int port, Made... chain) {
        return handshake(role, suite, port, CheckOptions.defaults(), chain);
    }

    static List<Verdict> handshake(Role role, String suite, int port, CheckOptions options, Made... chain) {
        return new Checker(options).check(tls12(port, Optional.empty(), suite, chain(role, 5, chain), List.of()));
    }
}
