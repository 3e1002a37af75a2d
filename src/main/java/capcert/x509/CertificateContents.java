package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a certificate holds beyond who it is: its key, how it is signed, and the extensions that say
 * what it may be used for and where its issuer and its revocation status are found. Typed, for every
 * face to word: the JSON certificate schema, the TSV rows, the report's certificate blocks, the
 * viewer's decoded fields.
 *
 * <p>An absent extension is an empty {@code Optional} (no key usage extension at all is not the same
 * as an empty one); lists are empty when the extension is absent. Bytes that do not decode give
 * empty fields and {@code error}; an extension that does not decode leaves the ones before it.
 *
 * @param keyAlgorithm          "RSA", "EC", "DSA", "Ed25519", "Ed448", or the key's OID
 * @param keySize               RSA and DSA modulus bits, the EC curve's field size, EdDSA's key size
 * @param curve                 the named curve of an EC key, NIST names first ("P-256")
 * @param signatureAlgorithm    as Bouncy Castle names it ("SHA256WITHRSA"), or the OID
 * @param keyUsage              the key usage bits set, as RFC 5280 names them ("digitalSignature", "keyCertSign")
 * @param extendedKeyUsage      the EKU purposes' OIDs in order ({@link ExtendedKeyUsage#label} names them)
 * @param subjectKeyIdentifier  lowercase hex
 * @param authorityKeyIdentifier lowercase hex of the key identifier
 * @param critical              OIDs of the extensions marked critical
 * @param otherExtensions       OIDs of the extensions not given a field here
 */
