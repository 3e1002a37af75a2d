package capcert.check;

import capcert.check.IssuerWalk.Found;
import capcert.check.IssuerWalk.Source;
import capcert.check.path.CandidatePath;
import capcert.check.path.PathProblem;
import capcert.x509.DistinguishedName;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why the trust lists give a chain no valid path (CH2), in the words of the situation: a trusted
 * intermediate without its root, a trusted root without its intermediate, a root nobody trusts, a
 * path refused for a reason the engine names. A CH4 hint (WARN) goes with it when the lists look like
 * they predate a CA's renewal: a CA with the missing issuer's name but another key, or a CA of the
 * same organisation under another name. Every verdict is about the leaf: it is the chain's verdict.
 */
final class TrustFailure {

    private TrustFailure() {
    }

    /** No path to a trusted CA could be built at all: where the issuers stop. */
    static List<Verdict> explain(CheckedChain chain, TrustPath.Outcome outcome) {
        IssuerWalk walk = outcome.walk();
        Cert last = walk.last().cert();
        if (outcome.search().map(s -> s.depthLimited()).orElse(false)) return List.of(tooLong(chain, outcome));
        return switch (walk.end()) {
            case ANCHOR -> List.of(fail(chain, "The issuers of " + chain.label(chain.leaf().orElseThrow()) + " reach "
                            + last.label() + " of " + lists(outcome) + ", but no valid path could be built through them"
                            + (outcome.search().map(s -> s.budgetExceeded()).orElse(false) ? " within the search's work limit" : "") + ".",
                    "See the other verdicts for this chain."));
            case UNTRUSTED_ROOT -> untrustedRoot(chain, outcome, last);
            case ISSUER_MISSING -> issuerMissing(chain, outcome, last);
            case WRONG_KEY -> wrongKey(chain, outcome, last);
            case LOOP -> List.of(fail(chain, "The issuers of " + chain.label(last)
                            + " lead round in a circle; no path reaches a root of " + lists(outcome) + ".",
                    "Check the CA certificates the " + chain.sender() + " sends and " + lists(outcome) + " hold."));
        };
    }

    private static Verdict tooLong(CheckedChain chain, TrustPath.Outcome outcome) {
        int allowed = chain.options().path().maxIntermediates();
        return fail(chain, "A path to a CA of " + lists(outcome) + " needs more than " + Describe.plural(allowed,
                        "intermediate CA", "intermediate CAs") + " between " + chain.label(chain.leaf().orElseThrow())
                        + " and the trusted CA, the most the verifier allows.",
                "Shorten the chain (have the certificate issued closer to the root), or allow longer paths if the"
                        + " verifier does" + chain.wording().aside(Wording.Input.MAX_INTERMEDIATES) + ".");
    }

    /** A path to a trusted CA exists, but validating it found a problem: the first one, from the top. */
    static Verdict rejected(CheckedChain chain, TrustPath.Outcome outcome) {
        CandidatePath path = outcome.path();
        List<Cert> certs = outcome.certificates();
        Cert anchor = certs.get(certs.size() - 1);
        String where = "A path to " + anchor.label() + " of " + TrustPath.name(outcome.lists(), path.anchor().list())
                + " exists (" + Describe.path(certs) + ")";
        PathProblem problem = path.problems().get(0);
        Cert at = certs.get(problem.index());
        String who = chain.label(at);
        String imposer = problem.imposedBy() >= 0 ? chain.label(certs.get(problem.imposedBy())) : "";
        String remedy = "Fix or replace " + who + "; the other verdicts for this chain say how.";
        String why;
        switch (problem.kind()) {
            case EXPIRED -> {
                why = who + " is expired at " + Describe.date(chain.when()) + " (VD1)";
                remedy = "Renew " + who + " and install the new certificate where the old one is.";
            }
            case NOT_YET_VALID -> {
                why = who + " is not yet valid at " + Describe.date(chain.when()) + " (VD1)";
                remedy = "Check the clocks, or wait until " + who + " becomes valid.";
            }
            case REVOKED -> {
                why = who + " is revoked (VD2)";
                remedy = "Replace " + who + " with a certificate its CA has not revoked.";
            }
            case REVOCATION_UNDETERMINED -> {
                why = "no CRL given settles whether " + who + " is revoked (VD2)";
                remedy = "Give a current CRL of its CA, signed with the CA's key, that covers " + who + ".";
            }
            case SIGNATURE_INVALID -> why = "the signature of " + who + " does not verify with the key of "
                    + chain.label(certs.get(problem.index() + 1)) + " (" + problem.detail() + ")";
            case SIGNATURE_UNSUPPORTED -> why = who + " is signed with an algorithm capcert cannot verify (" + problem.subject() + ")";
            case NOT_A_CA -> why = who + " signs certificates without being a CA: " + problem.detail() + " (BC1)";
            case KEY_CERT_SIGN_MISSING -> why = "the key usage of " + who + " does not allow signing certificates (BC1)";
            case PATH_LENGTH_EXCEEDED -> why = "the path has more CAs below " + imposer + " than its path length constraint allows (BC1)";
            case NAME_NOT_PERMITTED, NAME_EXCLUDED, NAME_MALFORMED, NAME_CONSTRAINT_MALFORMED, NAME_CONSTRAINT_UNSUPPORTED -> {
                why = "the name " + problem.subject() + " of " + who + " breaks the name constraints of " + imposer + " (NC1)";
                remedy = "Have " + who + " issued with names " + imposer + " may certify.";
            }
            case UNKNOWN_CRITICAL_EXTENSION -> why = who + " has a critical extension verifiers do not know and must refuse: "
                    + problem.subject() + " (XT1)";
            case POLICY, POLICY_MAPPING_ANY -> {
                why = "the certificate policies on the path do not agree at " + who + " (CP1)";
                remedy = "Have " + who + " issued under a certificate policy the CAs above it allow, or check the"
                        + " policies the verifier requires.";
            }
            case TOO_MANY_INTERMEDIATES -> why = "the path has more intermediate CAs than allowed";
            default -> why = "validating it fails at " + who;
        }
        return fail(chain, where + ", but " + why + ".", remedy);
    }

