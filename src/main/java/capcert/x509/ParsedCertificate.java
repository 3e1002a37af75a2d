package capcert.x509;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A certificate read with Bouncy Castle's ASN.1 parser, field by field, so that what the JDK (or
 * Bouncy Castle's own certificate class) refuses outright — an empty issuer, two extensions with one
 * OID, mismatched signature algorithms, explicit EC parameters, an RSA key that does not decode —
 * is still read, and each flaw is a {@link Malformation} the checks can name. Only bytes that are
 * not a certificate's outline at all (no three-part SEQUENCE, no names, no dates) are refused.
 *
 * <p>Instances are immutable but for a memo of which keys verified their signature, and are shared.
 */
public final class ParsedCertificate {

    /** A certificate extension as encoded. */
    public record Ext(String oid, boolean critical, byte[] value) {
    }

    /** basicConstraints: cA and pathLenConstraint ({@code -1} when absent). */
    public record Constraints(boolean ca, int pathLen, boolean critical) {
    }

    /** authorityKeyIdentifier: its key identifier and whether it names the issuer's issuer and serial. */
    public record AuthorityKey(Optional<byte[]> keyIdentifier, boolean hasIssuer, boolean hasSerial, boolean critical) {
    }

    /** policyConstraints: skip counts, {@code -1} when absent. */
    public record PolicyLimits(int requireExplicitPolicy, int inhibitPolicyMapping) {
    }

    /** One policy mapping: an issuer's policy and the subject's policy it is equivalent to. */
    public record PolicyMapping(String issuerDomainPolicy, String subjectDomainPolicy) {
    }

    /** Key usage bits as {@link org.bouncycastle.asn1.x509.KeyUsage} numbers them. */
    public static final int DIGITAL_SIGNATURE = 1 << 7;
    public static final int NON_REPUDIATION = 1 << 6;
    public static final int KEY_ENCIPHERMENT = 1 << 5;
    public static final int DATA_ENCIPHERMENT = 1 << 4;
    public static final int KEY_AGREEMENT = 1 << 3;
    public static final int KEY_CERT_SIGN = 1 << 2;
    public static final int CRL_SIGN = 1 << 1;
    public static final int ENCIPHER_ONLY = 1;
    public static final int DECIPHER_ONLY = 1 << 15;

    public static final String ANY_POLICY = "2.5.29.32.0";

    private final byte[] der;
    private final String sha256;
    private final byte[] tbs;
    private final int version;
    private final BigInteger serial;
    private final AlgorithmIdentifier tbsSignatureAlgorithm;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final byte[] signature;
    private final DistinguishedName issuer;
    private final DistinguishedName subject;
    private final Instant notBefore;
    private final Instant notAfter;
    private final PublicKeyInfo publicKey;
    private final List<Ext> extensions;
    private final Map<String, Ext> byOid;
    private final List<Malformation> malformations;

    private final Optional<Constraints> basicConstraints;
    private final Optional<Integer> keyUsage;
    private final Optional<List<String>> extendedKeyUsage;
    private final Optional<List<GeneralName>> subjectAltNames;
    private final Optional<NameConstraints> nameConstraints;
    private final Optional<List<PolicyInformation>> policies;
    private final Optional<List<PolicyMapping>> policyMappings;
    private final Optional<PolicyLimits> policyConstraints;
    private final Optional<Integer> inhibitAnyPolicy;
    private final Optional<AuthorityKey> authorityKey;
    private final Optional<byte[]> subjectKeyId;
    private final List<DistributionPoint> crlDistributionPoints;
    private final List<DistributionPoint> freshestCrl;

    /** Keys (by their SubjectPublicKeyInfo) already tried on this certificate's signature, and the outcome. */
    private final Map<String, Boolean> verifiedBy = new ConcurrentHashMap<>();

    /** Thrown for bytes that are not a certificate at all. */
    public static final class NotACertificate extends Exception {
        public NotACertificate(String message) {
            super(message);
        }
    }

