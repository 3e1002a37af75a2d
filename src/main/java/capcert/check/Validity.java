package capcert.check;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VD1: every certificate judged — those sent, and the extra intermediates and trusted CA on the
 * path — is within its validity at the time that counts, and not about to expire. Times compare at
 * the second, the precision certificates have (RFC 5280: notBefore and notAfter are inclusive).
 */
final class Validity {

    static final Duration SOON = Duration.ofDays(30);

    private Validity() {
    }

    /**
     * At the chain's own time (the handshake's capture time, or the time a file check is made for),
     * and again at {@link CheckOptions#at()} when it is another time.
     */
    static List<Verdict> verdicts(CheckedChain chain, List<Cert> judged) {
        List<Verdict> out = new ArrayList<>(at(chain, judged, chain.when(), ""));
        Optional<Instant> at = chain.options().at();
        if (at.isPresent() && !at.get().equals(chain.when())) {
            out.addAll(at(chain, judged, at.get(), chain.wording().aside(Wording.Input.CHECK_TIME)));
        }
        return out;
    }

    private static List<Verdict> at(CheckedChain chain, List<Cert> judged, Instant exact, String label) {
        List<Verdict> out = new ArrayList<>();
        Instant time = exact.truncatedTo(ChronoUnit.SECONDS);
        String when = Describe.date(time) + label;
        for (Cert cert : judged) {
            Instant notBefore = cert.parsed().notBefore();
            Instant notAfter = cert.parsed().notAfter();
            String who = chain.label(cert);
            if (time.isAfter(notAfter)) {
                out.add(new Verdict(Rule.VD1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " expired on " + Describe.date(notAfter) + ": it is not valid at " + when + ".",
                        cert.isCa() && chain.leaf().filter(cert::sameAs).isEmpty()
                                ? "Install the CA's renewed certificate in place of this one, on the " + chain.sender()
                                  + " and in every trust list that holds it (CH4)."
                                : "Renew it: have the CA issue a new certificate and install it on the " + chain.sender() + "."));
            } else if (time.isBefore(notBefore)) {
                out.add(new Verdict(Rule.VD1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " is not valid before " + Describe.date(notBefore) + ": it is not yet valid at " + when + ".",
                        "Check the clocks of the " + chain.sender() + " and of the CA, or wait until it becomes valid."));
            } else if (Duration.between(time, notAfter).compareTo(SOON) < 0) {
                out.add(new Verdict(Rule.VD1, Severity.WARN, Optional.of(cert.sha256()),
                        who + " expires on " + Describe.date(notAfter) + ", within " + SOON.toDays() + " days of " + when + ".",
                        "Renew it now and install the new certificate before it expires."));
            } else {
                out.add(Verdict.pass(Rule.VD1, cert.sha256(), who + " is valid at " + when + ", until "
                        + Describe.date(notAfter) + "."));
            }
        }
        return out;
    }
}
