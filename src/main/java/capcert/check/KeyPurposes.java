package capcert.check;

import capcert.x509.ExtendedKeyUsage;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Extended Key Usage and Key Usage of a certificate, named as engineers see them in certificate viewers. */
final class KeyPurposes {

    static final String SERVER_AUTH = ExtendedKeyUsage.SERVER_AUTH;
    static final String CLIENT_AUTH = ExtendedKeyUsage.CLIENT_AUTH;
    static final String ANY = ExtendedKeyUsage.ANY;

    /** RFC 5280 order of the KeyUsage bits, as {@link X509Certificate#getKeyUsage()} returns them. */
    static final List<String> KEY_USAGE_BITS = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");
    static final int DIGITAL_SIGNATURE = 0;
    static final int KEY_ENCIPHERMENT = 2;
    static final int KEY_CERT_SIGN = 5;
    static final int CRL_SIGN = 6;

    private KeyPurposes() {
    }

    /** The EKU OIDs, or empty when the certificate has no EKU extension (any use is then allowed). */
    static Optional<List<String>> extendedKeyUsage(Cert cert) {
        try {
            List<String> oids = cert.x509().getExtendedKeyUsage();
            return oids == null ? Optional.empty() : Optional.of(List.copyOf(oids));
        } catch (CertificateParsingException e) {
            // Unreadable EKU: the JDK's TLS stack refuses it the same way as a wrong one.
            return Optional.of(List.of());
        }
    }

    static String names(List<String> oids) {
        return oids.isEmpty() ? "no purpose at all" : Describe.and(oids.stream().map(ExtendedKeyUsage::name).toList());
    }

    /** Whether the Key Usage bit is set, or there is no Key Usage extension (any use allowed). */
    static boolean allows(Cert cert, int bit) {
        boolean[] usage = cert.x509().getKeyUsage();
        return usage == null || (usage.length > bit && usage[bit]);
    }

    static boolean hasKeyUsage(Cert cert) {
        return cert.x509().getKeyUsage() != null;
    }

    /** "digitalSignature, keyEncipherment". */
    static String keyUsage(Cert cert) {
        boolean[] usage = cert.x509().getKeyUsage();
        if (usage == null) return "no Key Usage extension";
        List<String> set = new java.util.ArrayList<>();
        for (int i = 0; i < usage.length && i < KEY_USAGE_BITS.size(); i++) if (usage[i]) set.add(KEY_USAGE_BITS.get(i));
        return set.isEmpty() ? "an empty Key Usage" : String.join(", ", set);
    }
}
