package capcert.cli;

import capcert.x509.BerBounds;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import capcert.trust.CertificateFile;
import capcert.trust.CertificateFileException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Certificates and CRLs from files as users have them, told apart by content, never by the file
 * name: certificates through the trust-list reader (PEM, DER, PKCS#7, keystores), CRLs through the
 * JDK's {@link CertificateFactory} (DER or PEM).
 */
final class PkiFiles {

    /** The largest CRLs public CAs publish are tens of megabytes. */
    private static final int MAX_CRL_FILE = 64 << 20;

    private PkiFiles() {
    }

    /** Every certificate in {@code file}, in file order, each keeping its bytes exactly as stored. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certificates = CertificateFile.read(file, null).certificates();
            if (certificates.isEmpty()) throw new IOException(file + ": no certificate found");
            return certificates;
        } catch (CertificateFileException e) {
            throw new IOException(CommandLineWording.describe(e), e);
        }
    }

    /** Every CRL in {@code file} (DER or PEM), read up to {@link #MAX_CRL_FILE} bytes whatever the file is (a FIFO, a device). */
    static List<X509CRL> crls(Path file) throws IOException {
        List<X509CRL> crls = new ArrayList<>();
        byte[] content;
        try (InputStream in = open(file)) {
            content = in.readNBytes(MAX_CRL_FILE + 1);
        }
        if (content.length > MAX_CRL_FILE) throw new IOException(file + ": too large for a CRL file (over " + MAX_CRL_FILE + " bytes)");
        Optional<String> outOfBounds = content.length > 0 && content[0] == 0x30 ? BerBounds.exceeded(content) : Optional.empty();
        if (outOfBounds.isPresent()) throw new IOException(file + ": no CRL could be read (" + outOfBounds.get() + ")");
        try {
            factory().generateCRLs(new ByteArrayInputStream(content)).forEach(crl -> crls.add((X509CRL) crl));
        } catch (CRLException e) {
            throw new IOException(file + ": no CRL could be read (" + reason(e) + ")", e);
        }
        if (crls.isEmpty()) throw new IOException(file + ": no CRL found");
        return crls;
    }

    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + ": is a directory");
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (FileSystemException e) {
            throw new IOException(Failures.describe(e), e);
        }
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every Java platform has an X.509 certificate factory", e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