    private ParsedCertificate(Builder b) {
        der = b.der;
        sha256 = b.sha256;
        tbs = b.tbs;
        version = b.version;
        serial = b.serial;
        tbsSignatureAlgorithm = b.tbsSignatureAlgorithm;
        signatureAlgorithm = b.signatureAlgorithm;
        signature = b.signature;
        issuer = b.issuer;
        subject = b.subject;
        notBefore = b.notBefore;
        notAfter = b.notAfter;
        publicKey = b.publicKey;
        extensions = List.copyOf(b.extensions);
        byOid = Collections.unmodifiableMap(b.byOid);
        malformations = List.copyOf(b.malformations);
        basicConstraints = b.basicConstraints;
        keyUsage = b.keyUsage;
        extendedKeyUsage = b.extendedKeyUsage;
        subjectAltNames = b.subjectAltNames;
        nameConstraints = b.nameConstraints;
        policies = b.policies;
        policyMappings = b.policyMappings;
        policyConstraints = b.policyConstraints;
        inhibitAnyPolicy = b.inhibitAnyPolicy;
        authorityKey = b.authorityKey;
        subjectKeyId = b.subjectKeyId;
        crlDistributionPoints = List.copyOf(b.crlDistributionPoints);
        freshestCrl = List.copyOf(b.freshestCrl);
    }

    /**
     * Reads {@code der}.
     *
     * @throws NotACertificate when the bytes are not a certificate's outline at all
     */
    public static ParsedCertificate parse(byte[] der) throws NotACertificate {
        Optional<String> outOfBounds = BerBounds.exceeded(der);
        if (outOfBounds.isPresent()) throw new NotACertificate("not decoded: " + outOfBounds.get());
        try {
            return new Builder(der.clone()).build();
        } catch (IOException | RuntimeException e) {
            throw new NotACertificate(Text.oneLine(e));
        } catch (Error e) {
            throw new NotACertificate(DecoderFailure.describe(e));
        }
    }

    public byte[] der() {
        return der.clone();
    }

    public int length() {
        return der.length;
    }

    /** Lowercase hex SHA-256 of the bytes as given. */
    public String sha256() {
        return sha256;
    }

    /** The signed part, exactly as encoded. */
    public byte[] tbs() {
        return tbs.clone();
    }

    /** 1, 2 or 3. */
    public int version() {
        return version;
    }

    public BigInteger serial() {
        return serial;
    }