    private static List<Verdict> untrustedRoot(CheckedChain chain, TrustPath.Outcome outcome, Cert root) {
        Optional<Found> sameName = trusted(outcome).stream()
                .filter(f -> f.cert().subject().equals(root.subject())).findFirst();
        if (sameName.isPresent() && outcome.walk().steps().size() == 1) {
            return List.of(fail(chain, lists(outcome) + " holds " + sameName.get().cert().label() + " (from "
                            + sameName.get().where() + ") with the subject of this self-signed certificate but another"
                            + " key: it is another certificate of the same device (a CUCM node's tomcat and CallManager"
                            + " certificates share a subject, EK4) or an older one, and does not make this one trusted.",
                    "Upload this certificate to " + lists(outcome) + "; better, have the device's certificates"
                            + " signed by a CA and trust that CA (CH3)."));
        }
        Optional<Found> trustedBelow = firstTrusted(outcome.walk());
        if (trustedBelow.isPresent()) {
            return List.of(intermediateWithoutRoot(chain, outcome, trustedBelow.get(), root.label()));
        }
        List<Verdict> out = new ArrayList<>();
        out.add(fail(chain, "No certificate of the chain leads to any CA in " + lists(outcome)
                        + ": the chain ends at the root " + chain.label(root) + ", which the list does not hold"
                        + holds(outcome) + ".",
                "If the " + chain.verifier() + " should trust this " + chain.sender() + ", upload the root "
                        + root.label() + " (and any intermediates) to " + lists(outcome)
                        + "; otherwise the " + chain.sender() + " needs a certificate from a CA the list trusts."));
        sameName.ifPresent(stale -> out.add(rekeyed(chain, outcome, stale, chain.label(root))));
        return out;
    }

    private static List<Verdict> issuerMissing(CheckedChain chain, TrustPath.Outcome outcome, Cert top) {
        String issuer = Describe.name(top.issuer());
        Optional<Found> trustedBelow = firstTrusted(outcome.walk());
        if (trustedBelow.isPresent()) {
            return List.of(intermediateWithoutRoot(chain, outcome, trustedBelow.get(), issuer));
        }
        List<Verdict> out = new ArrayList<>();
        List<Found> roots = roots(outcome);
        if (!roots.isEmpty()) {
            out.add(fail(chain, lists(outcome) + " holds the root" + (roots.size() == 1 ? " " : "s ")
                            + labels(roots) + ", but " + issuer + ", the CA that issued " + chain.label(top)
                            + ", is missing from both the chain as sent and the trust list (an intermediate the "
                            + chain.sender() + " does not send, or a root the list lacks), so no path can be built.",
                    "If " + issuer + " is an intermediate, make the " + chain.sender() + " send it after its own"
                            + " certificate, or upload it to " + lists(outcome) + ". If it is a root, upload it to "
                            + lists(outcome) + " if this " + chain.sender() + " is to be trusted."));
        } else {
            out.add(fail(chain, "No certificate of the chain leads to any CA in " + lists(outcome)
                            + ": it holds no root at all" + holds(outcome) + ", and " + chain.label(top)
                            + " is issued by " + issuer + ", which it does not hold.",
                    "Upload the root CA of this chain (and its intermediates) to " + lists(outcome) + "."));
        }
        sameOrganisation(outcome, top.issuer()).ifPresent(kin -> out.add(hint(chain,
                lists(outcome) + " holds " + kin.cert().label() + " (from " + kin.where() + "), a CA of the same"
                        + " organisation as the missing " + issuer + " under another name. CAs often change name and"
                        + " key when they are renewed: " + issuer + " is probably the renewed " + kin.cert().label()
                        + ", and the list predates it.",
                "Upload " + issuer + " (the CA that issued " + chain.label(top) + ") to " + lists(outcome) + ", and keep "
                        + kin.cert().label() + " while certificates it issued are still in use.")));
        return out;
    }

