package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.check.path.PathOptions;
import capcert.x509.ParsedCrl;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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

    @Option(names = CommandLineWording.MAX_DEPTH, paramLabel = "N",
            description = "The most intermediate CAs a path may have between the certificate and the trusted CA. Default: "
                    + PathOptions.DEFAULT_MAX_INTERMEDIATES + ".")
    private void maxDepth(int value) {
        if (value < 0) throw new ParameterException(spec.commandLine(), "--max-depth must be 0 or more, not " + value);
        maxDepth = value;
    }

    private int maxDepth = PathOptions.DEFAULT_MAX_INTERMEDIATES;

    @Option(names = "--policy", paramLabel = "OID",
            description = "A certificate policy the path must be valid for (repeatable; RFC 5280's user-initial-policy-set). "
                    + "Default: any policy.")
    private void policies(List<String> values) {
        // A repeatable option's setter is given every value so far.
        policies.clear();
        for (String value : values) {
            try {
                policies.add(new ASN1ObjectIdentifier(value.strip()).getId());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--policy takes a dotted OID such as 2.23.140.1.2.1, not " + value);
            }
        }
    }

    private final Set<String> policies = new LinkedHashSet<>();

    @Option(names = "--require-explicit-policy", description = "The path must be valid for at least one certificate policy "
            + "(RFC 5280's initial-explicit-policy).")
    private boolean requireExplicitPolicy;

    @Option(names = "--inhibit-policy-mapping", description = "Policy mappings in CA certificates are not followed "
            + "(initial-policy-mapping-inhibit).")
    private boolean inhibitPolicyMapping;

    @Option(names = "--inhibit-any-policy", description = "anyPolicy in a certificate matches no policy (initial-any-policy-inhibit).")
    private boolean inhibitAnyPolicy;

    @Option(names = CommandLineWording.PARTIAL_CHAIN, description = "Accept any certificate of the trust lists as the end of a path, also a CA "
            + "that is not self-signed (OpenSSL's -partial_chain). Without it, a path must end at a trusted root.")
    private boolean partialChain;

    private Optional<Instant> at = Optional.empty();

    @Option(names = CommandLineWording.AT, paramLabel = "TIME",
            description = "Check validity at this time: now, a date (2026-01-31, start of day UTC) or an instant (2026-01-31T12:00:00Z).")
    private void at(String value) {
        try {
            at = Optional.of(Times.parse(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

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
        return at;
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
        PathOptions path = new PathOptions(maxDepth, policies, requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy,
                partialChain);
        return new CheckOptions(trust.trustLists(), expectedNames, validityAt, profile, crls, List.of(), path, requiredPurposes);
    }
}