public record CertificateContents(
        Optional<String> keyAlgorithm,
        OptionalInt keySize,
        Optional<String> curve,
        Optional<String> signatureAlgorithm,
        Optional<List<String>> keyUsage,
        Optional<List<String>> extendedKeyUsage,
        Optional<Constraints> basicConstraints,
        List<String> ocspResponders,
        List<String> caIssuers,
        List<String> crlDistributionPoints,
        Optional<String> subjectKeyIdentifier,
        Optional<String> authorityKeyIdentifier,
        List<String> critical,
        List<String> otherExtensions,
        Optional<String> error) {

    /** Basic constraints: whether it is a CA, and the path length it allows below it. */
    public record Constraints(boolean ca, OptionalInt pathLength) {
    }

    /** Key usage bits in the order of RFC 5280 4.2.1.3, with its names. */
    static final List<String> KEY_USAGE_NAMES = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");
    private static final int[] KEY_USAGE_BITS = {
            KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment, KeyUsage.dataEncipherment,
            KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly};

    /** Extensions with a field of their own here, or in {@link CertificateDetails} (SANs). */
    private static final Set<ASN1ObjectIdentifier> FIELDS = Set.of(Extension.subjectAlternativeName, Extension.keyUsage,
            Extension.extendedKeyUsage, Extension.basicConstraints, Extension.subjectKeyIdentifier,
            Extension.authorityKeyIdentifier, Extension.cRLDistributionPoints, Extension.authorityInfoAccess);

    public CertificateContents {
        keyUsage = keyUsage.map(List::copyOf);
        extendedKeyUsage = extendedKeyUsage.map(List::copyOf);
        ocspResponders = List.copyOf(ocspResponders);
        caIssuers = List.copyOf(caIssuers);
        crlDistributionPoints = List.copyOf(crlDistributionPoints);
        critical = List.copyOf(critical);
        otherExtensions = List.copyOf(otherExtensions);
    }

    /** The contents of {@code der}, whatever it holds. */
    public static CertificateContents decode(byte[] der) {
        Builder b = new Builder();
        Optional<String> outOfBounds = BerBounds.exceeded(der);
        if (outOfBounds.isPresent()) {
            b.error = Optional.of("not decoded: " + outOfBounds.get());
            return b.build();
        }
        try {
            Certificate certificate = Certificate.getInstance(der);
            if (certificate == null) throw new IllegalArgumentException("no data");
            b.read(certificate);
        } catch (IOException | RuntimeException e) {
            b.error = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replaceAll("[\\s\\p{Cntrl}]+", " ").strip());
        } catch (Error e) {
            b.error = Optional.of(DecoderFailure.describe(e));
        }
        return b.build();
    }

    /** Whether the extension with this OID is marked critical. */
    public boolean isCritical(ASN1ObjectIdentifier oid) {
        return critical.contains(oid.getId());
    }

    private static final class Builder {
        Optional<String> keyAlgorithm = Optional.empty();
        OptionalInt keySize = OptionalInt.empty();
        Optional<String> curve = Optional.empty();
        Optional<String> signatureAlgorithm = Optional.empty();
        Optional<List<String>> keyUsage = Optional.empty();
        Optional<List<String>> extendedKeyUsage = Optional.empty();
        Optional<Constraints> basicConstraints = Optional.empty();
        final List<String> ocsp = new ArrayList<>();
        final List<String> caIssuers = new ArrayList<>();
        final List<String> crlDistributionPoints = new ArrayList<>();
        Optional<String> subjectKeyIdentifier = Optional.empty();
        Optional<String> authorityKeyIdentifier = Optional.empty();
        final List<String> critical = new ArrayList<>();
        final List<String> other = new ArrayList<>();
        Optional<String> error = Optional.empty();

        void read(Certificate c) throws IOException {
            signatureAlgorithm = Optional.of(algorithmName(c.getSignatureAlgorithm()));
            readKey(c.getSubjectPublicKeyInfo());
            Extensions extensions = c.getTBSCertificate().getExtensions();
            if (extensions == null) return;
            // An extension past the caps is not decoded at all: its entries would cost what its SANs would.
            Optional<EntriesCut> cut = EntriesCut.find(extensions, 0);
            if (cut.isPresent()) {
                error = Optional.of(cut.get().describe());
                return;
            }
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                if (extensions.getExtension(oid).isCritical()) critical.add(oid.getId());
                if (!FIELDS.contains(oid)) other.add(oid.getId());
            }
            KeyUsage usage = KeyUsage.fromExtensions(extensions);
            if (usage != null) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < KEY_USAGE_BITS.length; i++) {
                    if (usage.hasUsages(KEY_USAGE_BITS[i])) names.add(KEY_USAGE_NAMES.get(i));
                }
                keyUsage = Optional.of(names);
            }
            org.bouncycastle.asn1.x509.ExtendedKeyUsage eku = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(extensions);
            if (eku != null) {
                List<String> oids = new ArrayList<>();
                for (KeyPurposeId purpose : eku.getUsages()) oids.add(purpose.toOID().getId());
                extendedKeyUsage = Optional.of(oids);
            }
            BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
            if (constraints != null) {
                basicConstraints = Optional.of(new Constraints(constraints.isCA(),
                        constraints.isCA() && constraints.getPathLenConstraint() != null
                                ? OptionalInt.of(constraints.getPathLenConstraint().intValueExact()) : OptionalInt.empty()));
            }
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(extensions);
            if (ski != null) subjectKeyIdentifier = Optional.of(HexFormat.of().formatHex(ski.getKeyIdentifier()));
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
            if (aki != null && aki.getKeyIdentifierObject() != null) {
                authorityKeyIdentifier = Optional.of(HexFormat.of().formatHex(aki.getKeyIdentifierObject().getOctets()));
            }
            CRLDistPoint points = CRLDistPoint.fromExtensions(extensions);
            if (points != null) {
                for (DistributionPoint point : points.getDistributionPoints()) {
                    DistributionPointName name = point.getDistributionPoint();
                    if (name == null) {
                        crlDistributionPoints.add("(issuer only)");
                    } else if (name.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                            crlDistributionPoints.add(generalName(g));
                        }
                    } else {
                        crlDistributionPoints.add("relative name " + name.getName());
                    }
                }
            }
            AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(extensions);
            if (aia != null) {
                for (AccessDescription d : aia.getAccessDescriptions()) {
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) ocsp.add(generalName(d.getAccessLocation()));
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) caIssuers.add(generalName(d.getAccessLocation()));
                }
            }
        }

        private void readKey(SubjectPublicKeyInfo key) {
            ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
            ASN1Encodable parameters = key.getAlgorithm().getParameters();
            try {
                if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) || algorithm.equals(X509ObjectIdentifiers.id_ea_rsa)) {
                    keyAlgorithm = Optional.of("RSA");
                    keySize = OptionalInt.of(RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength());
                } else if (algorithm.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                    keyAlgorithm = Optional.of("RSASSA-PSS");
                    keySize = OptionalInt.of(RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength());
                } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                    keyAlgorithm = Optional.of("EC");
                    if (parameters instanceof ASN1ObjectIdentifier named) {
                        String nist = NISTNamedCurves.getName(named);
                        String name = nist != null ? nist : ECNamedCurveTable.getName(named);
                        curve = Optional.of(name == null ? named.getId() : name);
                        X9ECParameters curveParameters = ECNamedCurveTable.getByOID(named);
                        if (curveParameters != null) keySize = OptionalInt.of(curveParameters.getCurve().getFieldSize());
                    }
                } else if (algorithm.equals(X9ObjectIdentifiers.id_dsa)) {
                    keyAlgorithm = Optional.of("DSA");
                    if (parameters != null) keySize = OptionalInt.of(DSAParameter.getInstance(parameters).getP().bitLength());
                } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
                    keyAlgorithm = Optional.of("Ed25519");
                    keySize = OptionalInt.of(256);
                } else if (algorithm.equals(EdECObjectIdentifiers.id_Ed448)) {
                    keyAlgorithm = Optional.of("Ed448");
                    keySize = OptionalInt.of(456);
                } else {
                    keyAlgorithm = Optional.of(algorithmName(key.getAlgorithm()));
                }
            } catch (IOException | RuntimeException e) {
                // The algorithm is known; a key that does not decode has no size to tell.
                if (keyAlgorithm.isEmpty()) keyAlgorithm = Optional.of(algorithm.getId());
            }
        }

        CertificateContents build() {
            return new CertificateContents(keyAlgorithm, keySize, curve, signatureAlgorithm, keyUsage, extendedKeyUsage,
                    basicConstraints, ocsp, caIssuers, crlDistributionPoints, subjectKeyIdentifier, authorityKeyIdentifier,
                    critical, other, error);
        }
    }

    static String algorithmName(AlgorithmIdentifier algorithm) {
        return new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
    }

    /** A general name as {@link CertificateDetails} writes SANs: {@code URI:}, {@code DNS:}, {@code email:}, {@code DirName:}. */
    static String generalName(GeneralName name) throws IOException {
        ASN1Encodable value = name.getName();
        return switch (name.getTagNo()) {
            case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) value).getString();
            case GeneralName.dNSName -> "DNS:" + ((ASN1String) value).getString();
            case GeneralName.rfc822Name -> "email:" + ((ASN1String) value).getString();
            case GeneralName.directoryName -> "DirName:" + new X500Principal(X500Name.getInstance(value).getEncoded()).getName();
            default -> value.toString();
        };
    }
}
