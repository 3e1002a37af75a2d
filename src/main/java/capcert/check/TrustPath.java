package capcert.check;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CH2: is there a path from the chain to a CA of each trust list? Built by the JDK's PKIX builder;
 * when it finds none, {@link TrustFailure} says why in words, and {@link SameSubjectCas} looks for CH3.
 * The CH2 verdicts are about the leaf: they judge the chain it heads.
 *
 * <p>Trust anchors are the self-issued certificates of a list (roots, and self-signed peer
 * certificates uploaded as they are). Intermediates in a list only help build paths: a trusted
 * intermediate whose root is missing is not enough (CH2), as on Expressway.
 */
final class TrustPath {

    /**
     * What one trust list made of the chain.
     *
     * @param accepted  the path the JDK built, leaf first and anchor last
     * @param refusal   why the JDK built none
     * @param walk      the issuers as a verifier looks them up, for explaining a refusal and for CH3
     * @param rejection when the walk reached a trust anchor but the JDK built no path: the JDK's reason
     *                  for refusing the walked path, with the index of the certificate refused (leaf = 0)
     */
    record Outcome(String name, List<TrustedCertificate> list, Optional<Pkix.Accepted> accepted,
                   Optional<Exception> refusal, IssuerWalk walk, Optional<CertPathValidatorException> rejection) {

        /** The path this list gives the chain: the one the JDK built, or else as far as the walk went. */
        List<Cert> path() {
            return accepted.map(Pkix.Accepted::path).orElseGet(walk::certificates);
        }
    }

    private TrustPath() {
    }

    static List<Outcome> outcomes(CheckedChain chain) {
        List<Outcome> out = new ArrayList<>();
        if (chain.leaf().isEmpty()) return out;
        List<TrustList> lists = chain.options().trustLists();
        for (int i = 0; i < lists.size(); i++) out.add(outcome(chain, lists.get(i), name(lists, i)));
        return out;
    }

    static List<Verdict> verdicts(CheckedChain chain, List<Outcome> outcomes) {
        List<Verdict> out = new ArrayList<>();
        Optional<Cert> leaf = chain.leaf();
        if (leaf.isEmpty()) return out;
        if (chain.options().trustLists().isEmpty()) {
            out.add(new Verdict(Rule.CH2, Severity.INFO, Optional.of(leaf.get().sha256()),
                    "Trust not checked: " + chain.wording().missing(Wording.Input.TRUST_LIST) + ".",
                    "Give the CA list of the " + chain.verifier() + " that checks this chain "
                            + chain.wording().howToGive(Wording.Input.TRUST_LIST) + "."));
            return out;
        }
        for (Outcome outcome : outcomes) {
            if (outcome.accepted().isPresent()) {
                out.add(Verdict.pass(Rule.CH2, leaf.get().sha256(), accepted(chain, outcome)));
            } else {
                out.addAll(TrustFailure.explain(chain, outcome));
            }
            out.addAll(SameSubjectCas.verdicts(chain, outcome));
        }
        return out;
    }

    /**
     * How messages name a trust list: by the file its first certificate came from, the source without
     * its entry number and alias ("ca-list.pem #3", "store.p12 #1 (alias)"); numbered when two lists
     * would read the same.
     */
    static String name(List<TrustList> lists, int index) {
        TrustList list = lists.get(index);
        if (list.isEmpty()) return "trust list #" + (index + 1) + " (empty)";
        String file = file(list);
        boolean ambiguous = false;
        for (int j = 0; j < lists.size(); j++) {
            if (j != index && !lists.get(j).isEmpty() && file(lists.get(j)).equals(file)) ambiguous = true;
        }
        return "trust list \"" + file + "\"" + (ambiguous ? " (#" + (index + 1) + ")" : "");
    }

    private static String file(TrustList list) {
        return list.certificates().get(0).source().replaceFirst("\\s*#\\d+( \\(.*\\))?$", "");
    }

    private static Outcome outcome(CheckedChain chain, TrustList list, String name) {
        Cert leaf = chain.leaf().orElseThrow();
        List<Cert> anchors = new ArrayList<>();
        List<Cert> others = new ArrayList<>(chain.parsed());
        others.addAll(chain.intermediates());
        for (TrustedCertificate t : list.certificates()) {
            Cert cert = chain.trusted(t);
            (cert.selfIssued() ? anchors : others).add(cert);
        }
        IssuerWalk walk = IssuerWalk.forChain(chain, list.certificates());
        try {
            Pkix.Accepted accepted = Pkix.build(leaf, anchors, others, chain.options().crls(), chain.when());
            return new Outcome(name, list.certificates(), Optional.of(accepted), Optional.empty(), walk, Optional.empty());
        } catch (GeneralSecurityException | RuntimeException e) {
            Optional<CertPathValidatorException> rejection = Optional.empty();
            if (walk.end() == IssuerWalk.End.ANCHOR) {
                try {
                    Pkix.validate(walk.certificates(), others, chain.options().crls(), chain.when());
                } catch (CertPathValidatorException refused) {
                    rejection = Optional.of(refused);
                }
            }
            return new Outcome(name, list.certificates(), Optional.empty(), Optional.of(e), walk, rejection);
        }
    }

    private static String accepted(CheckedChain chain, Outcome outcome) {
        List<Cert> path = outcome.accepted().orElseThrow().path();
        Cert anchor = path.get(path.size() - 1);
        String source = outcome.list().stream().filter(t -> chain.trusted(t).sameAs(anchor))
                .map(TrustedCertificate::source).findFirst().orElse("the list");
        if (path.size() == 1) {
            return "Trusted by " + outcome.name() + ": it holds this very certificate (" + source + ").";
        }
        return "Trusted by " + outcome.name() + ": " + Describe.path(path) + " (root from " + source + ").";
    }
}