    private static List<Verdict> wrongKey(CheckedChain chain, TrustPath.Outcome outcome, Cert child) {
        List<Found> candidates = outcome.walk().sameNameOtherKey();
        Optional<Found> inList = candidates.stream().filter(f -> f.source() == Source.TRUSTED).findFirst();
        if (inList.isPresent()) {
            Found stale = inList.get();
            return List.of(fail(chain, lists(outcome) + " holds " + stale.cert().label() + " (from " + stale.where()
                                    + "), the issuer " + chain.label(child) + " names, but its key does not verify the"
                                    + " signature of " + chain.label(child) + ", so no path can be built.",
                            "Upload the CA certificate that issued " + chain.label(child) + " to " + lists(outcome) + "."),
                    rekeyed(chain, outcome, stale, "the current " + Describe.name(child.issuer())));
        }
        Found stale = candidates.get(0);
        String where = stale.source() == Source.SENT ? "sent as " + stale.where() : "given among " + stale.where();
        return List.of(fail(chain, "The CA certificate " + stale.cert().label() + " " + where + " has the name of the"
                        + " issuer of " + chain.label(child) + " but not its key: it did not sign it. The CA was"
                        + " probably re-keyed when it was renewed (CH4), and the old CA certificate is still in use.",
                "Replace " + stale.cert().label() + " with the CA certificate that issued " + chain.label(child) + "."));
    }

    /** CH4: the list holds a CA with the right name and another key, probably from before a renewal. */
    private static Verdict rekeyed(CheckedChain chain, TrustPath.Outcome outcome, Found stale, String current) {
        return hint(chain, lists(outcome) + " holds " + stale.cert().label() + " (from " + stale.where() + ") with"
                        + " another key than the one this chain needs: most likely the CA was re-keyed when it was"
                        + " renewed and the list still has the old certificate (otherwise a signature is corrupt).",
                "Upload " + current + " to " + lists(outcome) + " (keep the old one only while certificates it issued"
                        + " are still in use).");
    }

    private static Verdict intermediateWithoutRoot(CheckedChain chain, TrustPath.Outcome outcome, Found trusted, String root) {
        return fail(chain, "The intermediate " + trusted.cert().label() + " is trusted (from " + trusted.where()
                        + ") but its root " + root + " is not in " + lists(outcome)
                        + ": a trusted intermediate is not enough, the path must end at a trusted root (only a verifier"
                        + " that accepts partial chains, as OpenSSL's partial_chain does, takes a trusted intermediate as the end).",
                "Upload the root " + root + " to " + lists(outcome) + ", or have the verifier accept partial chains"
                        + chain.wording().aside(Wording.Input.PARTIAL_CHAIN) + ".");
    }

    /** A CA of the lists whose subject, without its common names, is the missing issuer's, under another name. */
    private static Optional<Found> sameOrganisation(TrustPath.Outcome outcome, DistinguishedName missing) {
        DistinguishedName organisation = missing.without(BCStyle.CN.getId());
        if (organisation.isEmpty()) return Optional.empty();
        // An intermediate is likelier than a root to be what the missing CA replaced.
        return trusted(outcome).stream()
                .filter(f -> f.cert().isCa() && !f.cert().subject().equals(missing))
                .filter(f -> f.cert().subject().without(BCStyle.CN.getId()).equals(organisation))
                .min(Comparator.comparing(f -> f.cert().selfIssued()));
    }

    private static List<Found> trusted(TrustPath.Outcome outcome) {
        return outcome.trusted().stream()
                .map(t -> new Found(Cert.of(t), Source.TRUSTED, t.source()))
                .toList();
    }

    /** How messages name the trusted CAs as a whole. */
    private static String lists(TrustPath.Outcome outcome) {
        return TrustPath.names(outcome.lists());
    }

    private static List<Found> roots(TrustPath.Outcome outcome) {
        return trusted(outcome).stream().filter(f -> f.cert().selfIssued()).toList();
    }

    private static Optional<Found> firstTrusted(IssuerWalk walk) {
        return walk.steps().stream().filter(f -> f.source() == Source.TRUSTED).findFirst();
    }

    /** " (it holds "A", "B" and 3 more)". */
    private static String holds(TrustPath.Outcome outcome) {
        List<Found> all = trusted(outcome);
        if (all.isEmpty()) return " (it is empty)";
        return " (it holds " + labels(all) + ")";
    }

    private static String labels(List<Found> found) {
        List<String> names = found.stream().map(f -> f.cert().label()).distinct().toList();
        if (names.size() <= 4) return Describe.and(names);
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    private static Verdict fail(CheckedChain chain, String message, String remedy) {
        return new Verdict(Rule.CH2, Severity.FAIL, Optional.of(chain.leaf().orElseThrow().sha256()), message, remedy);
    }

    private static Verdict hint(CheckedChain chain, String message, String remedy) {
        return new Verdict(Rule.CH4, Severity.WARN, Optional.of(chain.leaf().orElseThrow().sha256()), message, remedy);
    }
}
