package capcert.trust;

import java.security.cert.X509Certificate;

/** A certificate from a trust list, with where it came from ("ca-list.pem #3", "cacerts: digicertglobalrootg2"). */
public record TrustedCertificate(X509Certificate certificate, String source) {
}
