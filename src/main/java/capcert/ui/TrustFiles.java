package capcert.ui;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A trust-list file (PEM bundle, DER, PKCS#7) as a {@link TrustList}, read with the JDK alone.
 * A stand-in for the loader of {@code capcert.trust} (issue 3): swap {@link #load} for it when it lands.
 */
final class TrustFiles {

    private TrustFiles() {
    }

    /** @throws IOException naming the file when it cannot be read or holds no certificate */
    static TrustList load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<TrustedCertificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add(new TrustedCertificate((X509Certificate) certificate,
                        file.getFileName() + " #" + (certificates.size() + 1)));
            }
            if (certificates.isEmpty()) throw new IOException(file + ": no certificate in it");
            return TrustList.of(certificates);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a certificate file (" + e.getMessage() + ")", e);
        }
    }
}
