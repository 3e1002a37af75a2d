package capcert.check;

import capcert.check.IssuerWalk.Found;
import capcert.check.IssuerWalk.Source;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why a trust list gives a chain no path (CH2), in the words of the situation: a trusted intermediate
 * without its root, a trusted root without its intermediate, a root nobody trusts, a refused path. A
 * CH4 hint (WARN) goes with it when the list looks like it predates a CA's renewal: a CA with the
 * missing issuer's name but another key, or a CA of the same organisation under another name. The
 * JDK's own message is kept as a detail. Every verdict is about the leaf: it is the chain's verdict.
 */
final class TrustFailure {

    private TrustFailure() {
    }

    static List<Verdict> explain(CheckedChain chain, TrustPath.Outcome outcome) {
        IssuerWalk walk = outcome.walk();
        String jdk = outcome.refusal().map(Describe::jdk).orElse("");
        Cert last = walk.last().cert();
        return switch (walk.end()) {
            case ANCHOR -> List.of(rejected(chain, outcome));
            case UNTRUSTED_ROOT -> untrustedRoot(chain, outcome, last, jdk);
            case ISSUER_MISSING -> issuerMissing(chain, outcome, last, jdk);
            case WRONG_KEY -> wrongKey(chain, outcome, last, jdk);
            case LOOP -> List.of(fail(chain, "The issuers of " + chain.label(last)
                            + " lead round in a circle; no path reaches a root of " + outcome.name() + "." + jdk,
                    "Check the CA certificates the " + chain.sender() + " sends and " + outcome.name() + " holds."));
        };
    }

    /** The issuers reach a trusted root, but the JDK refuses the path for another reason. */
    private static Verdict rejected(CheckedChain chain, TrustPath.Outcome outcome) {
        List<Cert> path = outcome.walk().certificates();
        Cert anchor = path.get(path.size() - 1);
        String where = "A path to " + anchor.label() + " of " + outcome.name() + " exists (" + Describe.path(path) + ")";
        if (outcome.rejection().isEmpty()) {
            return fail(chain, where + ", but the JDK could not build it." + outcome.refusal().map(Describe::jdk).orElse(""),
                    "See the other verdicts for this chain.");
        }
        CertPathValidatorException e = outcome.rejection().get();
        Cert refused = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : path.get(0);
        String who = chain.label(refused);
        String why;
        String remedy = "Fix or replace " + who + "; the other verdicts for this chain say how.";
        if (e.getReason() == BasicReason.EXPIRED) {
            why = who + " is expired at " + Describe.date(chain.when()) + " (VD1)";
            remedy = "Renew " + who + " and install the new certificate where the old one is.";
        } else if (e.getReason() == BasicReason.NOT_YET_VALID) {
            why = who + " is not yet valid at " + Describe.date(chain.when()) + " (VD1)";
            remedy = "Check the clocks, or wait until " + who + " becomes valid.";
        } else if (e.getReason() == BasicReason.REVOKED) {
            why = who + " is revoked (VD2)";
            remedy = "Replace " + who + " with a certificate its CA has not revoked.";
        } else if (e.getReason() == BasicReason.INVALID_SIGNATURE) {
            why = "the signature of " + who + " does not verify";
        } else if (e.getReason() == BasicReason.ALGORITHM_CONSTRAINED) {
            why = who + " uses a key or signature algorithm the JDK refuses as too weak (KS1, SG1)";
            remedy = "Reissue " + who + " with an RSA 2048 or EC P-256 key and a SHA-256 signature.";
        } else if (e.getReason() == PKIXReason.NOT_CA_CERT) {
            why = who + " is used to sign certificates without being a CA (BC1)";
        } else if (e.getReason() == PKIXReason.PATH_TOO_LONG) {
            why = "the path is longer than a CA above " + who + " allows (BC1)";
        } else if (e.getReason() == PKIXReason.INVALID_KEY_USAGE) {
            why = "the key usage of " + who + " does not allow what it does on this path (BC1)";
        } else if (e.getReason() == PKIXReason.INVALID_NAME) {
            why = who + " is outside the names a CA above it may certify (name constraints)";
            remedy = "Have " + who + " issued with names the CAs above it may certify.";
        } else if (e.getReason() == PKIXReason.INVALID_POLICY) {
            why = "the certificate policies on the path do not agree at " + who;
            remedy = "Have " + who + " issued under a certificate policy the CAs above it allow.";
        } else if (e.getReason() == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            why = who + " has a critical extension that verifiers do not know and must refuse";
        } else {
            why = "the JDK refuses " + who;
        }
        return fail(chain, where + ", but " + why + "." + Describe.jdk(e), remedy);
    }

