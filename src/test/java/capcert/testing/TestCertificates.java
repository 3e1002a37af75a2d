package capcert.testing;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Real, signed certificates made on the spot, so tests need no binary fixtures. */
public final class TestCertificates {

    public static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2026-01-01T00:00:00Z");

    private static final KeyPair KEYS = keyPair();

    private X500Name subject = rfc2253("CN=leaf.example,O=Example");
    private X500Name issuer = rfc2253("CN=Example CA,O=Example");
    private BigInteger serial = BigInteger.valueOf(0x1234abcdL);
    private final List<GeneralName> altNames = new ArrayList<>();

    private TestCertificates() {
    }

    public static TestCertificates certificate() {
        return new TestCertificates();
    }

    /**
     * Subject {@code CN=cn,O=Example}. Built from raw RDNs because BC's builders refuse a CN over the
     * 64 characters RFC 5280 allows, and captures carry such certificates anyway.
     */
    public static byte[] withCommonName(String cn) {
        return certificate().subject(new X500Name(new RDN[] {
                new RDN(BCStyle.O, new DERUTF8String("Example")),
                new RDN(BCStyle.CN, new DERUTF8String(cn))})).der();
    }

    /** {@code dn} in RFC 2253 order, most specific first, as the JDK prints it back. */
    public TestCertificates subject(String dn) {
        return subject(rfc2253(dn));
    }

    public TestCertificates subject(X500Name dn) {
        subject = dn;
        return this;
    }

    public TestCertificates issuer(String dn) {
        issuer = rfc2253(dn);
        return this;
    }

    public TestCertificates serial(BigInteger value) {
        serial = value;
        return this;
    }

    public TestCertificates dns(String name) {
        altNames.add(new GeneralName(GeneralName.dNSName, name));
        return this;
    }

    public TestCertificates email(String address) {
        altNames.add(new GeneralName(GeneralName.rfc822Name, address));
        return this;
    }

    public TestCertificates ip(String address) {
        altNames.add(new GeneralName(GeneralName.iPAddress, address));
        return this;
    }

    public byte[] der() {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial,
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject,
                    SubjectPublicKeyInfo.getInstance(KEYS.getPublic().getEncoded()));
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name rfc2253(String dn) {
        return new X500Name(RFC4519Style.INSTANCE, dn);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
