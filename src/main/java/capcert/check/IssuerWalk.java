package capcert.check;

import capcert.trust.TrustedCertificate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Follows a certificate up through its issuers, by name and signature, the way a verifier looks them
 * up, and says where it stopped: when no path reaches a trusted CA, this says which link is missing.
 */
final class IssuerWalk {

    /** Where a certificate the walk may use came from, in the order a verifier prefers them. */
    enum Source { TRUSTED, SENT, EXTRA }

    /** A certificate available to the walk and where it came from ("certificate 1", "ca-list.pem #3"). */
    record Found(Cert cert, Source source, String where) {
    }

    enum End {
        /** Reached a self-issued certificate of the trust list. */
        ANCHOR,
        /** Reached a root that the trust list does not hold. */
        UNTRUSTED_ROOT,
        /** The issuer named by the last certificate is nowhere. */
        ISSUER_MISSING,
        /** Certificates with the issuer's name exist, but none has the key that signed the last certificate. */
        WRONG_KEY,
        /** The issuers lead back to a certificate already on the path. */
        LOOP
    }

    private final List<Found> steps;
    private final End end;
    private final List<Found> sameNameOtherKey;

    private IssuerWalk(List<Found> steps, End end, List<Found> sameNameOtherKey) {
        this.steps = List.copyOf(steps);
        this.end = end;
        this.sameNameOtherKey = List.copyOf(sameNameOtherKey);
    }

    /** @param partial whether any trusted certificate ends a path, not only a self-issued one */
    static IssuerWalk from(Cert start, Source startSource, String startWhere, List<Found> pool, boolean partial) {
        List<Found> steps = new ArrayList<>();
        steps.add(trustedCopy(start, pool).orElse(new Found(start, startSource, startWhere)));
        while (true) {
            Found current = steps.get(steps.size() - 1);
            Cert cert = current.cert();
            if (current.source() == Source.TRUSTED && (partial || cert.selfIssued())) return new IssuerWalk(steps, End.ANCHOR, List.of());
            if (cert.selfSigned()) return new IssuerWalk(steps, End.UNTRUSTED_ROOT, List.of());
            List<Found> byName = pool.stream()
                    .filter(f -> f.cert().subject().equals(cert.issuer()))
                    .filter(f -> steps.stream().noneMatch(s -> s.cert().sameAs(f.cert())))
                    .toList();
            if (byName.isEmpty()) {
                boolean loops = steps.stream().anyMatch(s -> s.cert().subject().equals(cert.issuer()) && !s.cert().sameAs(cert));
                return new IssuerWalk(steps, loops ? End.LOOP : End.ISSUER_MISSING, List.of());
            }
            Optional<Found> issuer = byName.stream()
                    .filter(f -> cert.issuedBy(f.cert()))
                    .min(Comparator.comparing((Found f) -> f.source()).thenComparing(f -> !f.cert().selfIssued()));
            if (issuer.isEmpty()) return new IssuerWalk(steps, End.WRONG_KEY, byName);
            steps.add(issuer.get());
        }
    }

    /** The walk from the chain's leaf through the chain as sent, the extra intermediates and a trust list. */
    static IssuerWalk forChain(CheckedChain chain, List<TrustedCertificate> trusted) {
        List<Found> pool = new ArrayList<>();
        for (TrustedCertificate t : trusted) pool.add(new Found(Cert.of(t), Source.TRUSTED, t.source()));
        for (Sent s : chain.sent()) {
            s.cert().ifPresent(c -> pool.add(new Found(c, Source.SENT, "certificate " + s.position())));
        }
        for (Cert c : chain.intermediates()) pool.add(new Found(c, Source.EXTRA, "the extra intermediates"));
        Cert leaf = chain.leaf().orElseThrow();
        return from(leaf, Source.SENT, chain.label(leaf), pool, chain.options().path().partialChain());
    }

    private static Optional<Found> trustedCopy(Cert cert, List<Found> pool) {
        return pool.stream().filter(f -> f.source() == Source.TRUSTED && f.cert().sameAs(cert)).findFirst();
    }

    /** From the start certificate up to where the walk stopped. */
    List<Found> steps() {
        return steps;
    }

    Found last() {
        return steps.get(steps.size() - 1);
    }

    End end() {
        return end;
    }

    /** For {@link End#WRONG_KEY}: the certificates that bear the issuer's name but not its key. */
    List<Found> sameNameOtherKey() {
        return sameNameOtherKey;
    }

    List<Cert> certificates() {
        return steps.stream().map(Found::cert).toList();
    }
}
