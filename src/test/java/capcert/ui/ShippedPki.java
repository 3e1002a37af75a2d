package capcert.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

/** The test PKI that made the shipped captures (test-captures/pki), as DER. */
final class ShippedPki {

    static final Path CAPTURES = Path.of("test-captures");
    static final Path UNKNOWN_CA = CAPTURES.resolve("tls12-unknown-ca.pcap");

    private ShippedPki() {
    }

    static Path file(String name) {
        return CAPTURES.resolve("pki").resolve(name);
    }

    static byte[] der(String name) {
        try (InputStream in = Files.newInputStream(file(name))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
