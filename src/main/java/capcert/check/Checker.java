package capcert.check;

import capcert.tls.CertificateEntry;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.tls.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns chains into verdicts. Each chain is judged by small rule classes (chain as sent, trust
 * paths, validity, key usage, names, strength, basic constraints, name constraints, policies,
 * revocation, the encoding and extensions of every certificate, the profile's own requirements) and
 * a handshake also by its alerts and version. Every certificate is judged the same way wherever it
 * came from: sent, given as an extra intermediate, or from a trust list on the path. Lists come
 * worst first, then handshake-wide verdicts, the server's chain, the client's chain, each by the
 * position of the certificate concerned; PASS verdicts say what was checked. Messages quote names from the certificates and the capture as they are: escape
 * them for a terminal.
 */
public final class Checker {

    private final CheckOptions options;
    private final Wording wording;
    private final Decoded decoded = new Decoded();

    /** A checker of chains against {@code options}, in words that name no face's controls. */
    public Checker(CheckOptions options) {
        this(options, Wording.PLAIN);
    }

    /**
     * A checker of chains against {@code options} whose verdicts say what to change in {@code wording}.
     * It keeps what it decodes for the chains it checks next (the same chain comes in thousands of
     * handshakes), so keep one for a batch of captures. Not thread-safe: use one per thread; checkers
     * share nothing but the options they are given (whose trusted certificates remember, thread-safely,
     * the signatures checked on them).
     */
    public Checker(CheckOptions options, Wording wording) {
        this.options = Objects.requireNonNull(options);
        this.wording = Objects.requireNonNull(wording);
    }

    public CheckOptions options() {
        return options;
    }

    /**
     * Every verdict for one handshake: each chain it carried (server's, client's), checked for the
     * role it played, at the handshake's capture time, plus its alerts and TLS version. Worst first.
     */
    public List<Verdict> check(Handshake handshake) {
        return check(handshake, options);
    }

    /**
     * The same, with the revocation material the handshake's capture carried: its CRLs and the OCSP
     * responses fetched in it or stapled in this handshake count as given (VD2).
     */
    public List<Verdict> check(Handshake handshake, CaptureEvidence evidence) {
        return check(handshake, evidence.options(options, handshake));
    }

    private List<Verdict> check(Handshake handshake, CheckOptions options) {
        List<Ranked> out = new ArrayList<>();
        for (Verdict v : AlertRules.verdicts(handshake, options.profile(), wording)) out.add(new Ranked(v, 0, -1));
        for (Role role : List.of(Role.SERVER, Role.CLIENT)) {
            List<CertificateEntry> entries = handshake.chain(role);
            if (entries.isEmpty()) continue;
            List<Sent> sent = entries.stream().map(e -> decoded.sent(e.position(), e.derValue())).toList();
            boolean server = role == Role.SERVER;
            CheckedChain chain = new CheckedChain(server ? Purpose.SERVER : Purpose.CLIENT, sent, List.of(),
                    server ? handshake.sni() : Optional.empty(), handshake.time(),
                    Optional.of(handshake.server().port()), handshake.cipherSuite(), options,
                    CaptureLoss.of(handshake, role), wording);
            rank(chain, server ? 1 : 2, out);
        }
        return sorted(out);
    }

    /**
     * Verdicts for a chain given as files ({@code check-cert}): {@code chain.get(0)} is the
     * certificate checked, the rest its chain as presented. Worst first.
     *
     * @param intermediates extra untrusted certificates that may complete the path
     * @param serverName    the name the peer is reached by, if known (NM1; used for {@link Purpose#SERVER} only)
     * @param when          the time to judge at (validity, path, CRLs); {@link CheckOptions#at()}, when
     *                      another time, is checked for validity as well
     */
    public List<Verdict> checkChain(List<byte[]> chain, List<byte[]> intermediates, Purpose purpose,
                                    Optional<String> serverName, Instant when) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) sent.add(decoded.sent(i, Der.copyOf(chain.get(i))));
        List<Cert> extra = new ArrayList<>();
        for (byte[] der : intermediates) decoded.certificate(Der.copyOf(der)).ifPresent(extra::add);
        CheckedChain checked = new CheckedChain(purpose, sent, extra,
                purpose == Purpose.SERVER ? serverName : Optional.empty(), when, Optional.empty(), Optional.empty(), options,
                Optional.empty(), wording);
        List<Ranked> out = new ArrayList<>();
        rank(checked, 1, out);
        return sorted(out);
    }

    /**
     * Every rule over one chain. A rule that breaks on input nobody foresaw gives an UNKNOWN verdict
     * saying so, rather than taking the other rules, or the whole run, down with it.
     */
    private static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        guarded(out, Rule.CH1, () -> ChainAsSent.verdicts(chain));
        Optional<TrustPath.Outcome> trust;
        try {
            trust = TrustPath.outcome(chain);
        } catch (RuntimeException | StackOverflowError e) {
            trust = Optional.empty();
            out.add(internal(Rule.CH2, e));
        }
        Optional<TrustPath.Outcome> outcome = trust;
        List<Cert> judged = judged(chain, outcome);
        guarded(out, Rule.CH2, () -> TrustPath.verdicts(chain, outcome));
        guarded(out, Rule.VD1, () -> Validity.verdicts(chain, judged));
        guarded(out, Rule.KU1, () -> KeyUsageRules.verdicts(chain));
        guarded(out, Rule.NM1, () -> NameRules.verdicts(chain));
        guarded(out, Rule.KS1, () -> StrengthRules.verdicts(chain, judged));
        guarded(out, Rule.BC1, () -> BasicConstraintsRules.verdicts(chain, outcome));
        guarded(out, Rule.NC1, () -> PathRules.verdicts(chain, outcome));
        guarded(out, Rule.MF1, () -> CertificateRules.verdicts(chain, judged, outcome));
        guarded(out, Rule.VD2, () -> Revocation.verdicts(chain, outcome));
        return out;
    }

    /**
     * The certificates the per-certificate rules judge: those sent, then those of the path the
     * trust lists gave that were not sent (extra intermediates, the trusted CA that ends it).
     */
    private static List<Cert> judged(CheckedChain chain, Optional<TrustPath.Outcome> trust) {
        Map<String, Cert> out = new LinkedHashMap<>();
        for (Cert c : chain.parsed()) out.putIfAbsent(c.sha256(), c);
        trust.ifPresent(t -> t.certificates().forEach(c -> out.putIfAbsent(c.sha256(), c)));
        return List.copyOf(out.values());
    }

    private interface RuleRun {
        List<Verdict> run();
    }

    private static void guarded(List<Verdict> out, Rule rule, RuleRun run) {
        try {
            out.addAll(run.run());
        } catch (RuntimeException | StackOverflowError e) {
            out.add(internal(rule, e));
        }
    }

    private static Verdict internal(Rule rule, Throwable e) {
        return new Verdict(rule, Severity.UNKNOWN, Optional.empty(),
                "capcert could not finish this check: an internal error (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ") stopped it.",
                "Report it with the certificates concerned; the other verdicts stand.");
    }

    private static void rank(CheckedChain chain, int group, List<Ranked> out) {
        for (Verdict v : verdicts(chain)) {
            int position = v.certificate()
                    .flatMap(sha -> chain.sent().stream().filter(s -> s.details().sha256().equals(sha)).findFirst())
                    .map(Sent::position)
                    .orElse(v.certificate().isPresent() ? chain.sent().size() : -1);
            out.add(new Ranked(v, group, position));
        }
    }

    /**
     * A verdict and where it belongs: group 0 is the handshake itself, 1 the server's chain (or the
     * chain checked), 2 the client's; position is the certificate's place in its chain as sent, -1
     * for the chain as a whole, after the last for a certificate that was not sent (from a trust list).
     */
    private record Ranked(Verdict verdict, int group, int position) {
    }

    private static List<Verdict> sorted(List<Ranked> ranked) {
        return ranked.stream()
                .sorted(Comparator.comparing((Ranked r) -> r.verdict().severity()).reversed()
                        .thenComparingInt(Ranked::group)
                        .thenComparingInt(Ranked::position))
                .map(r -> sentence(r.verdict()))
                .toList();
    }

    /** Rules write "certificate 0 ... expired"; a message starts a sentence. */
    private static Verdict sentence(Verdict v) {
        String m = v.message();
        if (m.isEmpty() || !Character.isLowerCase(m.charAt(0))) return v;
        return new Verdict(v.rule(), v.severity(), v.certificate(), Character.toUpperCase(m.charAt(0)) + m.substring(1), v.remedy());
    }
}