    private static List<Verdict> untrustedRoot(CheckedChain chain, TrustPath.Outcome outcome, Cert root, String jdk) {
        Optional<Found> sameName = trusted(chain, outcome).stream()
                .filter(f -> f.cert().subject().equals(root.subject())).findFirst();
        if (sameName.isPresent() && outcome.walk().steps().size() == 1) {
            return List.of(fail(chain, outcome.name() + " holds " + sameName.get().cert().label() + " (from "
                            + sameName.get().where() + ") with the subject of this self-signed certificate but another"
                            + " key: it is another certificate of the same device (a CUCM node's tomcat and CallManager"
                            + " certificates share a subject, EK4) or an older one, and does not make this one trusted." + jdk,
                    "Upload this certificate to " + outcome.name() + "; better, have the device's certificates"
                            + " signed by a CA and trust that CA (CH3)."));
        }
        Optional<Found> trustedBelow = firstTrusted(outcome.walk());
        if (trustedBelow.isPresent()) {
            return List.of(intermediateWithoutRoot(chain, outcome, trustedBelow.get(), root.label(), jdk));
        }
        List<Verdict> out = new ArrayList<>();
        out.add(fail(chain, "No certificate of the chain leads to any CA in " + outcome.name()
                        + ": the chain ends at the root " + chain.label(root) + ", which the list does not hold"
                        + holds(chain, outcome) + "." + jdk,
                "If the " + chain.verifier() + " should trust this " + chain.sender() + ", upload the root "
                        + root.label() + " (and any intermediates) to " + outcome.name()
                        + "; otherwise the " + chain.sender() + " needs a certificate from a CA the list trusts."));
        sameName.ifPresent(stale -> out.add(rekeyed(chain, outcome, stale, chain.label(root))));
        return out;
    }

    private static List<Verdict> issuerMissing(CheckedChain chain, TrustPath.Outcome outcome, Cert top, String jdk) {
        String issuer = Describe.name(top.issuer());
        Optional<Found> trustedBelow = firstTrusted(outcome.walk());
        if (trustedBelow.isPresent()) {
            return List.of(intermediateWithoutRoot(chain, outcome, trustedBelow.get(), issuer, jdk));
        }
        List<Verdict> out = new ArrayList<>();
        List<Found> roots = roots(chain, outcome);
        if (!roots.isEmpty()) {
            out.add(fail(chain, outcome.name() + " holds the root" + (roots.size() == 1 ? " " : "s ")
                            + labels(roots) + ", but " + issuer + ", the CA that issued " + chain.label(top)
                            + ", is missing from both the chain as sent and the trust list (an intermediate the "
                            + chain.sender() + " does not send, or a root the list lacks), so no path can be built." + jdk,
                    "If " + issuer + " is an intermediate, make the " + chain.sender() + " send it after its own"
                            + " certificate, or upload it to " + outcome.name() + ". If it is a root, upload it to "
                            + outcome.name() + " if this " + chain.sender() + " is to be trusted."));
        } else {
            out.add(fail(chain, "No certificate of the chain leads to any CA in " + outcome.name()
                            + ": it holds no root at all" + holds(chain, outcome) + ", and " + chain.label(top)
                            + " is issued by " + issuer + ", which it does not hold." + jdk,
                    "Upload the root CA of this chain (and its intermediates) to " + outcome.name() + "."));
        }
        sameOrganisation(chain, outcome, top.issuer()).ifPresent(kin -> out.add(hint(chain,
                outcome.name() + " holds " + kin.cert().label() + " (from " + kin.where() + "), a CA of the same"
                        + " organisation as the missing " + issuer + " under another name. CAs often change name and"
                        + " key when they are renewed: " + issuer + " is probably the renewed " + kin.cert().label()
                        + ", and the list predates it.",
                "Upload " + issuer + " (the CA that issued " + chain.label(top) + ") to " + outcome.name() + ", and keep "
                        + kin.cert().label() + " while certificates it issued are still in use.")));
        return out;
    }

