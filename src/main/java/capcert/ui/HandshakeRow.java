package capcert.ui;

import capcert.check.Severity;
import capcert.report.TunnelText;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of the handshake table: a handshake, the capture it came from, its verdicts, and the
 * text the filter searches (endpoints, SNI, version, alerts, and every subject, issuer and SAN).
 */
record HandshakeRow(CaptureResult capture, Handshake handshake, Assessment assessment, String searchText) {

    /** {@code details} caches decoded certificates by DER: busy servers send one chain thousands of times. */
    static HandshakeRow of(CaptureResult capture, Handshake handshake, Assessment assessment,
                           Map<Der, CertificateDetails> details) {
        StringBuilder text = new StringBuilder();
        text.append(capture.file().getFileName()).append(' ')
                .append(handshake.client()).append(' ').append(handshake.server()).append(' ')
                .append(handshake.transport().label()).append(' ')
                .append(version(handshake)).append(' ')
                .append(handshake.sni().orElse("")).append(' ')
                .append(TunnelText.eap(handshake).orElse("")).append(' ')
                .append(handshake.relay().map(Object::toString).orElse("")).append(' ')
                .append(handshake.cipherSuite().map(CipherSuite::name).orElse(""));
        for (Alert alert : handshake.alerts()) text.append(' ').append(alert.descriptionName());
        for (CertificateEntry entry : handshake.certificates()) {
            CertificateDetails d = details.computeIfAbsent(entry.derValue(), der -> CertificateDetails.decode(der.toByteArray()));
            text.append(' ').append(d.subject()).append(' ').append(d.issuer()).append(' ').append(d.sha256());
            d.subjectAltNames().forEach(name -> text.append(' ').append(name));
        }
        return new HandshakeRow(capture, handshake, assessment, text.toString().toLowerCase(Locale.ROOT));
    }

    HandshakeRow withAssessment(Assessment newAssessment) {
        return new HandshakeRow(capture, handshake, newAssessment, searchText);
    }

    /** Every blank-separated word of {@code filter} occurs somewhere in the row, ignoring case. */
    boolean matches(String filter) {
        return Arrays.stream(filter.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(word -> !word.isEmpty())
                .allMatch(searchText::contains);
    }

    Optional<Severity> worst() {
        return assessment.worst();
    }

    String endpoints() {
        return Labels.host(handshake.client()) + " → " + Labels.host(handshake.server());
    }

    /** The SNI; for a handshake inside EAP, which has none, its method and identity. */
    String serverName() {
        if (handshake.sni().isPresent() || handshake.eap().isEmpty()) return handshake.sni().orElse("");
        return handshake.eap().get().method().label() + handshake.eap().get().identity().map(i -> " " + i).orElse("");
    }

    /** The server's port; null for a handshake without ports (EAP over LAN), which leaves the cell empty. */
    Integer port() {
        OptionalInt port = handshake.serverPort();
        return port.isPresent() ? port.getAsInt() : null;
    }

    /** "TLS 1.2", "QUIC v1, TLS 1.3", and ", decrypted" when the certificates came out of decryption. */
    static String version(Handshake handshake) {
        String quic = handshake.decryption().flatMap(d -> d.quicVersion()).map(v -> v + ", ").orElse("");
        return quic + handshake.version().map(TlsVersion::toString).orElse("?") + (handshake.certificatesDecrypted() ? ", decrypted" : "");
    }
}
