package capcert.check;

import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the handshake itself says: alerts from the peer that rejected a certificate (TV2), with the
 * Expressway profile the traversal zone down because Expressway-C gave up (EK1), and why no
 * certificate is in clear text (TV1).
 */
final class AlertRules {

    private static final String NOT_ABOUT_A_CERTIFICATE = "this alert does not point at a particular certificate";

    private AlertRules() {
    }

    static List<Verdict> verdicts(Handshake handshake, Profile profile, Wording wording) {
        List<Verdict> out = new ArrayList<>();
        for (Alert alert : handshake.alerts()) {
            if (alert.description() == Alert.CLOSE_NOTIFY || alert.description() == Alert.USER_CANCELED) continue;
            out.add(explain(handshake, alert, wording));
        }
        if (profile == Profile.EXPRESSWAY) traversal(handshake).ifPresent(out::add);
        out.addAll(notes(handshake, wording));
        return out;
    }

    private static Verdict explain(Handshake handshake, Alert alert, Wording wording) {
        Role rejecting = alert.from();
        Role presenting = rejecting.peer();
        List<CertificateEntry> rejected = handshake.chain(presenting).stream()
                .filter(c -> c.frame() <= alert.frame()).toList();
        String name = alert.descriptionName() + " (" + alert.description() + ")";
        Severity severity = alert.level() == Alert.FATAL ? Severity.FAIL : Severity.WARN;
        if (rejected.isEmpty()) {
            return new Verdict(Rule.TV2, severity, Optional.empty(),
                    "The " + rejecting.label() + " sent a " + alert.levelName() + " " + name + " alert (frame "
                            + alert.frame() + ") before any certificate from the " + presenting.label() + " was seen: "
                            + withoutCertificate(alert, presenting) + ".",
                    "Compare the TLS versions, cipher suites and certificate requirements configured on both sides.");
        }
        String leaf = CertificateDetails.decode(rejected.get(0).der()).sha256();
        Meaning meaning = meaning(alert, rejecting.label(), presenting.label(), wording);
        return new Verdict(Rule.TV2, severity, Optional.of(leaf),
                "The " + rejecting.label() + " rejected the " + presenting.label() + "'s certificate chain with a "
                        + alert.levelName() + " " + name + " alert (frame " + alert.frame() + "): " + meaning.why,
                meaning.remedy);
    }

    private record Meaning(String why, String remedy) {
    }

    /** The usual cause of each certificate alert, from the side of the peer that sent it. */
    private static Meaning meaning(Alert alert, String rejecting, String presenting, Wording wording) {
        return switch (alert.description()) {
            case Alert.UNKNOWN_CA -> new Meaning("it does not trust the CA that issued the " + presenting + "'s chain: the root, or an"
                    + " intermediate it cannot find, is not in its trusted CA list.",
                    "Upload the root (and intermediates) of the " + presenting + "'s chain to the " + rejecting
                            + "'s trusted CA list, or have the " + presenting + " send its intermediates.");
            case Alert.BAD_CERTIFICATE -> new Meaning("the certificate is corrupt, a signature in the chain does not verify, or it fails a"
                    + " check such as its name or key usage.",
                    "Check the " + presenting + "'s chain with the other verdicts (CH1, KU1, NM1).");
            case Alert.UNSUPPORTED_CERTIFICATE -> new Meaning("it does not accept this kind of certificate for this use: usually the Extended Key"
                    + " Usage or Key Usage does not allow the role (a server-only certificate used as a client, EK2),"
                    + " or the key type is not supported.",
                    "Reissue the " + presenting + "'s certificate with both TLS Web Server and TLS Web Client"
                            + " Authentication and a key type the " + rejecting + " supports.");
            case Alert.CERTIFICATE_REVOKED -> new Meaning("a certificate of the chain is revoked.", "Replace the revoked certificate.");
            case Alert.CERTIFICATE_EXPIRED -> new Meaning("a certificate of the chain is expired or not yet valid by the " + rejecting + "'s clock.",
                    "Renew the expired certificate, or fix the clock of the " + rejecting + ".");
            case Alert.CERTIFICATE_UNKNOWN -> new Meaning("it refused the chain without saying why; Java-based peers (such as CUCM) send this"
                    + " for an untrusted chain, a missing name (SAN) or a wrong key usage.",
                    "Check the " + presenting + "'s chain against the " + rejecting + "'s trust list"
                            + wording.aside(Wording.Input.TRUST_LIST) + " and the names it must carry"
                            + wording.aside(Wording.Input.EXPECTED_NAME) + ".");
            case Alert.DECRYPT_ERROR -> new Meaning("a signature did not verify: the " + presenting + "'s private key does not match its"
                    + " certificate, or a signature in the chain is wrong.",
                    "Install the certificate together with the private key it was issued for.");
            case Alert.HANDSHAKE_FAILURE -> new Meaning("older TLS stacks send this for a rejected certificate as well as for no common"
                    + " cipher suite or version.",
                    "Check the " + presenting + "'s chain with the other verdicts, then the TLS settings of both sides.");
            case Alert.CERTIFICATE_REQUIRED, Alert.NO_CERTIFICATE -> new Meaning("it required a certificate and got none.",
                    "Configure a certificate on the " + presenting + ".");
            case Alert.ACCESS_DENIED -> new Meaning("the chain is valid but its owner is not allowed in.",
                    "Check the " + rejecting + "'s access rules for this certificate's name.");
            case Alert.UNRECOGNIZED_NAME -> new Meaning("it does not serve the name the client asked for (SNI).",
                    "Connect by a name the server is configured for.");
            default -> new Meaning(NOT_ABOUT_A_CERTIFICATE + ".", "Check the TLS settings of both sides.");
        };
    }

