package capcert.check;

import capcert.check.path.CandidatePath;
import capcert.check.path.PathProblem;
import capcert.x509.ParsedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BC1: every certificate that signs another on the path is a CA allowed to sign certificates, no CA
 * has more CAs below it than its path length constraint allows (as the path engine found), the leaf
 * is not a CA, and a certificate whose key usage allows signing certificates is a CA.
 */
final class BasicConstraintsRules {

    private BasicConstraintsRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain, Optional<TrustPath.Outcome> trust) {
        List<Verdict> out = new ArrayList<>();
        if (chain.leaf().isEmpty() || trust.isEmpty()) return out;
        CandidatePath path = trust.get().path();
        List<Cert> certs = trust.get().certificates();
        Cert leaf = certs.get(0);
        for (int k = 1; k < certs.size(); k++) {
            int index = k;
            Cert ca = certs.get(k);
            Cert below = certs.get(k - 1);
            String who = chain.label(ca);
            boolean top = k == certs.size() - 1;
            // The top of a chain judged as sent, with no trust list to end it, stands in for a trust anchor
            // but is as likely an intermediate: judged like one, unless it is a root.
            boolean standIn = top && path.anchor().list() < 0 && !ca.selfSigned();
            int before = out.size();
            if (problem(path, PathProblem.Kind.NOT_A_CA, k).isPresent() || (standIn && !ca.isCa())) {
                boolean hasExtension = ca.parsed().basicConstraints().isPresent();
                out.add(fail(ca, who + " signed " + chain.label(below) + " but is not a CA: " + (ca.parsed().version() < 3
                                ? "it is a version " + ca.parsed().version() + " certificate, which cannot say it is one"
                                : "its Basic Constraints " + (hasExtension ? "say CA:FALSE" : "extension is missing"))
                                + ", so verifiers refuse the path.",
                        "Have " + who + " reissued as a CA certificate (Basic Constraints CA:TRUE, Key Usage keyCertSign),"
                                + " or get " + chain.label(below) + " issued by a proper CA."));
            } else if (problem(path, PathProblem.Kind.KEY_CERT_SIGN_MISSING, k).isPresent()
                    || (standIn && !ca.parsed().keyUsageAllows(ParsedCertificate.KEY_CERT_SIGN))) {
                out.add(fail(ca, who + " is a CA, but its Key Usage (" + KeyPurposes.keyUsage(ca) + ") lacks keyCertSign,"
                                + " so it may not sign certificates such as " + chain.label(below) + ".",
                        "Have " + who + " reissued with keyCertSign (and cRLSign) in its Key Usage."));
            }
            int limit = ca.parsed().basicConstraints().map(ParsedCertificate.Constraints::pathLen).orElse(-1);
            // A non-CA in the middle already fails on its own; counting it here too would blame its issuer.
            List<Cert> casBelow = certs.subList(1, k).stream().filter(c -> !c.selfIssued() && c.isCa()).toList();
            if (path.problems().stream().anyMatch(p -> p.kind() == PathProblem.Kind.PATH_LENGTH_EXCEEDED && p.imposedBy() == index)
                    && casBelow.size() > limit) {
                out.add(fail(ca, who + " allows at most " + Describe.plural(limit, "CA", "CAs") + " below it (path"
                                + " length constraint " + limit + "), but the path has " + casBelow.size() + ": "
                                + Describe.and(casBelow.stream().map(chain::label).toList()) + ".",
                        "Shorten the path (have the leaf issued by a CA closer to " + who + ") or have " + who
                                + " reissued with a larger path length."));
            }
            if (out.size() == before) {
                boolean root = top && ca.selfSigned();
                String what = top && !standIn && !ca.isCa() ? "it is the " + (root ? "root" : "trusted CA") + ", whose own"
                        + " constraints path validation does not check (XT1 judges them)"
                        : (root ? "it is a root CA" : "it is a CA")
                          + (limit >= 0 ? " with path length " + limit : "")
                          + (KeyPurposes.hasKeyUsage(ca) && KeyPurposes.allows(ca, KeyPurposes.KEY_CERT_SIGN) ? ", with keyCertSign" : "");
                out.add(Verdict.pass(Rule.BC1, ca.sha256(), who + " may sign " + chain.label(below) + ": " + what + "."));
            }
        }
        Cert sentLeaf = chain.leaf().get();
        if (sentLeaf.isCa() && !sentLeaf.selfIssued()) {
            boolean web = chain.options().profile() == Profile.WEB;
            out.add(new Verdict(Rule.BC1, web ? Severity.FAIL : Severity.WARN, Optional.of(sentLeaf.sha256()),
                    chain.label(sentLeaf) + " is the " + chain.sender() + "'s own certificate but is marked as a CA"
                            + " (Basic Constraints CA:TRUE): " + (web ? "the Baseline Requirements (7.1.2.7.8) forbid it in a"
                            + " subscriber certificate, and browsers refuse a CA certificate as a server's."
                            : "some peers refuse a CA certificate as an end-entity certificate."),
                    "Reissue it with Basic Constraints CA:FALSE."));
        }
        if (!leaf.isCa() && leaf.parsed().keyUsage().filter(k -> (k & ParsedCertificate.KEY_CERT_SIGN) != 0).isPresent()) {
            out.add(fail(leaf, chain.label(leaf) + " has keyCertSign in its Key Usage but is not a CA (Basic Constraints "
                            + (leaf.parsed().basicConstraints().isPresent() ? "CA:FALSE" : "missing") + "): RFC 5280 (4.2.1.3,"
                            + " 4.2.1.9) allows keyCertSign only with CA:TRUE, and strict verifiers refuse it.",
                    "Reissue it without keyCertSign in its Key Usage."));
        }
        return out;
    }

    private static Optional<PathProblem> problem(CandidatePath path, PathProblem.Kind kind, int index) {
        return path.problems().stream().filter(p -> p.kind() == kind && p.index() == index).findFirst();
    }

    private static Verdict fail(Cert about, String message, String remedy) {
        return new Verdict(Rule.BC1, Severity.FAIL, Optional.of(about.sha256()), message, remedy);
    }
}
