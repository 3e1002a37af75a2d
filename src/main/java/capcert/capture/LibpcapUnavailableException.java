package capcert.capture;

/** The system libpcap could not be loaded; the message says what to install. */
public final class LibpcapUnavailableException extends Exception {

    private final String detail;

    LibpcapUnavailableException(Throwable cause) {
        super(describe(cause.getMessage(), ""), cause);
        this.detail = cause.getMessage();
    }

    /** Why the JVM could not load it, in its own words. */
    public String detail() {
        return detail;
    }

    /**
     * What to install, then {@code alternative} (a face's other way out, such as the command line's
     * {@code ", or use the built-in reader (--reader java)"}), then the JVM's {@code detail}.
     */
    public static String describe(String detail, String alternative) {
        return "libpcap is not installed or cannot be loaded: install it"
                + " (Debian/Ubuntu: apt-get install libpcap0.8; Fedora/RHEL: dnf install libpcap; macOS has it)"
                + alternative + " [" + detail + "]";
    }
}
