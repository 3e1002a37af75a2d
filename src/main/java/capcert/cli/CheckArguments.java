package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.x509.ParsedCrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The options {@code check} and {@code check-cert} share: what chains are checked against, and how verdicts are shown. */
final class CheckArguments {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = CommandLineWording.EXPECT_NAME, paramLabel = "NAME",
            description = "A name every server certificate must carry, e.g. collab-edge.example.com, an IP address, or a "
                    + "mailbox (alice@example.com, checked against e-mail SANs) (repeatable).")
    private List<String> expectedNames = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "generic",
            description = "generic (RFC 5280 and the TLS role played), web (plus the CA/Browser Forum Baseline "
                    + "Requirements for server certificates) or expressway (both EKUs, no wildcards, SAN within 999 "
                    + "characters). Default: ${DEFAULT-VALUE}.")
    private Profile profile;

    @picocli.CommandLine.Mixin
    private PathValidationOptions pathValidation = new PathValidationOptions();

    @Option(names = CommandLineWording.CRL, paramLabel = "FILE",
            description = "Check revocation against this CRL (PEM or DER, repeatable); without one, revocation is reported as not checked.")
    private List<Path> crlFiles = new ArrayList<>();

    @Option(names = "--json", description = "Write JSON instead of text.")
    private boolean json;

    @Option(names = "--no-color", description = "No colours, even on a terminal (so does a non-empty NO_COLOR).")
    private boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "List every PASS verdict rather than one line of them.")
    private boolean verbose;

    @Option(names = "--problems-only", description = "Show only FAIL, WARN and UNKNOWN verdicts, and only the handshakes that have one.")
    private boolean problemsOnly;

    @picocli.CommandLine.Mixin
    private WidthOptions width = new WidthOptions();

    boolean problemsOnly() {
        return problemsOnly;
    }

    /**
     * Columns the text is wrapped to: {@code --width}, else the terminal's, else {@value #FILE_WIDTH} (a file or
     * pipe: lines a ticket or mail can take); none with {@code --wide}. {@code --json} takes neither.
     */
    OptionalInt width(Context context) {
        width.refuseWith(json, "--json");
        return width.columns(context, OptionalInt.of(FILE_WIDTH));
    }

    /**
     * For a command that prints no verdicts ({@code report}): the options that shape the verdicts
     * {@code check} prints ({@code --json}, {@code --verbose}, {@code --no-color}, {@code --problems-only},
     * {@code --width}, {@code --wide}) are refused, not silently ignored.
     */
    void refuseTerminalOptions(String command) {
        String why = "shapes the verdicts check prints; " + command + " does not print them";
        if (json) throw new ParameterException(spec.commandLine(), "--json " + why);
        if (verbose) throw new ParameterException(spec.commandLine(), "--verbose " + why);
        if (noColor) throw new ParameterException(spec.commandLine(), "--no-color " + why);
        if (problemsOnly) throw new ParameterException(spec.commandLine(), "--problems-only " + why);
        width.refuse(why);
    }

    static final int FILE_WIDTH = 100;

    Optional<Instant> at() {
        return pathValidation.at();
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    boolean colour(Context context) {
        return context.colourTerminal() && !noColor;
    }

    /**
     * Reads the trust lists and CRLs the options name; a file that cannot be read fails with a
     * one-line message naming it.
     */
    CheckOptions options(TrustOptions trust, Optional<Instant> validityAt) throws IOException {
        return options(trust, validityAt, List.of());
    }

    /** @param requiredPurposes EKU OIDs the leaf must allow; empty for the one its role needs */
    CheckOptions options(TrustOptions trust, Optional<Instant> validityAt, List<String> requiredPurposes) throws IOException {
        List<ParsedCrl> crls = new ArrayList<>();
        for (Path file : crlFiles) crls.addAll(PkiFiles.crls(file));
        return new CheckOptions(trust.trustLists(), expectedNames, validityAt, profile, crls, List.of(), pathValidation.pathOptions(),
                requiredPurposes);
    }
}
