package capcert.ui;

import capcert.capture.CaptureFiles;
import capcert.trust.CertificateFile;
import capcert.trust.CertificateFileException;
import capcert.trust.KeystorePasswordException;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trust list chosen in the window (PEM bundle, DER, PKCS#7, a keystore without password, or a
 * directory of these) as a {@link TrustList}, through the same reader as {@code --trust}.
 */
final class TrustFiles {

    private TrustFiles() {
    }

    /**
     * Whether a dropped file is a trust list rather than a capture or key log: it reads as a
     * certificate file or keystore (told by its content, as {@code --trust} tells it).
     */
    static boolean looksLikeTrustList(Path file) {
        if (!Files.isRegularFile(file) || CaptureFiles.looksLikeCapture(file)) return false;
        try {
            CertificateFile.read(file, null);
            return true;
        } catch (KeystorePasswordException e) {
            return true;
        } catch (CertificateFileException e) {
            return false;
        }
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
