package capcert.trust;

import capcert.x509.ParsedCertificate;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * A certificate from a trust list, exactly as listed, with where it came from ("ca-list.pem #3",
 * "JDK cacerts #12"). It is read once, with Bouncy Castle's ASN.1 parser, when the list is loaded;
 * the JDK's reading, which refuses some malformed certificates outright, is there for the code
 * that still needs one.
 */
public final class TrustedCertificate {

    private final byte[] der;
    private final String source;
    private final ParsedCertificate parsed;
    private volatile Optional<X509Certificate> jdk;

    private TrustedCertificate(byte[] der, String source, ParsedCertificate parsed, Optional<X509Certificate> jdk) {
        this.der = der;
        this.source = source;
        this.parsed = parsed;
        this.jdk = jdk;
    }

    /**
     * @throws ParsedCertificate.NotACertificate when the bytes are not a certificate's outline at all
     */
    public static TrustedCertificate of(byte[] der, String source) throws ParsedCertificate.NotACertificate {
        byte[] copy = der.clone();
        return new TrustedCertificate(copy, source, ParsedCertificate.parse(copy), null);
    }

    /** A certificate the JDK has read already (a keystore's, the JDK's own CAs). */
    public TrustedCertificate(X509Certificate certificate, String source) {
        try {
            this.der = certificate.getEncoded();
            this.parsed = ParsedCertificate.parse(der);
        } catch (CertificateEncodingException | ParsedCertificate.NotACertificate e) {
            throw new IllegalArgumentException("a certificate the JDK read is a certificate", e);
        }
        this.source = source;
        this.jdk = Optional.of(certificate);
    }

    public byte[] der() {
        return der.clone();
    }

    public String source() {
        return source;
    }

    public ParsedCertificate parsed() {
        return parsed;
    }

    /** The JDK's reading, or empty when the JDK refuses these bytes. */
    public Optional<X509Certificate> jdk() {
        Optional<X509Certificate> j = jdk;
        if (j == null) {
            try {
                j = Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                j = Optional.empty();
            }
            jdk = j;
        }
        return j;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedCertificate other && source.equals(other.source) && Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return parsed.hashCode() * 31 + source.hashCode();
    }

    @Override
    public String toString() {
        return source + " " + parsed;
    }
}
