package capcert.tls;

/** A key log file that cannot be read: missing, unreadable or too large. The message names the file. */
public final class KeyLogException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyLogException(String message) {
        super(message);
    }
}
