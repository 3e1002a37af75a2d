package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every field of a certificate an engineer compares against a vendor's requirements, extensions
 * decoded, as name/value pairs in a fixed order (the viewer's "Decoded" tab). Extensions that are
 * absent say so rather than vanish, so "no EKU at all" is visible. Bytes that do not decode still
 * give their fingerprints and why.
 */
public final class CertificateFields {

    /** One field; {@code value} may span lines (one SAN, one EKU per line). */
    public record Field(String name, String value) {
    }

    public static final String ABSENT = "not present";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final String[] KEY_USAGES = {
            "Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment", "Key Agreement",
            "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"};
    private static final int[] KEY_USAGE_BITS = {
            KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment, KeyUsage.dataEncipherment,
            KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly};

    /** Extensions shown in their own field; any other is listed under "Other extensions". */
    private static final Set<ASN1ObjectIdentifier> SHOWN = Set.of(Extension.subjectAlternativeName, Extension.keyUsage,
            Extension.extendedKeyUsage, Extension.basicConstraints, Extension.subjectKeyIdentifier,
            Extension.authorityKeyIdentifier, Extension.cRLDistributionPoints, Extension.authorityInfoAccess);

    private CertificateFields() {
    }

    /** The fields of {@code der}, whatever it holds. */
    public static List<Field> of(byte[] der) {
        CertificateDetails details = CertificateDetails.decode(der);
        List<Field> fields = new ArrayList<>();
        Certificate certificate = parse(der);
        if (certificate == null) {
            fields.add(new Field("Error", details.parseError().orElse("not a certificate")));
            fields.add(new Field("Length", der.length + " bytes"));
        } else {
            try {
                describe(certificate, details, fields);
            } catch (IOException | RuntimeException e) {
                // A malformed extension must not hide the fields already read nor the fingerprints.
                fields.add(new Field("Error", "cannot decode the rest: " + e.getMessage()));
            }
            details.parseError().ifPresent(error -> fields.add(new Field("Refused by the JDK", error)));
        }
        fields.add(new Field("SHA-1 fingerprint", colons(details.sha1())));
        fields.add(new Field("SHA-256 fingerprint", colons(details.sha256())));
        return List.copyOf(fields);
    }

    /** Whether the certificate says it is a CA (basic constraints), as a trusted-CA list wants. */
    public static boolean isCertificateAuthority(byte[] der) {
        Certificate certificate = parse(der);
        Extensions extensions = certificate == null ? null : certificate.getTBSCertificate().getExtensions();
        if (extensions == null) return false;
        try {
            BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
            return constraints != null && constraints.isCA();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Certificate parse(byte[] der) {
        if (BerBounds.exceeded(der).isPresent()) return null;
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            return null;
        } catch (Error e) {
            DecoderFailure.describe(e);
            return null;
        }
    }

    private static void describe(Certificate c, CertificateDetails details, List<Field> fields) throws IOException {
        Extensions extensions = c.getTBSCertificate().getExtensions();
        fields.add(new Field("Subject", name(c.getSubject())));
        fields.add(new Field("Issuer", name(c.getIssuer())));
        fields.add(new Field("Serial number", serial(c.getSerialNumber().getValue())));
        fields.add(new Field("Version", "v" + c.getVersionNumber()));
        fields.add(new Field("Valid from", TIME.format(c.getStartDate().getDate().toInstant())));
        fields.add(new Field("Valid until", TIME.format(c.getEndDate().getDate().toInstant())));
        fields.add(new Field("Subject alternative names", lines(details.subjectAltNames())));
        fields.add(new Field("Public key", publicKey(c.getSubjectPublicKeyInfo())));
        fields.add(new Field("Signature algorithm", algorithm(c.getSignatureAlgorithm())));
        fields.add(new Field("Key usage", keyUsage(extensions)));
        fields.add(new Field("Extended key usage", extendedKeyUsage(extensions)));
        fields.add(new Field("Basic constraints", basicConstraints(extensions)));
        fields.add(new Field("Subject key identifier", subjectKeyIdentifier(extensions)));
        fields.add(new Field("Authority key identifier", authorityKeyIdentifier(extensions)));
        fields.add(new Field("CRL distribution points", crlDistributionPoints(extensions)));
        fields.add(new Field("OCSP responders", access(extensions, AccessDescription.id_ad_ocsp)));
        fields.add(new Field("CA issuers", access(extensions, AccessDescription.id_ad_caIssuers)));
        fields.add(new Field("Other extensions", otherExtensions(extensions)));
    }

    private static String name(X500Name name) throws IOException {
        return new X500Principal(name.getEncoded()).getName();
    }

    /** Hex byte pairs as Windows and OpenSSL print serials, and decimal as some CAs' portals do. */
    private static String serial(BigInteger serial) {
        if (serial.signum() < 0) return "-" + serial.negate().toString(16) + " (negative: " + serial + ")";
        String hex = serial.toString(16);
        if (hex.length() % 2 == 1) hex = "0" + hex;
        return colons(hex) + " (" + serial + ")";
    }

    private static String publicKey(SubjectPublicKeyInfo key) {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        try {
            if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA " + RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength() + " bits";
            }
            if (algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                    && algorithm.getParameters() instanceof ASN1ObjectIdentifier curve) {
                // NIST names first: "P-256" is what CA portals and vendor guides say.
                String curveName = NISTNamedCurves.getName(curve) != null ? NISTNamedCurves.getName(curve) : ECNamedCurveTable.getName(curve);
                return "EC " + (curveName == null ? curve.getId() : curveName + " (" + curve.getId() + ")");
            }
        } catch (IOException | RuntimeException e) {
            return algorithm(algorithm) + " (key does not decode: " + e.getMessage() + ")";
        }
        return algorithm(algorithm);
    }

    private static String algorithm(AlgorithmIdentifier algorithm) {
        String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
        String oid = algorithm.getAlgorithm().getId();
        return name.equals(oid) ? oid : name + " (" + oid + ")";
    }

    private static String keyUsage(Extensions extensions) {
        KeyUsage usage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
        if (usage == null) return ABSENT;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < KEY_USAGES.length; i++) {
            if (usage.hasUsages(KEY_USAGE_BITS[i])) names.add(KEY_USAGES[i]);
        }
        return String.join(", ", names) + critical(extensions, Extension.keyUsage);
    }

    private static String extendedKeyUsage(Extensions extensions) {
        org.bouncycastle.asn1.x509.ExtendedKeyUsage usage = extensions == null ? null
                : org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(extensions);
        if (usage == null) return ABSENT;
        List<String> lines = new ArrayList<>();
        for (KeyPurposeId purpose : usage.getUsages()) lines.add(ExtendedKeyUsage.name(purpose.toOID().getId()));
        return lines(lines) + critical(extensions, Extension.extendedKeyUsage);
    }

    private static String basicConstraints(Extensions extensions) {
        BasicConstraints constraints = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
        if (constraints == null) return ABSENT;
        String text = "CA: " + (constraints.isCA() ? "yes" : "no");
        BigInteger pathLength = constraints.getPathLenConstraint();
        if (constraints.isCA()) text += pathLength == null ? ", no path length limit" : ", path length " + pathLength;
        return text + critical(extensions, Extension.basicConstraints);
    }

    private static String subjectKeyIdentifier(Extensions extensions) {
        SubjectKeyIdentifier ski = extensions == null ? null : SubjectKeyIdentifier.fromExtensions(extensions);
        return ski == null ? ABSENT : hex(ski.getKeyIdentifier());
    }

    private static String authorityKeyIdentifier(Extensions extensions) throws IOException {
        AuthorityKeyIdentifier aki = extensions == null ? null : AuthorityKeyIdentifier.fromExtensions(extensions);
        if (aki == null) return ABSENT;
        List<String> parts = new ArrayList<>();
        if (aki.getKeyIdentifierObject() != null) parts.add(hex(aki.getKeyIdentifierObject().getOctets()));
        if (aki.getAuthorityCertIssuer() != null) {
            for (GeneralName name : aki.getAuthorityCertIssuer().getNames()) parts.add("issuer " + generalName(name));
        }
        if (aki.getAuthorityCertSerialNumber() != null) parts.add("serial " + serial(aki.getAuthorityCertSerialNumber()));
        return parts.isEmpty() ? "empty" : lines(parts);
    }

    private static String crlDistributionPoints(Extensions extensions) throws IOException {
        CRLDistPoint points = extensions == null ? null
                : CRLDistPoint.fromExtensions(extensions);
        if (points == null) return ABSENT;
        List<String> lines = new ArrayList<>();
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null) {
                lines.add("(issuer only)");
            } else if (name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) lines.add(generalName(g));
            } else {
                lines.add("relative name " + name.getName());
            }
        }
        return lines(lines);
    }

    private static String access(Extensions extensions, ASN1ObjectIdentifier method) throws IOException {
        AuthorityInformationAccess aia = extensions == null ? null : AuthorityInformationAccess.fromExtensions(extensions);
        if (aia == null) return ABSENT;
        List<String> lines = new ArrayList<>();
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(method)) lines.add(generalName(description.getAccessLocation()));
        }
        return lines.isEmpty() ? ABSENT : lines(lines);
    }

    private static String otherExtensions(Extensions extensions) {
        if (extensions == null) return "none";
        List<String> lines = new ArrayList<>();
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (!SHOWN.contains(oid)) lines.add(oid.getId() + critical(extensions, oid));
        }
        return lines.isEmpty() ? "none" : lines(lines);
    }

    private static String generalName(GeneralName name) throws IOException {
        ASN1Encodable value = name.getName();
        return switch (name.getTagNo()) {
            case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) value).getString();
            case GeneralName.dNSName -> "DNS:" + ((ASN1String) value).getString();
            case GeneralName.rfc822Name -> "email:" + ((ASN1String) value).getString();
            case GeneralName.directoryName -> "DirName:" + name(X500Name.getInstance(value));
            default -> value.toString();
        };
    }

    private static String critical(Extensions extensions, ASN1ObjectIdentifier oid) {
        Extension extension = extensions.getExtension(oid);
        return extension != null && extension.isCritical() ? " (critical)" : "";
    }

    private static String lines(List<String> values) {
        return values.isEmpty() ? ABSENT : String.join("\n", values);
    }

    private static String hex(byte[] bytes) {
        return colons(HexFormat.of().formatHex(bytes));
    }

    /** {@code 02:64:46:…} in capitals, as OpenSSL's fingerprints and Windows' key identifiers read. */
    public static String colons(String hex) {
        StringBuilder out = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) out.append(':');
            out.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** The UTC time as the decoded tab prints it, for other panes to match. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
