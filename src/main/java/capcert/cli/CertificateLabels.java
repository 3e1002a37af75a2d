package capcert.cli;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Short names for the certificates verdicts are about: the common name and the first 16 hex digits
 * of the SHA-256 (as {@code list} shows them), for every certificate seen so far.
 */
final class CertificateLabels {

    private static final int SHORT_HASH = 16;
    private static final int MAX_NAME = 48;

    private final Map<String, String> names = new HashMap<>();
    /** Captures repeat their chains in every handshake; decode each distinct DER once. */
    private final Set<ByteBuffer> seen = new HashSet<>();

    void add(byte[] der) {
        if (!seen.add(ByteBuffer.wrap(der))) return;
        CertificateDetails details = CertificateDetails.decode(der);
        String name = details.commonName().isEmpty() ? details.subject() : details.commonName();
        names.putIfAbsent(details.sha256(), Text.safe(name));
    }

    /** Trust anchors are named too: CH3 and CH2 verdicts are often about them. */
    void add(TrustList list) {
        for (TrustedCertificate trusted : list.certificates()) add(trusted.der());
    }

    /** {@code "leaf.example [3f2a9c1d5e6f7a8b]"}, or the bracketed hash alone for a certificate not seen. */
    String label(String sha256) {
        String hash = "[" + sha256.substring(0, Math.min(SHORT_HASH, sha256.length())) + "]";
        String name = names.getOrDefault(sha256, "");
        return name.isEmpty() ? hash : Text.fit(name, MAX_NAME) + " " + hash;
    }

    Optional<String> label(Optional<String> sha256) {
        return sha256.map(this::label);
    }
}
