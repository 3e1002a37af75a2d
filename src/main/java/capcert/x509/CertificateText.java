package capcert.x509;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate as lines of text for {@link UsernamePattern} to match, in the spirit of
 * {@code openssl x509 -text} and Expressway's client certificate testing:
 *
 * <pre>
 * Subject: CN=alice,OU=Staff,O=Example
 * Issuer: CN=Example CA,O=Example
 * Serial Number: 1234abcd
 * Not Before: 2024-01-01T00:00:00Z
 * Not After: 2026-01-01T00:00:00Z
 * Subject Alternative Name: DNS:alice.example.com, email:alice@example.com
 * SHA-256 Fingerprint: 3f2a...
 * </pre>
 *
 * Names are RFC 2253 (most specific first); SAN entries are as {@link CertificateDetails} names
 * them ({@code DNS:}, {@code IP:}, {@code email:}, {@code URI:}, {@code DirName:}, ...), joined by
 * {@code ", "}; the SAN line is left out when the certificate has none.
 */
public final class CertificateText {

    private CertificateText() {
    }

    public static List<String> lines(CertificateDetails details) {
        List<String> lines = new ArrayList<>();
        lines.add("Subject: " + details.subject());
        lines.add("Issuer: " + details.issuer());
        lines.add("Serial Number: " + details.serial());
        lines.add("Not Before: " + details.notBefore().map(Instant::toString).orElse(""));
        lines.add("Not After: " + details.notAfter().map(Instant::toString).orElse(""));
        if (!details.subjectAltNames().isEmpty()) {
            lines.add("Subject Alternative Name: " + String.join(", ", details.subjectAltNames()));
        }
        lines.add("SHA-256 Fingerprint: " + details.sha256());
        return lines;
    }
}
