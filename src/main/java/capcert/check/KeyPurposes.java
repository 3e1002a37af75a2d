package capcert.check;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Extended Key Usage and Key Usage of a certificate, named as engineers see them in certificate viewers. */
final class KeyPurposes {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String ANY = "2.5.29.37.0";

    private static final Map<String, String> EKU_NAMES = Map.ofEntries(
            Map.entry(SERVER_AUTH, "TLS Web Server Authentication"),
            Map.entry(CLIENT_AUTH, "TLS Web Client Authentication"),
            Map.entry("1.3.6.1.5.5.7.3.3", "Code Signing"),
            Map.entry("1.3.6.1.5.5.7.3.4", "E-mail Protection"),
            Map.entry("1.3.6.1.5.5.7.3.5", "IPSec End System"),
            Map.entry("1.3.6.1.5.5.7.3.6", "IPSec Tunnel"),
            Map.entry("1.3.6.1.5.5.7.3.7", "IPSec User"),
            Map.entry("1.3.6.1.5.5.7.3.8", "Time Stamping"),
            Map.entry("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
            Map.entry("1.3.6.1.5.5.8.2.2", "IPSec IKE Intermediate"),
            Map.entry("1.3.6.1.4.1.311.20.2.2", "Microsoft Smartcard Logon"),
            Map.entry(ANY, "Any Extended Key Usage"));

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

    /** "TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)". */
    static String name(String oid) {
        String name = EKU_NAMES.get(oid);
        return name == null ? oid : name + " (" + oid + ")";
    }

    static String names(List<String> oids) {
        return oids.isEmpty() ? "no purpose at all" : Describe.and(oids.stream().map(KeyPurposes::name).toList());
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
