package capcert.trust;

import java.nio.file.Path;

/**
 * A certificate file (or trust list) that cannot be used: missing, unreadable, not certificates,
 * empty, damaged, or a keystore whose password is wrong. The message is one line that starts with
 * the file, fit to print as it is.
 */
public class CertificateFileException extends Exception {

    private final transient Path file;

    public CertificateFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
