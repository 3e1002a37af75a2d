package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

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
        CertificateContents contents = CertificateContents.decode(c.getEncoded());
        fields.add(new Field("Subject", name(c.getSubject())));
        fields.add(new Field("Issuer", name(c.getIssuer())));
        fields.add(new Field("Serial number", serial(c.getSerialNumber().getValue())));
        fields.add(new Field("Version", "v" + c.getVersionNumber()));
        fields.add(new Field("Valid from", TIME.format(c.getStartDate().getDate().toInstant())));
        fields.add(new Field("Valid until", TIME.format(c.getEndDate().getDate().toInstant())));
        fields.add(new Field("Subject alternative names", lines(details.subjectAltNames())));
        fields.add(new Field("Public key", publicKey(c.getSubjectPublicKeyInfo(), contents)));
        fields.add(new Field("Signature algorithm", algorithm(c.getSignatureAlgorithm())));
        fields.add(new Field("Key usage", contents.keyUsage()
                .map(usage -> String.join(", ", usage.stream().map(CertificateFields::keyUsageName).toList())
                        + critical(contents, Extension.keyUsage))
                .orElse(ABSENT)));
        fields.add(new Field("Extended key usage", contents.extendedKeyUsage()
                .map(oids -> lines(oids.stream().map(ExtendedKeyUsage::name).toList()) + critical(contents, Extension.extendedKeyUsage))
                .orElse(ABSENT)));
        fields.add(new Field("Basic constraints", contents.basicConstraints().map(bc -> "CA: " + (bc.ca() ? "yes" : "no")
                + (!bc.ca() ? "" : bc.pathLength().isEmpty() ? ", no path length limit" : ", path length " + bc.pathLength().getAsInt())
                + critical(contents, Extension.basicConstraints)).orElse(ABSENT)));
        fields.add(new Field("Subject key identifier", contents.subjectKeyIdentifier().map(CertificateFields::colons).orElse(ABSENT)));
        fields.add(new Field("Authority key identifier", authorityKeyIdentifier(c.getTBSCertificate().getExtensions())));
        fields.add(new Field("CRL distribution points", lines(contents.crlDistributionPoints())));
        fields.add(new Field("OCSP responders", lines(contents.ocspResponders())));
        fields.add(new Field("CA issuers", lines(contents.caIssuers())));
        fields.add(new Field("Other extensions", contents.otherExtensions().isEmpty() ? "none" : lines(contents.otherExtensions()
                .stream().map(oid -> oid + (contents.critical().contains(oid) ? " (critical)" : "")).toList())));
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

    private static String publicKey(SubjectPublicKeyInfo key, CertificateContents contents) {
        String algorithm = contents.keyAlgorithm().orElse("");
        if ((algorithm.equals("RSA") || algorithm.equals("DSA")) && contents.keySize().isPresent()) {
            return algorithm + " " + contents.keySize().getAsInt() + " bits";
        }
        if (algorithm.equals("EC") && key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
            return "EC " + contents.curve().filter(name -> !name.equals(curve.getId())).map(name -> name + " (" + curve.getId() + ")")
                    .orElse(curve.getId());
        }
        return algorithm(key.getAlgorithm());
    }

    private static String algorithm(AlgorithmIdentifier algorithm) {
        String name = CertificateContents.algorithmName(algorithm);
        String oid = algorithm.getAlgorithm().getId();
        return name.equals(oid) ? oid : name + " (" + oid + ")";
    }

    /** "Digital Signature" for RFC 5280's digitalSignature, as OpenSSL and Windows print key usage. */
    private static String keyUsageName(String bit) {
        return KEY_USAGES[CertificateContents.KEY_USAGE_NAMES.indexOf(bit)];
    }

    private static String authorityKeyIdentifier(Extensions extensions) throws IOException {
        AuthorityKeyIdentifier aki = extensions == null ? null : AuthorityKeyIdentifier.fromExtensions(extensions);
        if (aki == null) return ABSENT;
        List<String> parts = new ArrayList<>();
        if (aki.getKeyIdentifierObject() != null) parts.add(hex(aki.getKeyIdentifierObject().getOctets()));
        if (aki.getAuthorityCertIssuer() != null) {
            for (GeneralName name : aki.getAuthorityCertIssuer().getNames()) parts.add("issuer " + CertificateContents.generalName(name));
        }
        if (aki.getAuthorityCertSerialNumber() != null) parts.add("serial " + serial(aki.getAuthorityCertSerialNumber()));
        return parts.isEmpty() ? "empty" : lines(parts);
    }

    private static String critical(CertificateContents contents, ASN1ObjectIdentifier oid) {
        return contents.isCritical(oid) ? " (critical)" : "";
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
