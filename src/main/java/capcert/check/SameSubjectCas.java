package capcert.check;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.DistinguishedName;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CH3 for one chain: a verifier looks an issuer up by name and stops at the first certificate of
 * its list with that name. When the list holds several CAs with one subject and different keys, the
 * chain fails if the first one is not the one that signed it, although the right one is there.
 *
 * <p>Which CAs shadow one another is {@link TrustLint}'s finding; this only says whether the chain
 * in hand is hit (FAIL) or, signed by the first, not yet (WARN). Shadowing among subjects the chain
 * does not need is left to {@code capcert trust-lint}.
 */
final class SameSubjectCas {

    private SameSubjectCas() {
    }

    static List<Verdict> verdicts(CheckedChain chain, TrustPath.Outcome outcome) {
        Set<String> shadowing = TrustLint.lint(TrustList.of(outcome.trusted()), chain.when()).stream()
                .filter(v -> v.rule() == Rule.CH3 && v.severity() == Severity.FAIL)
                .flatMap(v -> v.certificate().stream())
                .collect(Collectors.toSet());
        Set<DistinguishedName> shadowed = outcome.trusted().stream()
                .filter(t -> shadowing.contains(t.parsed().sha256()))
                .map(t -> t.parsed().subject())
                .collect(Collectors.toSet());
        List<Verdict> out = new ArrayList<>();
        List<Cert> path = outcome.certificates();
        // Every certificate's issuer is looked up, the top one's only when it is the leaf (self-signed).
        List<Cert> lookedUp = path.subList(0, Math.max(1, path.size() - 1));
        Set<DistinguishedName> reported = new HashSet<>();
        for (Cert cert : lookedUp) {
            if (!shadowed.contains(cert.issuer()) || !reported.add(cert.issuer())) continue;
            List<TrustedCertificate> sameName = outcome.trusted().stream()
                    .filter(t -> t.parsed().subject().equals(cert.issuer()))
                    .toList();
            TrustedCertificate first = sameName.get(0);
            Optional<TrustedCertificate> right = sameName.stream()
                    .filter(t -> cert.signedWith(Cert.of(t))).findFirst();
            String subject = Describe.name(cert.issuer());
            String count = Describe.plural(sameName.size(), "CA", "CAs");
            if (right.isPresent() && right.get() != first) {
                out.add(new Verdict(Rule.CH3, Severity.FAIL, Optional.of(cert.sha256()),
                        TrustPath.names(outcome.lists()) + " holds " + count + " with the subject " + subject + " and the first, from "
                                + first.source() + ", has a different key from the one that signed " + chain.label(cert)
                                + ". A verifier that stops at the first match (Expressway does) fails although the"
                                + " right CA is there (" + right.get().source() + ").",
                        remedy(outcome, subject)));
            } else if (right.isPresent()) {
                out.add(new Verdict(Rule.CH3, Severity.WARN, Optional.of(cert.sha256()),
                        TrustPath.names(outcome.lists()) + " holds " + count + " with the subject " + subject + " and different keys."
                                + " This chain works because the one that signed " + chain.label(cert) + " comes first ("
                                + first.source() + "), but a certificate signed by another of them would fail.",
                        remedy(outcome, subject)));
            }
        }
        return out;
    }

    private static String remedy(TrustPath.Outcome outcome, String subject) {
        return "Keep one CA with the subject " + subject + " in " + TrustPath.names(outcome.lists()) + ". If these are the self-signed"
                + " tomcat and CallManager certificates of one CUCM node, have both signed by a CA and trust that CA instead.";
    }
}
