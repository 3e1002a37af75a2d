package capcert.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BC1: every certificate that signs another on the path is a CA allowed to sign certificates,
 * no CA has more CAs below it than its path length constraint allows, and the leaf is not a CA.
 */
final class BasicConstraintsRules {

    private BasicConstraintsRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain, List<TrustPath.Outcome> trust) {
        List<Verdict> out = new ArrayList<>();
        if (chain.leaf().isEmpty()) return out;
        List<Cert> path = path(chain, trust);
        Cert leaf = path.get(0);
        for (int k = 1; k < path.size(); k++) {
            Cert ca = path.get(k);
            Cert below = path.get(k - 1);
            String who = chain.label(ca);
            boolean root = k == path.size() - 1 && ca.selfSigned();
            int before = out.size();
            if (!root && !ca.isCa()) {
                boolean hasExtension = ca.x509().getExtensionValue("2.5.29.19") != null;
                out.add(fail(ca, who + " signed " + chain.label(below) + " but is not a CA: its Basic Constraints "
                                + (hasExtension ? "say CA:FALSE" : "extension is missing") + ", so verifiers refuse the path.",
                        "Have " + who + " reissued as a CA certificate (Basic Constraints CA:TRUE, Key Usage keyCertSign),"
                                + " or get " + chain.label(below) + " issued by a proper CA."));
            } else if (!root && !KeyPurposes.allows(ca, KeyPurposes.KEY_CERT_SIGN)) {
                out.add(fail(ca, who + " is a CA, but its Key Usage (" + KeyPurposes.keyUsage(ca) + ") lacks keyCertSign,"
                                + " so it may not sign certificates such as " + chain.label(below) + ".",
                        "Have " + who + " reissued with keyCertSign (and cRLSign) in its Key Usage."));
            }
            int limit = ca.x509().getBasicConstraints();
            if (ca.isCa() && limit != Integer.MAX_VALUE) {
                // A non-CA in the middle already fails on its own; counting it here too would blame its issuer.
                List<Cert> casBelow = path.subList(1, k).stream().filter(c -> !c.selfIssued() && c.isCa()).toList();
                if (casBelow.size() > limit) {
                    out.add(fail(ca, who + " allows at most " + Describe.plural(limit, "CA", "CAs") + " below it (path"
                                    + " length constraint " + limit + "), but the path has " + casBelow.size() + ": "
                                    + Describe.and(casBelow.stream().map(chain::label).toList()) + ".",
                            "Shorten the path (have the leaf issued by a CA closer to " + who + ") or have " + who
                                    + " reissued with a larger path length."));
                }
            }
            if (out.size() == before) {
                String what = root && !ca.isCa() ? "it is the root, whose own constraints verifiers do not check"
                        : (root ? "it is a root CA" : "it is a CA")
                          + (limit != Integer.MAX_VALUE ? " with path length " + limit : "")
                          + (KeyPurposes.hasKeyUsage(ca) && KeyPurposes.allows(ca, KeyPurposes.KEY_CERT_SIGN)
                             ? ", with keyCertSign" : "");
                out.add(Verdict.pass(Rule.BC1, ca.sha256(), who + " may sign " + chain.label(below) + ": " + what + "."));
            }
        }
        if (leaf.isCa() && !leaf.selfIssued()) {
            out.add(new Verdict(Rule.BC1, Severity.WARN, Optional.of(leaf.sha256()),
                    chain.label(leaf) + " is the " + chain.sender() + "'s own certificate but is marked as a CA"
                            + " (Basic Constraints CA:TRUE): some peers refuse a CA certificate as an end-entity certificate.",
                    "Reissue it with Basic Constraints CA:FALSE."));
        }
        return out;
    }

    /** The path the trust lists give (the first one built, else the first walk), or the chain as sent. */
    private static List<Cert> path(CheckedChain chain, List<TrustPath.Outcome> trust) {
        return trust.stream().filter(o -> o.accepted().isPresent()).findFirst()
                .or(() -> trust.stream().findFirst())
                .map(TrustPath.Outcome::path)
                .orElseGet(() -> IssuerWalk.forChain(chain, List.of()).certificates());
    }

    private static Verdict fail(Cert about, String message, String remedy) {
        return new Verdict(Rule.BC1, Severity.FAIL, Optional.of(about.sha256()), message, remedy);
    }
}
