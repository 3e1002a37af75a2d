package capcert.cli;

import capcert.check.CheckTime;
import capcert.check.path.PathOptions;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs of path validation and the time validity is judged at, as options: {@code check},
 * {@code check-cert}, {@code report} and the Spark inventory take the same ones (a picocli mixin).
 */
public final class PathValidationOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

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
            at = Optional.of(CheckTime.parse(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The path validation inputs given. */
    public PathOptions pathOptions() {
        return new PathOptions(maxDepth, policies, requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy, partialChain);
    }

    /** The time given to judge validity at, besides each handshake's own. */
    public Optional<Instant> at() {
        return at;
    }
}
