package capcert.check;

import capcert.check.path.CandidatePath;
import capcert.check.path.PathProblem;
import capcert.x509.ParsedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What path validation found beyond trust itself, each under its own rule: name constraints of the
 * CAs and of the trust anchor (NC1), certificate policies with the verifier's policy inputs (CP1),
 * and critical extensions nobody processes (XT1). Judged on the path the trust lists gave, or on the
 * chain as sent when none was given.
 */
final class PathRules {

    private static final Set<PathProblem.Kind> NAMES = Set.of(PathProblem.Kind.NAME_NOT_PERMITTED,
            PathProblem.Kind.NAME_EXCLUDED, PathProblem.Kind.NAME_MALFORMED, PathProblem.Kind.NAME_CONSTRAINT_MALFORMED,
            PathProblem.Kind.NAME_CONSTRAINT_UNSUPPORTED);

    private PathRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain, Optional<TrustPath.Outcome> trust) {
        List<Verdict> out = new ArrayList<>();
        if (chain.leaf().isEmpty() || trust.isEmpty()) return out;
        CandidatePath path = trust.get().path();
        List<Cert> certs = trust.get().certificates();
        for (PathProblem p : path.problems()) {
            Cert at = certs.get(p.index());
            String who = chain.label(at);
            if (NAMES.contains(p.kind())) {
                out.add(names(p, who, p.imposedBy() >= 0 ? chain.label(certs.get(p.imposedBy())) : "a CA above it", at));
            } else if (p.kind() == PathProblem.Kind.POLICY || p.kind() == PathProblem.Kind.POLICY_MAPPING_ANY) {
                out.add(new Verdict(Rule.CP1, Severity.FAIL, Optional.of(at.sha256()),
                        p.kind() == PathProblem.Kind.POLICY_MAPPING_ANY
                                ? who + " maps a policy to or from anyPolicy, which RFC 5280 forbids: the path is invalid."
                                : "Certificate policies: at " + who + ", " + p.detail() + ".",
                        "Have the CAs issue under the policy the verifier requires, or check which policies the verifier asks for."));
            } else if (p.kind() == PathProblem.Kind.UNKNOWN_CRITICAL_EXTENSION) {
                out.add(new Verdict(Rule.XT1, Severity.FAIL, Optional.of(at.sha256()),
                        who + " has the critical extension " + p.subject() + ", which path validation does not process:"
                                + " RFC 5280 makes verifiers refuse a certificate with a critical extension they do not know.",
                        "Have it reissued without that extension, or with it marked non-critical."));
            }
        }
        boolean constrained = certs.stream().anyMatch(c -> c.parsed().nameConstraints().isPresent());
        if (constrained && out.stream().noneMatch(v -> v.rule() == Rule.NC1)) {
            List<String> by = certs.stream().filter(c -> c.parsed().nameConstraints().isPresent()).map(chain::label).toList();
            out.add(Verdict.pass(Rule.NC1, chain.leaf().get().sha256(), "Every name on the path is within the name constraints of "
                    + Describe.and(by) + "."));
        }
        if (out.stream().noneMatch(v -> v.rule() == Rule.CP1) && policiesAsked(chain) && path.problems().isEmpty()) {
            out.add(Verdict.pass(Rule.CP1, chain.leaf().get().sha256(), "The path is valid for the certificate policies "
                    + (path.policies().contains(ParsedCertificate.ANY_POLICY) ? "asked for (any policy)" : String.join(", ", path.policies())) + "."));
        }
        return out;
    }

    private static boolean policiesAsked(CheckedChain chain) {
        var path = chain.options().path();
        return !path.initialPolicies().isEmpty() || path.requireExplicitPolicy();
    }

    private static Verdict names(PathProblem p, String who, String imposer, Cert at) {
        String name = p.subject();
        String constraint = p.detail();
        String why = switch (p.kind()) {
            case NAME_EXCLUDED -> name + " of " + who + " falls in the subtree " + constraint + " that " + imposer
                    + " excludes" + (name.startsWith("DNS:*.") ? " (a wildcard stands for every name it matches, and one of"
                    + " them is excluded: CVE-2025-61727)" : "");
            case NAME_NOT_PERMITTED -> name + " of " + who + " is outside every subtree of its kind that " + imposer
                    + " permits (such as " + constraint + ")" + (name.startsWith("DNS:*.") ? ": a wildcard must be permitted"
                    + " for every name it matches" : "");
            case NAME_MALFORMED -> name + " of " + who + " breaks its form's syntax, so it cannot be placed within the"
                    + " constraint " + constraint + " of " + imposer;
            case NAME_CONSTRAINT_MALFORMED -> "the constraint " + constraint + " of " + imposer + " breaks the syntax RFC 5280"
                    + " gives its form, so " + name + " of " + who + " cannot be judged against it";
            default -> imposer + " constrains names of the form of " + name + " (" + constraint + "), which capcert does"
                    + " not process; RFC 5280 then requires rejecting a certificate with such a name, as " + who + " has";
        };
        return new Verdict(Rule.NC1, Severity.FAIL, Optional.of(at.sha256()), "Name constraints: " + why + ".",
                "Have " + who + " issued only with names " + imposer + " may certify, or have the CA's constraints"
                        + " corrected if they are wrong.");
    }
}
