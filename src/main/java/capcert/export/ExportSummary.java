package capcert.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param certificates distinct certificates (by SHA-256)
 * @param chains       chain bundles, one per Certificate message
 * @param files        every file written, index last
 */
public record ExportSummary(int certificates, int chains, List<Path> files) {

    public ExportSummary {
        files = List.copyOf(files);
    }
}
