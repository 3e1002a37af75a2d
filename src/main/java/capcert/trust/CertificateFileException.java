package capcert.trust;

import java.nio.file.Path;

/**
 * A certificate file (or trust list) that cannot be used: missing, unreadable, not certificates,
 * empty, damaged, or a keystore whose password is wrong ({@link KeystorePasswordException}). The
 * message is one line that starts with the file, fit to print as it is.
 */
public class CertificateFileException extends Exception {

    private final transient Path file;
    private final String reason;

    public CertificateFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** What is wrong with the file, without its name. */
    public String reason() {
        return reason;
    }
}
