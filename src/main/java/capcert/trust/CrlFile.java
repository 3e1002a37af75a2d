package capcert.trust;

import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CRLs in one file, DER or PEM ({@code X509 CRL} blocks, text around them ignored), told apart
 * by content. A CRL whose fields break RFC 5280 is still read, for revocation checking to set aside
 * with a word: only bytes that are no CRL at all make the file unreadable.
 */
public final class CrlFile {

    private CrlFile() {
    }

    /**
     * The CRLs of a PEM or DER file.
     *
     * @throws CertificateFileException missing, unreadable, or holding no CRL
     */
    public static List<ParsedCrl> read(Path path) throws CertificateFileException {
        byte[] content = CertificateFile.content(path);
        if (content.length == 0) throw new CertificateFileException(path, "empty file");
        List<ParsedCrl> out = new ArrayList<>();
        if (content[0] == 0x30) {
            out.add(crl(path, "", content));
            return out;
        }
        PemBlocks.Found found = PemBlocks.find(content);
        int number = 0;
        for (PemBlocks.Block block : found.blocks()) {
            number++;
            if (!block.label().equals("X509 CRL")) continue;
            try {
                out.add(crl(path, "PEM block " + number + ": ", block.der()));
            } catch (IllegalArgumentException e) {
                throw new CertificateFileException(path, "PEM block " + number + ": damaged (bad Base64)");
            }
        }
        if (out.isEmpty()) throw new CertificateFileException(path, "no CRL found (neither DER nor a PEM X509 CRL block)");
        return out;
    }

    private static ParsedCrl crl(Path path, String where, byte[] der) throws CertificateFileException {
        try {
            return ParsedCrl.parse(der);
        } catch (ParsedCertificate.NotACertificate e) {
            throw new CertificateFileException(path, where + e.getMessage());
        }
    }
}
