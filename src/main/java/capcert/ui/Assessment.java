package capcert.ui;

import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The verdicts of one handshake, or why there are none. {@code verdicts} is empty only when the
 * checker could not give any; a handshake it found nothing to say about has an empty list.
 */
record Assessment(Optional<List<Verdict>> verdicts, String unavailable) {

    Assessment {
        verdicts = verdicts.map(List::copyOf);
    }

    static Assessment of(List<Verdict> verdicts) {
        return new Assessment(Optional.of(verdicts), "");
    }

    static Assessment unavailable(String reason) {
        return new Assessment(Optional.empty(), reason);
    }

    /** Runs the checker; a checker failure becomes a reason shown in place of verdicts, never an exception. */
    static Assessment evaluate(Function<Handshake, List<Verdict>> check, Handshake handshake) {
        try {
            return of(check.apply(handshake));
        } catch (RuntimeException e) {
            return unavailable("verdicts unavailable: the checker failed (" + e + ")");
        }
    }

    /** The worst severity, empty when there are no verdicts to rank. */
    Optional<Severity> worst() {
        return verdicts.filter(v -> !v.isEmpty()).map(Severity::worst);
    }

    /** The worst severity among the verdicts about one certificate (by SHA-256), empty when none is. */
    Optional<Severity> worstFor(String sha256) {
        List<Verdict> about = verdicts.orElse(List.of()).stream()
                .filter(v -> v.certificate().filter(sha256::equalsIgnoreCase).isPresent())
                .toList();
        return about.isEmpty() ? Optional.empty() : Optional.of(Severity.worst(about));
    }
}
