package capcert.capture;

/** The system libpcap could not be loaded; the message says what to install. */
public final class LibpcapUnavailableException extends Exception {

    static final String INSTALL_HINT = "libpcap is not installed or cannot be loaded: install it"
            + " (Debian/Ubuntu: apt-get install libpcap0.8; Fedora/RHEL: dnf install libpcap; macOS has it)"
            + ", or use the built-in reader (--reader java)";

    LibpcapUnavailableException(Throwable cause) {
        super(INSTALL_HINT + " [" + cause.getMessage() + "]", cause);
    }
}
