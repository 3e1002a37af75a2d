package capcert.check;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CH1: the chain as the peer sent it. The leaf comes first, each certificate is followed by its
 * issuer, whose key verifies its signature; intermediates the verifier cannot find elsewhere are
 * sent; the root need not be; nothing unrelated rides along; every entry can be read. When the
 * capture lost part of the message, what depends on the missing entries is UNKNOWN.
 */
final class ChainAsSent {

    private ChainAsSent() {
    }

    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        for (Sent s : chain.sent()) {
            if (s.cert().isEmpty()) {
                out.add(new Verdict(Rule.CH1, Severity.FAIL, Optional.of(s.details().sha256()),
                        s.label() + " cannot be read as a certificate: " + s.unreadable().orElse("") + ".",
                        "Install the certificate again from a clean copy of the file the CA issued."));
            } else if (s.details().parseError().isPresent() && s.cert().get().parsed().malformations().isEmpty()) {
                out.add(new Verdict(Rule.CH1, Severity.WARN, Optional.of(s.details().sha256()),
                        s.label() + " cannot be read by Java's certificate parser, so Java-based peers such as CUCM and"
                                + " Expressway refuse it; their logs say \"" + s.details().parseError().get() + "\".",
                        "Have the CA reissue it; strict peers read it, but not every peer is strict in the same way."));
            }
        }
        Optional<Cert> found = chain.leaf();
        if (found.isEmpty()) return out;
        Cert leaf = found.get();
        List<Cert> path = chain.sentPath();
        int problems = out.size();