    private static List<Verdict> wrongKey(CheckedChain chain, TrustPath.Outcome outcome, Cert child, String jdk) {
        List<Found> candidates = outcome.walk().sameNameOtherKey();
        Optional<Found> inList = candidates.stream().filter(f -> f.source() == Source.TRUSTED).findFirst();
        if (inList.isPresent()) {
            Found stale = inList.get();
            return List.of(fail(chain, outcome.name() + " holds " + stale.cert().label() + " (from " + stale.where()
                                    + "), the issuer " + chain.label(child) + " names, but its key does not verify the"
                                    + " signature of " + chain.label(child) + ", so no path can be built." + jdk,
                            "Upload the CA certificate that issued " + chain.label(child) + " to " + outcome.name() + "."),
                    rekeyed(chain, outcome, stale, "the current " + Describe.name(child.issuer())));
        }
        Found stale = candidates.get(0);
        String where = stale.source() == Source.SENT ? "sent as " + stale.where() : "given among " + stale.where();
        return List.of(fail(chain, "The CA certificate " + stale.cert().label() + " " + where + " has the name of the"
                        + " issuer of " + chain.label(child) + " but not its key: it did not sign it. The CA was"
                        + " probably re-keyed when it was renewed (CH4), and the old CA certificate is still in use." + jdk,
                "Replace " + stale.cert().label() + " with the CA certificate that issued " + chain.label(child) + "."));
    }

    /** CH4: the list holds a CA with the right name and another key, probably from before a renewal. */
    private static Verdict rekeyed(CheckedChain chain, TrustPath.Outcome outcome, Found stale, String current) {
        return hint(chain, outcome.name() + " holds " + stale.cert().label() + " (from " + stale.where() + ") with"
                        + " another key than the one this chain needs: most likely the CA was re-keyed when it was"
                        + " renewed and the list still has the old certificate (otherwise a signature is corrupt).",
                "Upload " + current + " to " + outcome.name() + " (keep the old one only while certificates it issued"
                        + " are still in use).");
    }

    private static Verdict intermediateWithoutRoot(CheckedChain chain, TrustPath.Outcome outcome, Found trusted,
                                                   String root, String jdk) {
        return fail(chain, "The intermediate " + trusted.cert().label() + " is trusted (from " + trusted.where()
                        + ") but its root " + root + " is not in " + outcome.name()
                        + ": a trusted intermediate is not enough, the path must end at a trusted root." + jdk,
                "Upload the root " + root + " to " + outcome.name() + ".");
    }

    /** A CA of the list whose subject, without its common names, is the missing issuer's, under another name. */
    private static Optional<Found> sameOrganisation(CheckedChain chain, TrustPath.Outcome outcome,
                                                    X500Principal missing) {
        Optional<LdapName> organisation = withoutCommonName(missing);
        if (organisation.isEmpty()) return Optional.empty();
        // An intermediate is likelier than a root to be what the missing CA replaced.
        return trusted(chain, outcome).stream()
                .filter(f -> f.cert().isCa() && !f.cert().subject().equals(missing))
                .filter(f -> withoutCommonName(f.cert().subject()).equals(organisation))
                .min(Comparator.comparing(f -> f.cert().selfIssued()));
    }

    private static Optional<LdapName> withoutCommonName(X500Principal principal) {
        try {
            List<Rdn> rest = new LdapName(principal.getName()).getRdns().stream()
                    .filter(r -> !r.getType().equalsIgnoreCase("CN")).toList();
            return rest.isEmpty() ? Optional.empty() : Optional.of(new LdapName(rest));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static List<Found> trusted(CheckedChain chain, TrustPath.Outcome outcome) {
        return outcome.list().stream()
                .map(t -> new Found(chain.trusted(t), Source.TRUSTED, t.source()))
                .toList();
    }

    private static List<Found> roots(CheckedChain chain, TrustPath.Outcome outcome) {
        return trusted(chain, outcome).stream().filter(f -> f.cert().selfIssued()).toList();
    }

    private static Optional<Found> firstTrusted(IssuerWalk walk) {
        return walk.steps().stream().filter(f -> f.source() == Source.TRUSTED).findFirst();
    }

    /** " (it holds "A", "B" and 3 more)". */
    private static String holds(CheckedChain chain, TrustPath.Outcome outcome) {
        List<Found> all = trusted(chain, outcome);
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
