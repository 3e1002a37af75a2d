package capcert.ui;

import capcert.trust.CertificateFileException;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trust list chosen in the window (PEM bundle, DER, PKCS#7, a keystore without password, or a
 * directory of these) as a {@link TrustList}, through the same reader as {@code --trust}.
 */
final class TrustFiles {

    private TrustFiles() {
    }

    /** @throws IOException naming the file when it cannot be read or holds no certificate */
    static TrustList load(Path file) throws IOException {
        try {
            TrustList list = new TrustLists(null, warning -> { }).load(file);
            if (list.isEmpty()) throw new IOException(file + ": no certificate in it");
            return list;
        } catch (CertificateFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
