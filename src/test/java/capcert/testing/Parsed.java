package capcert.testing;

import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates and CRLs made with the JDK's or Bouncy Castle's classes, as capcert reads them. */
public final class Parsed {

    private Parsed() {
    }

    public static ParsedCertificate certificate(X509Certificate certificate) {
        try {
            return ParsedCertificate.parse(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ParsedCertificate certificate(byte[] der) {
        try {
            return ParsedCertificate.parse(der);
        } catch (ParsedCertificate.NotACertificate e) {
            throw new IllegalStateException(e);
        }
    }

    public static ParsedCrl crl(X509CRL crl) {
        try {
            return ParsedCrl.parse(crl.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<ParsedCrl> crls(List<X509CRL> crls) {
        return crls.stream().map(Parsed::crl).toList();
    }
}
