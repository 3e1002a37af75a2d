package capcert.check;

import capcert.trust.TrustedCertificate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CH3 for one chain: a verifier looks an issuer up by name and stops at the first certificate of
 * its list with that name. When the list holds several CAs with one subject and different keys, the
 * chain fails if the first one is not the one that signed it, although the right one is there.
 *
 * <p>This looks only at the subjects this chain's path needs; a lint of whole lists (all duplicate
 * subjects, wherever they are) is {@code capcert trust-lint}'s job.
 */
final class SameSubjectCas {

    private SameSubjectCas() {
    }

    static List<Verdict> verdicts(CheckedChain chain, TrustPath.Outcome outcome) {
        List<Verdict> out = new ArrayList<>();
        List<Cert> path = outcome.path();
        List<Cert> lookedUp = new ArrayList<>(path.subList(0, Math.max(1, path.size() - 1)));
        Set<String> reported = new HashSet<>();
        for (Cert cert : lookedUp) {
            List<TrustedCertificate> sameName = outcome.list().stream()
                    .filter(t -> t.certificate().getSubjectX500Principal().equals(cert.issuer()))
                    .toList();
            if (!differentKeys(sameName) || !reported.add(cert.issuer().getName())) continue;
            TrustedCertificate first = sameName.get(0);
            Optional<TrustedCertificate> right = sameName.stream()
                    .filter(t -> cert.signedWith(t.certificate().getPublicKey())).findFirst();
            String subject = Describe.name(cert.issuer());
            String count = Describe.plural(sameName.size(), "CA", "CAs");
            if (right.isPresent() && right.get() != first) {
                out.add(new Verdict(Rule.CH3, Severity.FAIL, Optional.of(cert.sha256()),
                        outcome.name() + " holds " + count + " with the subject " + subject + " and the first, from "
                                + first.source() + ", has a different key from the one that signed " + chain.label(cert)
                                + ". A verifier that stops at the first match (Expressway does) fails although the"
                                + " right CA is there (" + right.get().source() + ").",
                        remedy(outcome, subject)));
            } else if (right.isPresent()) {
                out.add(new Verdict(Rule.CH3, Severity.WARN, Optional.of(cert.sha256()),
                        outcome.name() + " holds " + count + " with the subject " + subject + " and different keys."
                                + " This chain works because the one that signed " + chain.label(cert) + " comes first ("
                                + first.source() + "), but a certificate signed by another of them would fail.",
                        remedy(outcome, subject)));
            }
        }
        return out;
    }

    private static boolean differentKeys(List<TrustedCertificate> sameName) {
        return sameName.stream().map(t -> HexFormat.of().formatHex(t.certificate().getPublicKey().getEncoded()))
                .distinct().count() > 1;
    }

    private static String remedy(TrustPath.Outcome outcome, String subject) {
        return "Keep one CA with the subject " + subject + " in " + outcome.name() + ". If these are the self-signed"
                + " tomcat and CallManager certificates of one CUCM node, have both signed by a CA and trust that CA instead.";
    }
}