    private static String withoutCertificate(Alert alert, Role presenting) {
        return switch (alert.description()) {
            case Alert.HANDSHAKE_FAILURE -> "no common cipher suite, version or signature algorithm, or a certificate requirement not met";
            case Alert.PROTOCOL_VERSION -> "the TLS versions configured on the two sides do not overlap";
            case Alert.INSUFFICIENT_SECURITY -> "the other side offered only parameters this side considers too weak";
            case Alert.UNRECOGNIZED_NAME -> "the server does not serve the name the client asked for (SNI)";
            case Alert.CERTIFICATE_REQUIRED, Alert.NO_CERTIFICATE -> "the " + alert.from().label() + " required a certificate and the " + presenting.label() + " sent none";
            default -> NOT_ABOUT_A_CERTIFICATE;
        };
    }

    /**
     * EK1: on a traversal zone (TCP 7001 between Expressways; other products use 7001 too, hence the
     * profile) Expressway-C is the client. When it rejects Expressway-E's chain it aborts and never
     * sends its own certificate: the zone is down, and this handshake cannot show whether E would
     * accept C's certificate.
     */
    private static Optional<Verdict> traversal(Handshake handshake) {
        if (handshake.server().port() != CheckedChain.TRAVERSAL_PORT) return Optional.empty();
        List<CertificateEntry> server = handshake.chain(Role.SERVER);
        if (server.isEmpty() || !handshake.chain(Role.CLIENT).isEmpty()) return Optional.empty();
        long serverFrame = server.get(server.size() - 1).frame();
        boolean clientAborted = handshake.alerts().stream()
                .anyMatch(a -> a.from() == Role.CLIENT && a.level() == Alert.FATAL && a.frame() >= serverFrame);
        if (!clientAborted) return Optional.empty();
        return Optional.of(new Verdict(Rule.EK1, Severity.FAIL,
                Optional.of(CertificateDetails.decode(server.get(0).der()).sha256()),
                "Traversal zone (port 7001) down: the client, Expressway-C, rejected Expressway-E's certificate and aborted,"
                        + " so it never sent its own; whether Expressway-E accepts Expressway-C's certificate is not"
                        + " shown by this handshake.",
                "Fix what made Expressway-C reject Expressway-E's chain first (see the alert), then capture again."));
    }

    /** TV1 and why a handshake shows no certificate (or lost part of one). */
    private static List<Verdict> notes(Handshake handshake, Wording wording) {
        List<Verdict> out = new ArrayList<>();
        boolean none = handshake.certificates().isEmpty();
        boolean tls13 = handshake.version().filter(TlsVersion::isFinal13).isPresent();
        // Decrypted without a certificate (a resumption): nothing was hidden from the check.
        boolean decrypted = handshake.decryption().flatMap(d -> d.keySource()).isPresent();
        if (none && tls13 && !decrypted) {
            out.add(new Verdict(Rule.TV1, Severity.INFO, Optional.empty(),
                    "No certificate in clear text: " + handshake.version().get() + " encrypts the Certificate messages,"
                            + " so a capture without the session keys cannot show or check them.",
                    "Load the client's key log (SSLKEYLOGFILE) to decrypt them, check the certificate files "
                            + wording.howToGive(Wording.Input.CERTIFICATE_FILES)
                            + ", or capture a TLS 1.2 handshake (limit the client or server to TLS 1.2)."));
        }
        for (Note note : handshake.notes()) {
            if (none && tls13 && note instanceof Note.CertificatesEncrypted) continue;
            String lead = none ? "No certificate in clear text: "
                    : handshake.decryption().isPresent() ? "Not all of this handshake could be read: "
                    : "The capture lost part of this handshake: ";
            out.add(new Verdict(none ? Rule.TV1 : Rule.CH1, Severity.INFO, Optional.empty(), lead + wording.text(note) + ".",
                    ""));
        }
        return out;
    }
}
