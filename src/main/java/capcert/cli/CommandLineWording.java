package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.capture.Limit;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.Problem;
import capcert.check.Wording;

/** The command line's words: a limit or an input is named by the option that sets it. */
final class CommandLineWording implements Wording {

    static final CommandLineWording INSTANCE = new CommandLineWording();

    static final String MAX_BUFFER = "--max-buffer";
    static final String MAX_BUFFER_TOTAL = "--max-buffer-total";
    static final String MAX_HANDSHAKE = "--max-handshake";
    static final String MAX_CERTIFICATES = "--max-certificates";
    static final String MAX_CONNECTIONS = "--max-connections";
    static final String READER = "--reader";

    private CommandLineWording() {
    }

    @Override
    public String howToRaise(Limit limit) {
        return switch (limit) {
            case BUFFER_PER_STREAM -> " (raise the limit with " + MAX_BUFFER + ")";
            case BUFFER_TOTAL -> " (raise the limit with " + MAX_BUFFER_TOTAL + ")";
            case HANDSHAKE_MESSAGE -> " (raise it with " + MAX_HANDSHAKE + ")";
            case CERTIFICATES_PER_MESSAGE -> " (raise the limit with " + MAX_CERTIFICATES + ")";
            case CONNECTIONS -> " (raise the limit with " + MAX_CONNECTIONS + ")";
        };
    }

    @Override
    public String text(Problem problem) {
        if (problem instanceof CaptureProblem.LibpcapMissing missing) return libpcapMissing(missing.detail());
        return Wording.super.text(problem);
    }

    /** What to install, or that the built-in reader needs nothing. */
    static String libpcapMissing(String detail) {
        return LibpcapUnavailableException.describe(detail, ", or use the built-in reader (" + READER + " java)");
    }
}
