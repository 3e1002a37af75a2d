package capcert.testing;

import capcert.trust.TrustedCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates and CRLs with exactly the flaw a test needs, made with Bouncy Castle on the spot.
 * Defaults: EC P-256 key, SHA-256 signature, valid 2024-01-01 to 2034-01-01, self-signed unless
 * {@link #issuer} is given; a CA gets CA:TRUE and keyCertSign/cRLSign, an end entity CA:FALSE,
 * digitalSignature and EKU TLS Web Server Authentication.
 */
public final class CertBuilder {

    public static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(0x1000);
    private static final AtomicLong CRL_NUMBERS = new AtomicLong();

    /** A certificate and its key pair. */
    public record Made(X509Certificate certificate, KeyPair keys) {

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public TrustedCertificate trusted(String source) {
            return new TrustedCertificate(certificate, source);
        }

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    private final X500Name subject;
    private Made issuer;
    private KeyPair keys;
    private String keyAlgorithm = "EC";
    private int keyBits = 256;
    private String signature;
    private Instant notBefore = NOT_BEFORE;
    private Instant notAfter = NOT_AFTER;
    private Boolean ca;
    private Integer pathLen;
    private boolean basicConstraints = true;
    private Integer keyUsage;
    private List<KeyPurposeId> eku;
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<String> crlUris = new ArrayList<>();
    private final List<String> ocspUris = new ArrayList<>();
    private BigInteger serial;

    private CertBuilder(String subject, boolean ca) {
        this.subject = new X500Name(RFC4519Style.INSTANCE, subject);
        this.ca = ca;
    }

    /** A CA certificate (root unless {@link #issuer} is given). */
    public static CertBuilder ca(String subject) {
        return new CertBuilder(subject, true);
    }

    /** An end-entity certificate. */
    public static CertBuilder leaf(String subject) {
        return new CertBuilder(subject, false);
    }

    public CertBuilder issuer(Made issuer) {
        this.issuer = issuer;
        return this;
    }

    /** Reuse a key pair, e.g. to renew a CA with the same key. */
    public CertBuilder keys(KeyPair keys) {
        this.keys = keys;
        return this;
    }

    public CertBuilder rsa(int bits) {
        keyAlgorithm = "RSA";
        keyBits = bits;
        return this;
    }

    public CertBuilder signature(String algorithm) {
        signature = algorithm;
        return this;
    }

    public CertBuilder validity(Instant from, Instant to) {
        notBefore = from;
        notAfter = to;
        return this;
    }

    public CertBuilder pathLen(int value) {
        pathLen = value;
        return this;
    }

    /** CA:FALSE on a certificate used as a CA. */
    public CertBuilder notCa() {
        ca = false;
        return this;
    }

    /** CA:TRUE on an end entity. */
    public CertBuilder markedCa() {
        ca = true;
        return this;
    }

    public CertBuilder withoutBasicConstraints() {
        basicConstraints = false;
        return this;
    }

    /** Bouncy Castle {@link KeyUsage} bits. */
    public CertBuilder keyUsage(int bits) {
        keyUsage = bits;
        return this;
    }

    public CertBuilder eku(KeyPurposeId... purposes) {
        eku = List.of(purposes);
        return this;
    }

    public CertBuilder dns(String... names) {
        for (String n : names) sans.add(new GeneralName(GeneralName.dNSName, n));
        return this;
    }

    public CertBuilder ip(String address) {
        sans.add(new GeneralName(GeneralName.iPAddress, address));
        return this;
    }

    public CertBuilder crlAt(String uri) {
        crlUris.add(uri);
        return this;
    }

    public CertBuilder ocspAt(String uri) {
        ocspUris.add(uri);
        return this;
    }

    public CertBuilder serial(long value) {
        serial = BigInteger.valueOf(value);
        return this;
    }

    public Made build() {
        try {
            KeyPair pair = keys != null ? keys : generate(keyAlgorithm, keyBits);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            KeyPair signer = issuer == null ? pair : issuer.keys();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    serial != null ? serial : BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            if (basicConstraints) {
                b.addExtension(Extension.basicConstraints, true,
                        ca && pathLen != null ? new BasicConstraints(pathLen) : new BasicConstraints(ca));
            }
            int usage = keyUsage != null ? keyUsage
                    : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature;
            if (usage != 0) b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            List<KeyPurposeId> purposes = eku != null ? eku : ca ? List.of() : List.of(KeyPurposeId.id_kp_serverAuth);
            if (!purposes.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(signer.getPublic()));
            if (!crlUris.isEmpty()) {
                DistributionPoint[] points = crlUris.stream().map(u -> new DistributionPoint(new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, u))), null, null))
                        .toArray(DistributionPoint[]::new);
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
            }
            if (!ocspUris.isEmpty()) {
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(ocspUris.stream()
                        .map(u -> new AccessDescription(AccessDescription.id_ad_ocsp,
                                new GeneralName(GeneralName.uniformResourceIdentifier, u)))
                        .toArray(AccessDescription[]::new)));
            }
            String algorithm = signature != null ? signature : defaultSignature(signer);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
            return new Made(cert, pair);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test certificate " + subject, e);
        }
    }

    /** A CRL of {@code issuer} listing {@code revoked} serials, each with a reason (RFC 5280 codes). */
    public static X509CRL crl(Made issuer, Instant thisUpdate, Instant nextUpdate, Map<BigInteger, Integer> revoked) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (Map.Entry<BigInteger, Integer> e : new LinkedHashMap<>(revoked).entrySet()) {
                b.addCRLEntry(e.getKey(), Date.from(thisUpdate.minusSeconds(86400)), e.getValue());
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.keys().getPublic()));
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(CRL_NUMBERS.incrementAndGet())));
            return new JcaX509CRLConverter().getCRL(b.build(
                    new JcaContentSignerBuilder(defaultSignature(issuer.keys())).build(issuer.keys().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build test CRL", e);
        }
    }

    public static final int KEY_COMPROMISE = CRLReason.keyCompromise;

    private static String defaultSignature(KeyPair signer) {
        return signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) g.initialize(new ECGenParameterSpec("secp256r1"));
        else g.initialize(bits);
        return g.generateKeyPair();
    }
}
