package capcert.check.path;

import capcert.x509.Signatures;

import capcert.x509.ExtensionNames;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCertificate.PolicyLimits;
import capcert.x509.ParsedCertificate.PolicyMapping;
import capcert.x509.PublicKeyInfo;
import org.bouncycastle.crypto.params.DSAParameters;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static capcert.x509.ParsedCertificate.ANY_POLICY;

/**
 * RFC 5280 §6.1 over one path, from the trust anchor down: signatures (with DSA parameter
 * inheritance), validity, name constraints (the anchor's included, RFC 5937),
 * certificate policies with the four initial inputs, basic constraints and path length (the
 * anchor's pathLenConstraint included), key usage, and critical extensions nobody processes (the
 * anchor's included, as OpenSSL does). Revocation is {@link RevocationChecker}'s. Times are compared
 * at the second, the precision certificates have: a validation time inside the last second of
 * notAfter is still within it. Names chain by construction: the builder links a certificate only
 * to issuers with its issuer's name.
 */
final class PathValidator {

    /** What one path gave: its problems in path order, and the user-constrained-policy-set. */
    record Result(List<PathProblem> problems, Set<String> policies) {
    }

    private PathValidator() {
    }

    /** @param path the target first, the anchor's certificate last */
    static Result validate(List<ParsedCertificate> path, Instant when, PathOptions options) {
        int size = path.size();
        int n = size - 1;
        List<PathProblem> problems = new ArrayList<>();
        Instant at = when.truncatedTo(ChronoUnit.SECONDS);
        ParsedCertificate anchor = path.get(n);

        validity(anchor, n, at, problems);
        unknownCritical(anchor, n, problems);
        if (n == 0) return new Result(problems, Set.of(ANY_POLICY));

        NameConstraintsState names = new NameConstraintsState();
        names.add(n, anchor);
        PolicyTree tree = new PolicyTree();
        int explicitPolicy = options.requireExplicitPolicy() ? 0 : n + 1;
        int inhibitAny = options.inhibitAnyPolicy() ? 0 : n + 1;
        int policyMapping = options.inhibitPolicyMapping() ? 0 : n + 1;
        int maxPathLength = n;
        int maxPathImposedBy = -1;
        if (anchor.basicConstraints().filter(bc -> bc.ca() && bc.pathLen() >= 0).isPresent()) {
            maxPathLength = Math.min(maxPathLength, anchor.basicConstraints().get().pathLen());
            maxPathImposedBy = n;
        }
        PublicKeyInfo workingKey = anchor.publicKey();
        DSAParameters workingDsa = Signatures.dsaParameters(workingKey);
        boolean policyFailed = false;

        // i counts as RFC 5280 does: 1 for the certificate the anchor issued, n for the target.
        for (int i = 1; i <= n; i++) {
            int index = n - i;
            ParsedCertificate cert = path.get(index);
            boolean last = i == n;

            Signatures.Verification signature = Signatures.verify(cert.tbs(), cert.signatureAlgorithm(), cert.signature(),
                    workingKey, workingKey.dsaWithoutParameters() ? workingDsa : null);
            if (signature.outcome() == Signatures.Outcome.UNSUPPORTED) {
                problems.add(PathProblem.at(PathProblem.Kind.SIGNATURE_UNSUPPORTED, index,
                        cert.signatureAlgorithm().getAlgorithm().getId(), signature.reason()));
            } else if (signature.outcome() == Signatures.Outcome.INVALID) {
                problems.add(PathProblem.at(PathProblem.Kind.SIGNATURE_INVALID, index, "", signature.reason()));
            }
            validity(cert, index, at, problems);
            if (!cert.selfIssued() || last) {
                names.check(cert, last).ifPresent(v -> problems.add(new PathProblem(v.kind(), index, v.imposedBy(), v.name(), v.constraint())));
            }

            tree.process(cert, i, inhibitAny > 0 || (!last && cert.selfIssued()));
            if (!policyFailed && explicitPolicy <= 0 && tree.isNull()) {
                policyFailed = true;
                problems.add(PathProblem.at(PathProblem.Kind.POLICY, index, "",
                        cert.policies().isEmpty() ? "it has no certificatePolicies where an explicit policy is required"
                                : "none of its policies is valid along the path, and an explicit policy is required"));
            }

            if (last) {
                unknownCritical(cert, index, problems);
                break;
            }

            // §6.1.4: preparing for the certificate below.
            Optional<List<PolicyMapping>> mappings = cert.policyMappings();
            if (mappings.isPresent()) {
                boolean any = mappings.get().stream().anyMatch(m -> m.issuerDomainPolicy().equals(ANY_POLICY)
                        || m.subjectDomainPolicy().equals(ANY_POLICY));
                if (any) {
                    problems.add(PathProblem.at(PathProblem.Kind.POLICY_MAPPING_ANY, index, "", ""));
                } else {
                    tree.map(mappings.get(), i, policyMapping > 0);
                }
            }
            names.add(index, cert);
            PublicKeyInfo nextKey = cert.publicKey();
            if (!nextKey.dsaWithoutParameters()) workingDsa = Signatures.dsaParameters(nextKey);
            workingKey = nextKey;
            if (!cert.selfIssued()) {
                if (explicitPolicy > 0) explicitPolicy--;
                if (policyMapping > 0) policyMapping--;
                if (inhibitAny > 0) inhibitAny--;
            }
            Optional<PolicyLimits> limits = cert.policyConstraints();
            if (limits.isPresent()) {
                int require = limits.get().requireExplicitPolicy();
                int inhibit = limits.get().inhibitPolicyMapping();
                if (require >= 0 && require < explicitPolicy) explicitPolicy = require;
                if (inhibit >= 0 && inhibit < policyMapping) policyMapping = inhibit;
            }
            Optional<Integer> skip = cert.inhibitAnyPolicy();
            if (skip.isPresent() && skip.get() >= 0 && skip.get() < inhibitAny) inhibitAny = skip.get();

            if (cert.version() < 3 || !cert.isCa()) {
                problems.add(PathProblem.at(PathProblem.Kind.NOT_A_CA, index, "",
                        cert.version() < 3 ? "it is a version " + cert.version() + " certificate, which has no basicConstraints"
                                : cert.basicConstraints().isEmpty() ? "it has no basicConstraints" : "its basicConstraints say cA FALSE"));
            }
            if (!cert.selfIssued()) {
                if (maxPathLength <= 0) {
                    problems.add(new PathProblem(PathProblem.Kind.PATH_LENGTH_EXCEEDED, index, maxPathImposedBy, "", ""));
                }
                maxPathLength--;
            }
            int pathLen = cert.basicConstraints().map(ParsedCertificate.Constraints::pathLen).orElse(-1);
            if (pathLen >= 0 && pathLen < maxPathLength) {
                maxPathLength = pathLen;
                maxPathImposedBy = index;
            }
            if (!cert.keyUsageAllows(ParsedCertificate.KEY_CERT_SIGN)) {
                problems.add(PathProblem.at(PathProblem.Kind.KEY_CERT_SIGN_MISSING, index, "", ""));
            }
            unknownCritical(cert, index, problems);
        }

        // §6.1.5: wrap-up.
        if (explicitPolicy > 0) explicitPolicy--;
        ParsedCertificate target = path.get(0);
        if (target.policyConstraints().filter(l -> l.requireExplicitPolicy() == 0).isPresent()) explicitPolicy = 0;
        tree.intersect(options.initialPolicies(), n);
        if (!policyFailed && explicitPolicy <= 0 && tree.isNull()) {
            problems.add(PathProblem.at(PathProblem.Kind.POLICY, 0, "",
                    options.initialPolicies().isEmpty() ? "no certificate policy is valid along the whole path, and one is required"
                            : "no policy the path is valid for is among the acceptable ones (" + String.join(", ", options.initialPolicies()) + ")"));
        }
        return new Result(problems, tree.isNull() ? Set.of() : tree.policies(n));
    }

    private static void validity(ParsedCertificate cert, int index, Instant at, List<PathProblem> problems) {
        if (at.isBefore(cert.notBefore())) {
            problems.add(PathProblem.at(PathProblem.Kind.NOT_YET_VALID, index, cert.notBefore().toString(), ""));
        } else if (at.isAfter(cert.notAfter())) {
            problems.add(PathProblem.at(PathProblem.Kind.EXPIRED, index, cert.notAfter().toString(), ""));
        }
    }

    private static void unknownCritical(ParsedCertificate cert, int index, List<PathProblem> problems) {
        for (ParsedCertificate.Ext e : cert.extensions()) {
            if (e.critical() && !ExtensionNames.processed(e.oid())) {
                problems.add(PathProblem.at(PathProblem.Kind.UNKNOWN_CRITICAL_EXTENSION, index, ExtensionNames.name(e.oid()), ""));
            }
        }
    }
}
