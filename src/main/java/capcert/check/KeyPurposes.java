package capcert.check;

import capcert.x509.ExtendedKeyUsage;
import capcert.x509.ParsedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Extended Key Usage and Key Usage of a certificate, named as engineers see them in certificate viewers. */
final class KeyPurposes {

    static final String SERVER_AUTH = ExtendedKeyUsage.SERVER_AUTH;
    static final String CLIENT_AUTH = ExtendedKeyUsage.CLIENT_AUTH;
    static final String ANY = ExtendedKeyUsage.ANY;

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

    static String names(List<String> oids) {
        return oids.isEmpty() ? "no purpose at all" : Describe.and(oids.stream().map(ExtendedKeyUsage::name).toList());
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
        List<String> set = new ArrayList<>();
        for (Map.Entry<Integer, String> bit : KEY_USAGE_BITS) if ((usage.get() & bit.getKey()) != 0) set.add(bit.getValue());
        return set.isEmpty() ? "an empty Key Usage" : String.join(", ", set);
    }
}
