package capcert.check;

import capcert.x509.ParsedCertificate;

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
            Map.entry("1.3.6.1.4.1.11129.2.4.4", "Certificate Transparency Precertificate Signing"),
            Map.entry(ANY, "Any Extended Key Usage"));

    /** The purposes by the names RFC 5280 gives them, for requirements given as words ("serverAuth"). */
    static final Map<String, String> RFC_NAMES = Map.of(
            "serverauth", SERVER_AUTH, "clientauth", CLIENT_AUTH, "codesigning", "1.3.6.1.5.5.7.3.3",
            "emailprotection", "1.3.6.1.5.5.7.3.4", "timestamping", "1.3.6.1.5.5.7.3.8", "ocspsigning", "1.3.6.1.5.5.7.3.9",
            "anyextendedkeyusage", ANY);

    /** The KeyUsage bits in RFC 5280's order, with their names. */
    private static final List<Map.Entry<Integer, String>> KEY_USAGE_BITS = List.of(
            Map.entry(ParsedCertificate.DIGITAL_SIGNATURE, "digitalSignature"),
            Map.entry(ParsedCertificate.NON_REPUDIATION, "nonRepudiation"),
            Map.entry(ParsedCertificate.KEY_ENCIPHERMENT, "keyEncipherment"),
            Map.entry(ParsedCertificate.DATA_ENCIPHERMENT, "dataEncipherment"),
            Map.entry(ParsedCertificate.KEY_AGREEMENT, "keyAgreement"),
            Map.entry(ParsedCertificate.KEY_CERT_SIGN, "keyCertSign"),
            Map.entry(ParsedCertificate.CRL_SIGN, "cRLSign"),
            Map.entry(ParsedCertificate.ENCIPHER_ONLY, "encipherOnly"),
            Map.entry(ParsedCertificate.DECIPHER_ONLY, "decipherOnly"));
    static final int DIGITAL_SIGNATURE = ParsedCertificate.DIGITAL_SIGNATURE;
    static final int KEY_ENCIPHERMENT = ParsedCertificate.KEY_ENCIPHERMENT;
    static final int KEY_CERT_SIGN = ParsedCertificate.KEY_CERT_SIGN;
    static final int CRL_SIGN = ParsedCertificate.CRL_SIGN;

    private KeyPurposes() {
    }

    /**
     * The EKU OIDs, or empty when the certificate has no EKU extension (any use is then allowed).
     * An EKU extension that does not decode allows nothing: TLS stacks refuse it like a wrong one.
     */
    static Optional<List<String>> extendedKeyUsage(Cert cert) {
        if (cert.parsed().extendedKeyUsage().isPresent()) return cert.parsed().extendedKeyUsage();
        return cert.parsed().extension(org.bouncycastle.asn1.x509.Extension.extendedKeyUsage.getId()).map(e -> List.of());
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
        return cert.parsed().keyUsageAllows(bit);
    }

    static boolean hasKeyUsage(Cert cert) {
        return cert.parsed().keyUsage().isPresent();
    }

    /** "digitalSignature, keyEncipherment". */
    static String keyUsage(Cert cert) {
        Optional<Integer> usage = cert.parsed().keyUsage();
        if (usage.isEmpty()) return "no Key Usage extension";
        List<String> set = new java.util.ArrayList<>();
        for (Map.Entry<Integer, String> bit : KEY_USAGE_BITS) if ((usage.get() & bit.getKey()) != 0) set.add(bit.getValue());
        return set.isEmpty() ? "an empty Key Usage" : String.join(", ", set);
    }
}