    public AlgorithmIdentifier signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public AlgorithmIdentifier tbsSignatureAlgorithm() {
        return tbsSignatureAlgorithm;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public DistinguishedName issuer() {
        return issuer;
    }

    public DistinguishedName subject() {
        return subject;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    public PublicKeyInfo publicKey() {
        return publicKey;
    }

    public List<Ext> extensions() {
        return extensions;
    }

    /** The first extension with this OID. */
    public Optional<Ext> extension(String oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    public boolean critical(String oid) {
        return extension(oid).map(Ext::critical).orElse(false);
    }

    public List<Malformation> malformations() {
        return malformations;
    }

    public Optional<Constraints> basicConstraints() {
        return basicConstraints;
    }

    /** A CA by basicConstraints. */
    public boolean isCa() {
        return basicConstraints.map(Constraints::ca).orElse(false);
    }

    /** The key usage bits ({@link #KEY_CERT_SIGN}...); empty without the extension. */
    public Optional<Integer> keyUsage() {
        return keyUsage;
    }

    /** Whether the key usage allows {@code bit}: it has it, or there is no key usage extension. */
    public boolean keyUsageAllows(int bit) {
        return keyUsage.map(k -> (k & bit) != 0).orElse(true);
    }

    public Optional<List<String>> extendedKeyUsage() {
        return extendedKeyUsage;
    }

    public Optional<List<GeneralName>> subjectAltNames() {
        return subjectAltNames;
    }

    public Optional<NameConstraints> nameConstraints() {
        return nameConstraints;
    }

    public Optional<List<PolicyInformation>> policies() {
        return policies;
    }

    public Optional<List<PolicyMapping>> policyMappings() {
        return policyMappings;
    }

    public Optional<PolicyLimits> policyConstraints() {
        return policyConstraints;
    }

    public Optional<Integer> inhibitAnyPolicy() {
        return inhibitAnyPolicy;
    }

    public Optional<AuthorityKey> authorityKey() {
        return authorityKey;
    }

    public Optional<byte[]> subjectKeyId() {
        return subjectKeyId.map(byte[]::clone);
    }

    public List<DistributionPoint> crlDistributionPoints() {
        return crlDistributionPoints;
    }

    public List<DistributionPoint> freshestCrl() {
        return freshestCrl;
    }

    /** Subject and issuer are the same name (RFC 5280: self-issued). */
    public boolean selfIssued() {
        return subject.equals(issuer);
    }

    /**
     * Whether this certificate's authority key identifier names {@code issuer}'s subject key
     * identifier; empty when either is absent.
     */
    public Optional<Boolean> keyIdentifiersMatch(ParsedCertificate issuer) {
        Optional<byte[]> aki = authorityKey.flatMap(AuthorityKey::keyIdentifier);
        if (aki.isEmpty() || issuer.subjectKeyId.isEmpty()) return Optional.empty();
        return Optional.of(Arrays.equals(aki.get(), issuer.subjectKeyId.get()));
    }

    /**
     * A memo of signature checks on this certificate, keyed by the verifying key's encoding, so
     * that path building over many candidates verifies each pair once. Only {@link Signatures}
     * writes it: nothing outside this package can mark a signature valid.
     */
    Optional<Boolean> verifiedBy(PublicKeyInfo key) {
        return Optional.ofNullable(verifiedBy.get(keyId(key)));
    }

    void rememberVerification(PublicKeyInfo key, boolean valid) {
        verifiedBy.put(keyId(key), valid);
    }

    private static String keyId(PublicKeyInfo key) {
        return HexFormat.of().formatHex(key.encoded());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedCertificate other && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return subject.rfc2253() + " [" + sha256.substring(0, 16) + "]";
    }

    /** Reads the fields in order, keeping every flaw it meets. */
    private static final class Builder {
        private final byte[] der;
        private final String sha256;
        private byte[] tbs;
        private int version = 1;
        private BigInteger serial;
        private AlgorithmIdentifier tbsSignatureAlgorithm;
        private AlgorithmIdentifier signatureAlgorithm;
        private byte[] signature;
        private DistinguishedName issuer;
        private DistinguishedName subject;
        private Instant notBefore;
        private Instant notAfter;
        private PublicKeyInfo publicKey;
        private final List<Ext> extensions = new ArrayList<>();
        private final Map<String, Ext> byOid = new LinkedHashMap<>();
        private final List<Malformation> malformations = new ArrayList<>();

        private Optional<Constraints> basicConstraints = Optional.empty();
        private Optional<Integer> keyUsage = Optional.empty();
        private Optional<List<String>> extendedKeyUsage = Optional.empty();
        private Optional<List<GeneralName>> subjectAltNames = Optional.empty();
        private Optional<NameConstraints> nameConstraints = Optional.empty();
        private Optional<List<PolicyInformation>> policies = Optional.empty();
        private Optional<List<PolicyMapping>> policyMappings = Optional.empty();
        private Optional<PolicyLimits> policyConstraints = Optional.empty();
        private Optional<Integer> inhibitAnyPolicy = Optional.empty();
        private Optional<AuthorityKey> authorityKey = Optional.empty();
        private Optional<byte[]> subjectKeyId = Optional.empty();
        private List<DistributionPoint> crlDistributionPoints = List.of();
        private List<DistributionPoint> freshestCrl = List.of();

        Builder(byte[] der) {
            this.der = der;
            this.sha256 = sha256(der);
        }

        ParsedCertificate build() throws IOException {
            ASN1Primitive outer;
            int trailing;
            try (ASN1InputStream in = new ASN1InputStream(der)) {
                outer = in.readObject();
                if (outer == null) throw new IOException("no data");
                trailing = in.available();
            }
            if (!(outer instanceof ASN1Sequence certificate) || certificate.size() != 3) {
                throw new IOException("not a certificate: expected a SEQUENCE of the signed part, the algorithm and the signature");
            }
            if (trailing > 0) malformations.add(Malformation.of(Malformation.Kind.TRAILING_DATA, trailing + " bytes"));
            byte[] reencoded = outer.getEncoded(ASN1Encoding.DER);
            if (!Arrays.equals(reencoded, 0, reencoded.length, der, 0, der.length - trailing)) {
                malformations.add(Malformation.of(Malformation.Kind.NOT_DER));
            }
            ASN1Sequence tbsSequence = ASN1Sequence.getInstance(certificate.getObjectAt(0));
            tbs = signedPart(tbsSequence);
            signatureAlgorithm = AlgorithmIdentifier.getInstance(certificate.getObjectAt(1));
            ASN1BitString bits = ASN1BitString.getInstance(certificate.getObjectAt(2));
            if (bits.getPadBits() != 0) malformations.add(Malformation.of(Malformation.Kind.SIGNATURE_BITS));
            signature = bits.getBytes();
            readSignedPart(tbsSequence);
            if (!tbsSignatureAlgorithm.equals(signatureAlgorithm)) {
                malformations.add(Malformation.of(Malformation.Kind.SIGNATURE_ALGORITHM_MISMATCH,
                        tbsSignatureAlgorithm.getAlgorithm().getId() + " inside, " + signatureAlgorithm.getAlgorithm().getId() + " outside"));
            }
            return new ParsedCertificate(this);
        }

        /** The TBSCertificate's bytes as they are in {@code der}: signatures are over these, not a re-encoding. */
        private byte[] signedPart(ASN1Sequence tbsSequence) throws IOException {
            int[] outer = header(der, 0);
            if (outer != null) {
                int[] inner = header(der, outer[0]);
                if (inner != null && outer[0] + inner[0] + inner[1] <= der.length) {
                    return Arrays.copyOfRange(der, outer[0], outer[0] + inner[0] + inner[1]);
                }
            }
            return tbsSequence.getEncoded(ASN1Encoding.DER);
        }

        private void readSignedPart(ASN1Sequence t) throws IOException {
            int i = 0;
            if (t.getObjectAt(i) instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 0) {
                BigInteger v = ASN1Integer.getInstance(tagged.getExplicitBaseObject()).getValue();
                if (v.equals(BigInteger.ZERO)) {
                    malformations.add(Malformation.of(Malformation.Kind.VERSION_INVALID, "v1 written out although it is the default"));
                } else if (v.compareTo(BigInteger.valueOf(2)) > 0 || v.signum() < 0) {
                    malformations.add(Malformation.of(Malformation.Kind.VERSION_INVALID, "version number " + v));
                }
                version = v.signum() >= 0 && v.compareTo(BigInteger.valueOf(2)) <= 0 ? v.intValue() + 1 : 3;
                i++;
            }
            serial = ASN1Integer.getInstance(t.getObjectAt(i++)).getValue();
            if (serial.signum() < 0) malformations.add(Malformation.of(Malformation.Kind.SERIAL_NEGATIVE));
            if (serial.signum() == 0) malformations.add(Malformation.of(Malformation.Kind.SERIAL_ZERO));
            int serialOctets = serial.toByteArray().length;
            if (serialOctets > 20) malformations.add(Malformation.of(Malformation.Kind.SERIAL_TOO_LONG, serialOctets + " octets"));
            tbsSignatureAlgorithm = AlgorithmIdentifier.getInstance(t.getObjectAt(i++));
            issuer = DistinguishedName.of(X500Name.getInstance(t.getObjectAt(i++)));
            if (issuer.isEmpty()) malformations.add(Malformation.of(Malformation.Kind.ISSUER_EMPTY));
            ASN1Sequence validity = ASN1Sequence.getInstance(t.getObjectAt(i++));
            notBefore = Asn1Time.of(validity.getObjectAt(0));
            notAfter = Asn1Time.of(validity.getObjectAt(1));
            subject = DistinguishedName.of(X500Name.getInstance(t.getObjectAt(i++)));
            publicKey = PublicKeyInfo.read(SubjectPublicKeyInfo.getInstance(t.getObjectAt(i++)));
            publicKey.problem().ifPresent(p -> malformations.add(Malformation.of(Malformation.Kind.PUBLIC_KEY_INVALID, p)));
            if (publicKey.explicitCurve()) malformations.add(Malformation.of(Malformation.Kind.EC_EXPLICIT_PARAMETERS));
            for (; i < t.size(); i++) {
                ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(t.getObjectAt(i));
                if (tagged.getTagNo() == 3) {
                    if (version < 3) malformations.add(Malformation.of(Malformation.Kind.VERSION_TOO_LOW, "extensions in a v" + version + " certificate"));
                    readExtensions(ASN1Sequence.getInstance(tagged.getExplicitBaseObject()));
                } else if (version < 2) {
                    malformations.add(Malformation.of(Malformation.Kind.VERSION_TOO_LOW, "unique identifiers in a v1 certificate"));
                }
            }
        }

        private void readExtensions(ASN1Sequence all) throws IOException {
            if (all.size() == 0) malformations.add(Malformation.of(Malformation.Kind.EXTENSIONS_EMPTY));
            if (all.size() > EntriesCut.MAX_EXTENSIONS) {
                throw new IOException(new EntriesCut("the extension list", all.size(), 0).refusal());
            }
            Set<String> seen = new LinkedHashSet<>();
            for (ASN1Encodable element : all) {
                ASN1Sequence e = ASN1Sequence.getInstance(element);
                String oid = ASN1ObjectIdentifier.getInstance(e.getObjectAt(0)).getId();
                boolean critical = e.size() == 3 && ASN1Boolean.getInstance(e.getObjectAt(1)).isTrue();
                byte[] value = ASN1OctetString.getInstance(e.getObjectAt(e.size() - 1)).getOctets();
                int entries = EntriesCut.entries(value);
                if (entries > EntriesCut.MAX_ENTRIES) {
                    boolean san = oid.equals(Extension.subjectAlternativeName.getId());
                    throw new IOException(new EntriesCut(san ? "subjectAltName" : "extension " + oid, entries,
                            san ? EntriesCut.MAX_ENTRIES : 0).refusal());
                }
                Ext ext = new Ext(oid, critical, value);
                extensions.add(ext);
                if (!seen.add(oid)) {
                    malformations.add(Malformation.of(Malformation.Kind.DUPLICATE_EXTENSION, ExtensionNames.name(oid)));
                    continue;
                }
                byOid.put(oid, ext);
                try {
                    decode(ext);
                } catch (IOException | RuntimeException ex) {
                    malformations.add(Malformation.of(Malformation.Kind.EXTENSION_MALFORMED,
                            ExtensionNames.name(oid) + ": " + Text.oneLine(ex)));
                }
            }
        }

        private void decode(Ext ext) throws IOException {
            String oid = ext.oid();
            if (!ExtensionNames.decoded(oid)) return;
            ASN1Primitive value;
            try (ASN1InputStream in = new ASN1InputStream(ext.value())) {
                value = in.readObject();
                if (value == null) throw new IOException("empty value");
                if (in.available() > 0) throw new IOException("bytes after the value");
            }
            if (oid.equals(Extension.basicConstraints.getId())) {
                BasicConstraints bc = BasicConstraints.getInstance(value);
                BigInteger len = bc.getPathLenConstraint();
                int pathLen = len == null ? -1 : len.bitLength() > 30 ? Integer.MAX_VALUE - 1 : len.intValue();
                basicConstraints = Optional.of(new Constraints(bc.isCA(), pathLen, ext.critical()));
            } else if (oid.equals(Extension.keyUsage.getId())) {
                keyUsage = Optional.of(ASN1BitString.getInstance(value).intValue());
            } else if (oid.equals(Extension.extendedKeyUsage.getId())) {
                List<String> purposes = new ArrayList<>();
                for (ASN1Encodable p : ASN1Sequence.getInstance(value)) purposes.add(ASN1ObjectIdentifier.getInstance(p).getId());
                if (purposes.isEmpty()) throw new IOException("no purpose listed");
                extendedKeyUsage = Optional.of(List.copyOf(purposes));
            } else if (oid.equals(Extension.subjectAlternativeName.getId())) {
                GeneralName[] names = GeneralNames.getInstance(value).getNames();
                if (names.length == 0) throw new IOException("no name listed");
                subjectAltNames = Optional.of(List.of(names));
            } else if (oid.equals(Extension.issuerAlternativeName.getId())) {
                GeneralNames.getInstance(value).getNames();
            } else if (oid.equals(Extension.nameConstraints.getId())) {
                NameConstraints nc = NameConstraints.getInstance(value);
                GeneralSubtree[] permitted = nc.getPermittedSubtrees();
                GeneralSubtree[] excluded = nc.getExcludedSubtrees();
                if ((permitted == null && excluded == null) || (permitted != null && permitted.length == 0)
                        || (excluded != null && excluded.length == 0)) {
                    malformations.add(Malformation.of(Malformation.Kind.NAME_CONSTRAINTS_EMPTY));
                }
                nameConstraints = Optional.of(nc);
            } else if (oid.equals(Extension.certificatePolicies.getId())) {
                PolicyInformation[] infos = CertificatePolicies.getInstance(value).getPolicyInformation();
                if (infos.length == 0) throw new IOException("no policy listed");
                Set<String> ids = new LinkedHashSet<>();
                for (PolicyInformation info : infos) {
                    if (!ids.add(info.getPolicyIdentifier().getId())) {
                        malformations.add(Malformation.of(Malformation.Kind.DUPLICATE_POLICY, info.getPolicyIdentifier().getId()));
                    }
                }
                policies = Optional.of(List.of(infos));
            } else if (oid.equals(Extension.policyMappings.getId())) {
                List<PolicyMapping> mappings = new ArrayList<>();
                for (ASN1Encodable m : ASN1Sequence.getInstance(value)) {
                    ASN1Sequence pair = ASN1Sequence.getInstance(m);
                    mappings.add(new PolicyMapping(ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId(),
                            ASN1ObjectIdentifier.getInstance(pair.getObjectAt(1)).getId()));
                }
                if (mappings.isEmpty()) throw new IOException("no mapping listed");
                policyMappings = Optional.of(List.copyOf(mappings));
            } else if (oid.equals(Extension.policyConstraints.getId())) {
                PolicyConstraints pc = PolicyConstraints.getInstance(value);
                int explicit = skipCount(pc.getRequireExplicitPolicyMapping());
                int mapping = skipCount(pc.getInhibitPolicyMapping());
                if (explicit < 0 && mapping < 0) malformations.add(Malformation.of(Malformation.Kind.POLICY_CONSTRAINTS_EMPTY));
                policyConstraints = Optional.of(new PolicyLimits(explicit, mapping));
            } else if (oid.equals(Extension.inhibitAnyPolicy.getId())) {
                inhibitAnyPolicy = Optional.of(skipCount(ASN1Integer.getInstance(value).getValue()));
            } else if (oid.equals(Extension.authorityKeyIdentifier.getId())) {
                AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(value);
                authorityKey = Optional.of(new AuthorityKey(Optional.ofNullable(aki.getKeyIdentifierOctets()),
                        aki.getAuthorityCertIssuer() != null, aki.getAuthorityCertSerialNumber() != null, ext.critical()));
            } else if (oid.equals(Extension.subjectKeyIdentifier.getId())) {
                subjectKeyId = Optional.of(ASN1OctetString.getInstance(value).getOctets());
            } else if (oid.equals(Extension.cRLDistributionPoints.getId())) {
                crlDistributionPoints = List.of(CRLDistPoint.getInstance(value).getDistributionPoints());
            } else if (oid.equals(Extension.freshestCRL.getId())) {
                freshestCrl = List.of(CRLDistPoint.getInstance(value).getDistributionPoints());
            } else if (oid.equals(Extension.authorityInfoAccess.getId()) || oid.equals(Extension.subjectInfoAccess.getId())) {
                if (AuthorityInformationAccess.getInstance(value).getAccessDescriptions().length == 0) {
                    throw new IOException("no access description listed");
                }
            }
        }

        /** A SkipCerts count, capped: a count beyond any path length means the same as the largest. */
        private static int skipCount(BigInteger value) {
            if (value == null) return -1;
            if (value.signum() < 0) throw new IllegalArgumentException("negative skip count " + value);
            return value.bitLength() > 30 ? Integer.MAX_VALUE - 1 : value.intValue();
        }

        /** Header length and content length of the DER element at {@code offset}; null for indefinite or bad lengths. */
        private static int[] header(byte[] data, int offset) {
            if (offset + 2 > data.length) return null;
            int first = data[offset + 1] & 0xff;
            if (first < 0x80) return new int[] {2, first};
            int count = first & 0x7f;
            if (count == 0 || count > 4 || offset + 2 + count > data.length) return null;
            long length = 0;
            for (int k = 0; k < count; k++) length = (length << 8) | (data[offset + 2 + k] & 0xff);
            if (length > Integer.MAX_VALUE) return null;
            return new int[] {2 + count, (int) length};
        }

        private static String sha256(byte[] der) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }
}