        order(chain, leaf, path).ifPresent(out::add);
        Cert top = path.get(path.size() - 1);
        List<Cert> staleIssuers = chain.parsed().stream()
                .filter(c -> c.subject().equals(top.issuer()) && !c.sameAs(top) && !top.issuedBy(c)).toList();
        for (Cert stale : staleIssuers) {
            boolean sameKeyId = top.keyIdentifiersMatch(stale).orElse(false);
            out.add(new Verdict(Rule.CH1, Severity.FAIL, Optional.of(top.sha256()), sameKeyId
                    ? "The signature of " + chain.label(top) + " does not verify with the key of " + chain.label(stale)
                      + ", although the names and key identifiers say it issued it: the certificate is damaged or forged."
                    : chain.label(stale) + " bears the name of the issuer of " + chain.label(top) + " but did not sign it"
                      + " (another key): the " + chain.sender() + " sends an outdated CA certificate, probably from"
                      + " before the CA was renewed (CH4).",
                    sameKeyId ? "Install " + chain.label(top) + " again from the file the CA issued."
                              : "Configure the " + chain.sender() + " with the CA certificate that issued " + chain.label(top) + "."));
        }
        if (top.selfSigned()) {
            out.add(rootSent(chain, top, path.size() == 1));
        } else if (chain.captureLoss().isPresent()) {
            out.add(CaptureLoss.unknown(chain, Rule.CH1, top, "whether the " + chain.sender() + " sent the CA that issued "
                    + chain.label(top)));
            return out;
        } else if (staleIssuers.isEmpty()) {
            out.add(issuerNotSent(chain, top));
        }
        for (Cert cert : chain.parsed()) {
            boolean onPath = path.stream().anyMatch(p -> p.sameAs(cert));
            if (!onPath && staleIssuers.stream().noneMatch(s -> s.sameAs(cert))) {
                out.add(new Verdict(Rule.CH1, Severity.WARN, Optional.of(cert.sha256()),
                        chain.label(cert) + " is not part of the chain of " + chain.label(leaf)
                                + ": it issued none of its certificates. Peers ignore it at best.",
                        "Remove it from the certificate chain the " + chain.sender() + " is configured with."));
            }
        }
        boolean clean = out.subList(problems, out.size()).stream()
                .noneMatch(v -> v.severity() == Severity.FAIL || v.severity() == Severity.WARN);
        if (clean && path.size() > 1) {
            out.add(Verdict.pass(Rule.CH1, leaf.sha256(), "The chain as sent is in order, each certificate signed by the"
                    + " next: " + Describe.path(path) + "."));
        }
        return out;
    }

    /** The leaf first and each certificate followed by its issuer, or what is out of place. */
    private static Optional<Verdict> order(CheckedChain chain, Cert leaf, List<Cert> path) {
        List<Integer> positions = path.stream().map(c -> chain.positionOf(c).orElse(-1)).toList();
        int leafAt = positions.get(0);
        if (leafAt != 0 && chain.sent().get(0).cert().isPresent()) {
            return Optional.of(new Verdict(Rule.CH1, Severity.FAIL, Optional.of(leaf.sha256()),
                    "The chain is in the wrong order: certificate 0 " + chain.sent().get(0).cert().get().label()
                            + " is a CA certificate, and the " + chain.sender() + "'s own certificate "
                            + leaf.label() + " comes as certificate " + leafAt + ". Peers take certificate 0 as the "
                            + chain.sender() + "'s certificate and refuse the chain.",
                    "Configure the " + chain.sender() + " to send its own certificate first, then the CA that issued it,"
                            + " then that CA's issuer: " + Describe.path(path) + "."));
        }
        for (int i = 1; i < positions.size(); i++) {
            if (positions.get(i) != i) {
                return Optional.of(new Verdict(Rule.CH1, Severity.WARN, Optional.of(leaf.sha256()),
                        "The CA certificates are sent out of order (positions " + positions + " for "
                                + Describe.path(path) + "): TLS 1.2 wants each certificate followed by its issuer;"
                                + " most peers sort them, strict ones refuse.",
                        "Configure the " + chain.sender() + " to send the chain in order: " + Describe.path(path) + "."));
            }
        }
        return Optional.empty();
    }

    private static Verdict rootSent(CheckedChain chain, Cert root, boolean alone) {
        if (alone) {
            return new Verdict(Rule.CH1, Severity.INFO, Optional.of(root.sha256()),
                    chain.label(root) + " is self-signed: a " + chain.verifier() + " trusts it only if its trust list"
                            + " holds this very certificate.", "");
        }
        return new Verdict(Rule.CH1, Severity.INFO, Optional.of(root.sha256()),
                "The root " + chain.label(root) + " was sent: harmless but useless, since the " + chain.verifier()
                        + " must already hold it to trust the chain.", "");
    }

    /** The top of the chain as sent is not a root: where its issuer may come from. */
    private static Verdict issuerNotSent(CheckedChain chain, Cert top) {
        String issuer = Describe.name(top.issuer());
        String what = chain.label(top) + " is issued by " + issuer + ", which the " + chain.sender() + " did not send";
        if (chain.intermediates().stream().anyMatch(top::issuedBy)) {
            return new Verdict(Rule.CH1, Severity.INFO, Optional.of(top.sha256()),
                    what + "; it is among the extra intermediates given.",
                    "Make sure every " + chain.verifier() + " holds " + issuer + ", or have the " + chain.sender() + " send it.");
        }
        List<TrustList> lists = chain.options().trustLists();
        if (lists.isEmpty()) {
            return new Verdict(Rule.CH1, Severity.INFO, Optional.of(top.sha256()),
                    what + ": fine if it is a root the " + chain.verifier() + " trusts; if it is an intermediate, the "
                            + chain.verifier() + " must hold it or the " + chain.sender() + " must send it.",
                    "Give the " + chain.verifier() + "'s trust list "
                            + chain.wording().howToGive(Wording.Input.TRUST_LIST) + " to check.");
        }
        List<String> holders = new ArrayList<>();
        boolean root = false;
        for (int i = 0; i < lists.size(); i++) {
            for (TrustedCertificate t : lists.get(i).certificates()) {
                Cert candidate = Cert.of(t);
                if (top.issuedBy(candidate)) {
                    holders.add(TrustPath.name(lists, i));
                    root |= candidate.selfSigned();
                    break;
                }
            }
        }
        if (!holders.isEmpty()) {
            String held = what + "; " + Describe.and(holders) + (holders.size() == 1 ? " holds it." : " hold it.");
            return root ? Verdict.pass(Rule.CH1, top.sha256(), "Root not sent, as usual: " + held)
                        : new Verdict(Rule.CH1, Severity.INFO, Optional.of(top.sha256()), held,
                                "Every " + chain.verifier() + " needs " + issuer + " in its trust list, unless the "
                                        + chain.sender() + " sends it.");
        }
        return new Verdict(Rule.CH1, Severity.WARN, Optional.of(top.sha256()),
                what + ", and no trust list given holds it: if it is an intermediate, it is missing from the chain"
                        + " (the " + chain.verifier() + " cannot link " + chain.label(top) + " to a root); if it is a"
                        + " root, it is not trusted (CH2).",
                "Configure the " + chain.sender() + " to send " + issuer + " after its own certificate, or upload "
                        + issuer + " to the " + chain.verifier() + "'s trust list.");
    }
}
