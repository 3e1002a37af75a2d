package capcert.trust;

import java.nio.file.Path;

/**
 * A file whose content is no kind of certificate file at all (as opposed to a damaged one): named
 * on the command line it is an error, met in a directory it is skipped.
 */
final class NotACertificateFile extends CertificateFileException {

    NotACertificateFile(Path file, String reason) {
        super(file, reason);
    }
}
