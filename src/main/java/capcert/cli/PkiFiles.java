package capcert.cli;

import capcert.trust.CertificateFile;
import capcert.trust.CertificateFileException;
import capcert.trust.CrlFile;
import capcert.x509.ParsedCrl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Certificates and CRLs from files as users have them, told apart by content, never by the file
 * name: certificates through the trust-list reader (PEM, DER, PKCS#7, keystores), CRLs DER or PEM.
 * Both are read with Bouncy Castle's ASN.1 parser, so that what is malformed in them is for the
 * checks to name rather than a reason to refuse the file.
 */
final class PkiFiles {

    private PkiFiles() {
    }

    /** Every certificate in {@code file}, in file order, each with its bytes exactly as stored. */
    static List<byte[]> certificates(Path file) throws IOException {
        try {
            List<byte[]> certificates = CertificateFile.read(file, null).ders();
            if (certificates.isEmpty()) throw new IOException(file + ": no certificate found");
            return certificates;
        } catch (CertificateFileException e) {
            throw new IOException(CommandLineWording.describe(e), e);
        }
    }

    /** Every CRL in {@code file} (DER or PEM). */
    static List<ParsedCrl> crls(Path file) throws IOException {
        try {
            return CrlFile.read(file);
        } catch (CertificateFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
