package capcert.x509;

import org.bouncycastle.asn1.x509.Extension;

import java.util.Map;
import java.util.Set;

/** The certificate extensions capcert knows by name, and those path validation processes. */
public final class ExtensionNames {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(Extension.basicConstraints.getId(), "basicConstraints"),
            Map.entry(Extension.keyUsage.getId(), "keyUsage"),
            Map.entry(Extension.extendedKeyUsage.getId(), "extKeyUsage"),
            Map.entry(Extension.subjectAlternativeName.getId(), "subjectAltName"),
            Map.entry(Extension.issuerAlternativeName.getId(), "issuerAltName"),
            Map.entry(Extension.nameConstraints.getId(), "nameConstraints"),
            Map.entry(Extension.certificatePolicies.getId(), "certificatePolicies"),
            Map.entry(Extension.policyMappings.getId(), "policyMappings"),
            Map.entry(Extension.policyConstraints.getId(), "policyConstraints"),
            Map.entry(Extension.inhibitAnyPolicy.getId(), "inhibitAnyPolicy"),
            Map.entry(Extension.authorityKeyIdentifier.getId(), "authorityKeyIdentifier"),
            Map.entry(Extension.subjectKeyIdentifier.getId(), "subjectKeyIdentifier"),
            Map.entry(Extension.cRLDistributionPoints.getId(), "cRLDistributionPoints"),
            Map.entry(Extension.freshestCRL.getId(), "freshestCRL"),
            Map.entry(Extension.authorityInfoAccess.getId(), "authorityInfoAccess"),
            Map.entry(Extension.subjectInfoAccess.getId(), "subjectInfoAccess"),
            Map.entry(Extension.subjectDirectoryAttributes.getId(), "subjectDirectoryAttributes"),
            Map.entry("1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList"),
            Map.entry("1.3.6.1.4.1.11129.2.4.3", "CT precertificate poison"),
            Map.entry("1.3.6.1.5.5.7.48.1.5", "ocspNoCheck"));

    /** Decoded when a certificate is read, so that a malformed value is found there. */
    private static final Set<String> DECODED = Set.of(
            Extension.basicConstraints.getId(), Extension.keyUsage.getId(), Extension.extendedKeyUsage.getId(),
            Extension.subjectAlternativeName.getId(), Extension.issuerAlternativeName.getId(),
            Extension.nameConstraints.getId(), Extension.certificatePolicies.getId(), Extension.policyMappings.getId(),
            Extension.policyConstraints.getId(), Extension.inhibitAnyPolicy.getId(),
            Extension.authorityKeyIdentifier.getId(), Extension.subjectKeyIdentifier.getId(),
            Extension.cRLDistributionPoints.getId(), Extension.freshestCRL.getId(),
            Extension.authorityInfoAccess.getId(), Extension.subjectInfoAccess.getId());

    /**
     * The extensions path validation recognises and acts on (RFC 5280 §6.1.4 (o)): a critical
     * extension outside this set makes a certificate unusable. The same as those decoded on reading.
     */
    private static final Set<String> PROCESSED = DECODED;

    private ExtensionNames() {
    }

    /** "subjectAltName (2.5.29.17)", or the OID alone for one capcert does not know. */
    public static String name(String oid) {
        String name = NAMES.get(oid);
        return name == null ? oid : name + " (" + oid + ")";
    }

    static boolean decoded(String oid) {
        return DECODED.contains(oid);
    }

    public static boolean processed(String oid) {
        return PROCESSED.contains(oid);
    }
}
