package capcert.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param certificates distinct certificates (by SHA-256)
 * @param chains       chain bundles, one per Certificate message
 * @param evidence     files under {@code evidence/}: OCSP messages, CRLs and the certificates carried outside handshakes
 * @param files        every file written, index last
 */
public record ExportSummary(int certificates, int chains, int evidence, List<Path> files) {

    public ExportSummary {
        files = List.copyOf(files);
    }

    public ExportSummary(int certificates, int chains, List<Path> files) {
        this(certificates, chains, 0, files);
    }
}
