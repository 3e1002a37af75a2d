package capcert.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates for trust-list tests, each property chosen: the key (any RSA/DSA size, any named
 * curve, through Bouncy Castle where the JDK no longer has it), the signer and its hash, the dates,
 * basicConstraints, or an extension-less version 1 certificate. Self-signed unless issued by another.
 */
public final class TestCa {

    public static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");

    private static final Provider BC = new BouncyCastleProvider();
    private static final AtomicLong SERIALS = new AtomicLong(0x5000);

    private final X500Name subject;
    private KeyPair keys;
    private X500Name issuer;
    private KeyPair issuerKeys;
    private String signatureAlgorithm;
    private Instant notBefore = NOT_BEFORE;
    private Instant notAfter = NOT_AFTER;
    private boolean ca = true;
    private boolean version1;

    private TestCa(String subjectDn) {
        subject = new X500Name(RFC4519Style.INSTANCE, subjectDn);
    }

    /** A self-signed CA with a fresh EC P-256 key unless told otherwise; {@code dn} in RFC 2253 order. */
    public static TestCa certificate(String dn) {
        return new TestCa(dn);
    }

    public TestCa keys(KeyPair value) {
        keys = value;
        return this;
    }

    public TestCa issuedBy(TestPki.Issued parent) {
        issuer = parent.subject();
        issuerKeys = parent.keys();
        return this;
    }

    /** e.g. {@code SHA1withRSA}, {@code MD5withRSA}; default SHA-256 with the signer's key type. */
    public TestCa signature(String algorithm) {
        signatureAlgorithm = algorithm;
        return this;
    }

    public TestCa validity(Instant from, Instant to) {
        notBefore = from;
        notAfter = to;
        return this;
    }

    /** No basicConstraints CA=true: an end-entity certificate. */
    public TestCa notCa() {
        ca = false;
        return this;
    }

    public TestCa version1() {
        version1 = true;
        return this;
    }

    public TestPki.Issued issue() {
        try {
            KeyPair own = keys != null ? keys : ec("secp256r1");
            X500Name issuerName = issuer != null ? issuer : subject;
            KeyPair signer = issuerKeys != null ? issuerKeys : own;
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(own.getPublic().getEncoded());
            BigInteger serial = BigInteger.valueOf(SERIALS.incrementAndGet());
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm(signer)).setProvider(BC).build(signer.getPrivate());
            byte[] der;
            if (version1) {
                der = new X509v1CertificateBuilder(issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, spki)
                        .build(contentSigner).getEncoded();
            } else {
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial,
                        Date.from(notBefore), Date.from(notAfter), subject, spki);
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                        ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
                der = builder.build(contentSigner).getEncoded();
            }
            return new TestPki.Issued(subject, own, der);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + subject, e);
        }
    }

    /** The issued certificate as the JDK reads it. */
    public X509Certificate x509() {
        return x509(issue().der());
    }

    public static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", null, g -> g.initialize(bits));
    }

    /** The JDK has precomputed DSA parameters for 1024, 2048 and 3072 bits; other sizes are slow. */
    public static KeyPair dsa(int bits) {
        return generate("DSA", null, g -> g.initialize(bits));
    }

    /** Any named curve Bouncy Castle knows, including ones the JDK dropped (secp192r1, secp224r1). */
    public static KeyPair ec(String curve) {
        return generate("EC", BC, g -> g.initialize(new ECGenParameterSpec(curve)));
    }

    private interface Init {
        void apply(KeyPairGenerator generator) throws Exception;
    }

    private static KeyPair generate(String algorithm, Provider provider, Init init) {
        try {
            KeyPairGenerator generator = provider == null
                    ? KeyPairGenerator.getInstance(algorithm) : KeyPairGenerator.getInstance(algorithm, provider);
            init.apply(generator);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key", e);
        }
    }

    private String algorithm(KeyPair signer) {
        if (signatureAlgorithm != null) return signatureAlgorithm;
        return switch (signer.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            default -> "SHA256withECDSA";
        };
    }
}
