package capcert.check;

import capcert.net.Transport;
import capcert.testing.CertBuilder.Made;
import capcert.testing.TestCaptures;
import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Role;

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
                TestCaptures.endpoint("198.51.100.7", port), 1, Run.WHEN, Optional.of("TLS 1.2"), sni,
                Optional.of(suite), alerts, certificates, List.of());
    }

    static List<Verdict> handshake(Role role, String suite, int port, Made... chain) {
        return handshake(role, suite, port, CheckOptions.defaults(), chain);
    }

    static List<Verdict> handshake(Role role, String suite, int port, CheckOptions options, Made... chain) {
        return Checker.check(tls12(port, Optional.empty(), suite, chain(role, 5, chain), List.of()), options);
    }
}
