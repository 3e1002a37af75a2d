package capcert.check;

import capcert.check.path.CandidatePath;
import capcert.check.path.PathBuilder;
import capcert.check.path.PathSearch;
import capcert.check.path.TrustAnchor;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.ParsedCertificate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CH2: is there a valid path from the chain to a trusted CA? Built and validated by capcert's own
 * RFC 5280 engine ({@link PathBuilder}) over the trusted CAs of every list given, taken as one set
 * as OpenSSL takes its stores; the verdict names the list whose CA anchored the path. When no path
 * is valid, {@link TrustFailure} says why in words, and {@link SameSubjectCas} looks for CH3. The
 * CH2 verdicts are about the leaf: they judge the chain it heads.
 *
 * <p>Trust anchors are the self-issued certificates of the lists (roots, and self-signed peer
 * certificates uploaded as they are), and with partial chains allowed any listed certificate.
 * Otherwise intermediates in a list only help build paths: a trusted intermediate whose root is
 * missing is not enough (CH2), as on Expressway.
 */
final class TrustPath {

    /**
     * What the trust lists made of the chain.
     *
     * @param trusted  every certificate of every list, in the order given
     * @param search   the engine's paths, when trust lists were given
     * @param walk     the issuers as a verifier looks them up, for explaining a refusal and for CH3
     * @param path     the path the other rules judge: the valid one, else the first one tried, else the
     *                 walk validated with its top certificate standing in for a trust anchor
     */
    record Outcome(List<TrustList> lists, List<TrustedCertificate> trusted, Optional<PathSearch> search, IssuerWalk walk,
                   CandidatePath path) {

        Optional<CandidatePath> accepted() {
            return search.flatMap(PathSearch::accepted);
        }

        /** A path to a trusted CA was built, valid or not. */
        boolean built() {
            return search.map(s -> !s.candidates().isEmpty()).orElse(false);
        }

        List<Cert> certificates() {
            return path.certificates().stream().map(Cert::new).toList();
        }
    }

    private TrustPath() {
    }

    static Optional<Outcome> outcome(CheckedChain chain) {
        Optional<Cert> leaf = chain.leaf();
        if (leaf.isEmpty()) return Optional.empty();
        List<TrustList> lists = chain.options().trustLists();
        List<TrustedCertificate> trusted = new ArrayList<>();
        for (TrustList list : lists) trusted.addAll(list.certificates());
        IssuerWalk walk = IssuerWalk.forChain(chain, trusted);
        Set<ParsedCertificate> untrusted = new LinkedHashSet<>();
        for (Cert c : chain.parsed()) untrusted.add(c.parsed());
        for (Cert c : chain.intermediates()) untrusted.add(c.parsed());
        if (lists.isEmpty()) {
            return Optional.of(new Outcome(lists, trusted, Optional.empty(), walk, asSent(chain, walk, untrusted)));
        }
        List<TrustAnchor> anchors = new ArrayList<>();
        boolean partial = chain.options().path().partialChain();
        for (int i = 0; i < lists.size(); i++) {
            for (TrustedCertificate t : lists.get(i).certificates()) {
                if (partial || t.parsed().selfIssued()) anchors.add(new TrustAnchor(t.parsed(), t.source(), i));
                else untrusted.add(t.parsed());
            }
        }
        PathSearch search = PathBuilder.search(leaf.get().parsed(), untrusted, anchors, chain.options().crls(), chain.when(),
                chain.options().path());
        CandidatePath path = search.best().orElseGet(() -> asSent(chain, walk, untrusted));
        return Optional.of(new Outcome(lists, trusted, Optional.of(search), walk, path));
    }

    /** The walk validated as a path, its top certificate standing in for a trust anchor. */
    private static CandidatePath asSent(CheckedChain chain, IssuerWalk walk, Set<ParsedCertificate> untrusted) {
        List<ParsedCertificate> path = walk.certificates().stream().map(Cert::parsed).toList();
        ParsedCertificate top = path.get(path.size() - 1);
        return PathBuilder.validate(path, new TrustAnchor(top, walk.last().where(), -1), untrusted, chain.options().crls(),
                chain.when(), chain.options().path());
    }

    static List<Verdict> verdicts(CheckedChain chain, Optional<Outcome> found) {
        List<Verdict> out = new ArrayList<>();
        Optional<Cert> leaf = chain.leaf();
        if (leaf.isEmpty() || found.isEmpty()) return out;
        Outcome outcome = found.get();
        if (outcome.lists().isEmpty()) {
            out.add(new Verdict(Rule.CH2, Severity.INFO, Optional.of(leaf.get().sha256()),
                    "Trust not checked: " + chain.wording().missing(Wording.Input.TRUST_LIST) + ".",
                    "Give the CA list of the " + chain.verifier() + " that checks this chain "
                            + chain.wording().howToGive(Wording.Input.TRUST_LIST) + "."));
            return out;
        }
        Optional<CandidatePath> accepted = outcome.accepted();
        if (accepted.isPresent()) {
            out.add(Verdict.pass(Rule.CH2, leaf.get().sha256(), accepted(outcome, accepted.get())));
        } else if (outcome.built()) {
            out.add(TrustFailure.rejected(chain, outcome));
        } else if (chain.captureLoss().isPresent()) {
            out.add(CaptureLoss.unknown(chain, Rule.CH2, leaf.get(), "whether the chain leads to a trusted CA"));
        } else {
            out.addAll(TrustFailure.explain(chain, outcome));
        }
        out.addAll(SameSubjectCas.verdicts(chain, outcome));
        return out;
    }

    /**
     * How messages name the trusted CAs, or one list of them: by the file its first certificate came
     * from, the source without its entry number and alias ("ca-list.pem #3", "store.p12 #1 (alias)");
     * numbered when two lists would read the same.
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

    /** "trust list "a.pem"", or "the trust lists ("a.pem" and the JDK's)" when several were given. */
    static String names(List<TrustList> lists) {
        if (lists.size() == 1) return name(lists, 0);
        List<String> each = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) each.add(name(lists, i).replaceFirst("^trust list ", ""));
        return "the trust lists " + Describe.and(each);
    }

    private static String file(TrustList list) {
        return list.certificates().get(0).source().replaceFirst("\\s*#\\d+( \\(.*\\))?$", "");
    }

    private static String accepted(Outcome outcome, CandidatePath path) {
        TrustAnchor anchor = path.anchor();
        String list = name(outcome.lists(), anchor.list());
        if (path.certificates().size() == 1) {
            return "Trusted by " + list + ": it holds this very certificate (" + anchor.source() + ").";
        }
        List<Cert> certs = path.certificates().stream().map(Cert::new).toList();
        String root = anchor.certificate().selfIssued() ? "root" : "trusted CA";
        return "Trusted by " + list + ": " + Describe.path(certs) + " (" + root + " from " + anchor.source() + ").";
    }
}
