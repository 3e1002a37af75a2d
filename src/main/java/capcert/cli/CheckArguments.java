package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options {@code check} and {@code check-cert} share: what chains are checked against, and how verdicts are shown. */
final class CheckArguments {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = CommandLineWording.EXPECT_NAME, paramLabel = "NAME",
            description = "A name every server certificate must carry, e.g. collab-edge.example.com (repeatable).")
    private List<String> expectedNames = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "generic",
            description = "generic (RFC 5280 and the TLS role played) or expressway (both EKUs, no wildcards, "
                    + "SAN within 999 characters). Default: ${DEFAULT-VALUE}.")
    private Profile profile;

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
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : crlFiles) crls.addAll(PkiFiles.crls(file));
        return new CheckOptions(trust.trustLists(), expectedNames, validityAt, profile, crls);
    }
}
