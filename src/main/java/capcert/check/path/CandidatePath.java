package capcert.check.path;

import capcert.x509.ParsedCertificate;

import java.util.List;
import java.util.Set;

/**
 * One path the builder found from the target to a trust anchor, and what validating it gave.
 *
 * @param certificates the target first, the trust anchor's certificate last
 * @param problems     why it is not valid, in path order; empty when it is
 * @param revocation   one status per certificate below the anchor, in the order of {@code certificates}
 * @param policies     the user-constrained-policy-set (anyPolicy alone when no policy constrains the path)
 */
public record CandidatePath(List<ParsedCertificate> certificates, TrustAnchor anchor, List<PathProblem> problems,
                            List<RevocationStatus> revocation, Set<String> policies) {

    public CandidatePath {
        certificates = List.copyOf(certificates);
        problems = List.copyOf(problems);
        revocation = List.copyOf(revocation);
        policies = Set.copyOf(policies);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public ParsedCertificate target() {
        return certificates.get(0);
    }
}
