package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.Limit;
import capcert.capture.Problem;
import capcert.check.Wording;
import capcert.tls.Note;
import capcert.trust.CertificateFileException;
import capcert.trust.KeystorePasswordException;

/** The command line's words: a limit or an input is named by the option that sets it, the files to check by the command. */
final class CommandLineWording implements Wording.ByOption {

    static final CommandLineWording INSTANCE = new CommandLineWording();

    static final String MAX_BUFFER = "--max-buffer";
    static final String MAX_BUFFER_TOTAL = "--max-buffer-total";
    static final String MAX_HANDSHAKE = "--max-handshake";
    static final String MAX_CERTIFICATES = "--max-certificates";
    static final String MAX_CONNECTIONS = "--max-connections";
    static final String MAX_MEMORY = "--max-memory";
    static final String READER = "--reader";
    static final String TRUST = "--trust";
    static final String TRUST_PASSWORD = "--trust-password";
    static final String CRL = "--crl";
    static final String EXPECT_NAME = "--expect-name";
    static final String AT = "--at";
    static final String CHECK_CERT = "check-cert";
    static final String MAX_DEPTH = "--max-depth";
    static final String PARTIAL_CHAIN = "--partial-chain";

    private CommandLineWording() {
    }

    @Override
    public String howToRaise(Limit limit) {
        return ScanLimitOptions.howToRaise(limit, "give Java the heap for it");
    }

    /** The option that gives {@code input}, or for certificate files the command that takes them. */
    @Override
    public String option(Input input) {
        return switch (input) {
            case TRUST_LIST -> TRUST;
            case CRL -> CRL;
            case EXPECTED_NAME -> EXPECT_NAME;
            case CHECK_TIME -> AT;
            case CERTIFICATE_FILES -> CHECK_CERT;
            case MAX_INTERMEDIATES -> MAX_DEPTH;
            case PARTIAL_CHAIN -> PARTIAL_CHAIN;
        };
    }

    /** How to check what is not a capture but certificates, after "check certificate files". */
    private static final String CHECK_CERTIFICATE_FILES = "with `capcert " + CHECK_CERT + "`";

    @Override
    public String text(Problem problem) {
        if (problem instanceof CaptureProblem.LibpcapMissing missing) return libpcapMissing(missing.detail());
        if (problem instanceof CaptureProblem.NotACapture other) return other.message(CHECK_CERTIFICATE_FILES);
        if (problem instanceof CaptureProblem.NotForLibpcap other) {
            return other.message(CHECK_CERTIFICATE_FILES, " (" + READER + " java, the default)");
        }
        return ByOption.super.text(problem);
    }

    @Override
    public String text(Note note) {
        // CRYPTO data is cut at the limit rather than a message skipped: worded as the other limits are.
        if (note instanceof Note.CryptoDataOverLimit crypto) {
            return crypto.message(" (raise the limit with " + MAX_HANDSHAKE + ")");
        }
        return ByOption.super.text(note);
    }

    /** A certificate file that cannot be used, naming the option for a keystore's password. */
    static String describe(CertificateFileException e) {
        return e instanceof KeystorePasswordException password ? password.message(TRUST_PASSWORD) : e.getMessage();
    }

    /** What to install, or that the built-in reader needs nothing. */
    static String libpcapMissing(String detail) {
        return LibpcapUnavailableException.describe(detail, ", or use the built-in reader (" + READER + " java)");
    }
}
