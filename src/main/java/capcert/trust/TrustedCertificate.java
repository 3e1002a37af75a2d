package capcert.trust;

import capcert.x509.ParsedCertificate;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * A certificate from a trust list, exactly as listed, with where it came from ("ca-list.pem #3",
 * "JDK cacerts #12"). It is read once, with Bouncy Castle's ASN.1 parser, when the list is loaded.
 */
public final class TrustedCertificate {

    private final byte[] der;
    private final String source;
    private final ParsedCertificate parsed;

    private TrustedCertificate(byte[] der, String source, ParsedCertificate parsed) {
        this.der = der;
        this.source = source;
        this.parsed = parsed;
    }

    /**
     * The certificate {@code der}, listed at {@code source}.
     *
     * @throws ParsedCertificate.NotACertificate when the bytes are not a certificate's outline at all
     */
    public static TrustedCertificate of(byte[] der, String source) throws ParsedCertificate.NotACertificate {
        byte[] copy = der.clone();
        return new TrustedCertificate(copy, source, ParsedCertificate.parse(copy));
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
