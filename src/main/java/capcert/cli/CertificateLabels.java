package capcert.cli;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
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
    /** Certificates not named yet, by SHA-256: named when a verdict is about one (a trust list has hundreds). */
    private final Map<String, byte[]> unnamed = new HashMap<>();
    /** Certificates added whose SHA-256 is not computed yet. */
    private final List<byte[]> unhashed = new ArrayList<>();
    /** Captures repeat their chains in every handshake; take each distinct DER once. */
    private final Set<ByteBuffer> seen = new HashSet<>();

    void add(byte[] der) {
        if (seen.add(ByteBuffer.wrap(der))) unhashed.add(der);
    }

    /** Trust anchors are named too: CH3 and CH2 verdicts are often about them. */
    void add(TrustList list) {
        for (TrustedCertificate trusted : list.certificates()) {
            if (seen.add(ByteBuffer.wrap(trusted.der()))) unnamed.putIfAbsent(trusted.parsed().sha256(), trusted.der());
        }
    }

    private String name(String sha256) {
        String name = names.get(sha256);
        if (name != null) return name;
        if (!unnamed.containsKey(sha256) && !unhashed.isEmpty()) {
            for (byte[] der : unhashed) unnamed.putIfAbsent(sha256(der), der);
            unhashed.clear();
        }
        byte[] der = unnamed.remove(sha256);
        if (der == null) return "";
        CertificateDetails details = CertificateDetails.decode(der);
        name = Text.safe(details.commonName().isEmpty() ? details.subject() : details.commonName());
        names.put(sha256, name);
        return name;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** {@code "leaf.example [3f2a9c1d5e6f7a8b]"}, or the bracketed hash alone for a certificate not seen. */
    String label(String sha256) {
        String hash = "[" + sha256.substring(0, Math.min(SHORT_HASH, sha256.length())) + "]";
        String name = name(sha256);
        return name.isEmpty() ? hash : Text.fit(name, MAX_NAME) + " " + hash;
    }

    Optional<String> label(Optional<String> sha256) {
        return sha256.map(this::label);
    }
}
