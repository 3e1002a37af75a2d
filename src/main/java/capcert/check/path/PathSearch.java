package capcert.check.path;

import java.util.List;
import java.util.Optional;

/**
 * What path building found for one target.
 *
 * @param candidates     every complete path tried, in the order tried (the most likely first)
 * @param depthLimited   some issuer chains were not followed because they grew past the intermediates allowed
 * @param budgetExceeded the search stopped at its work limit before trying everything
 */
public record PathSearch(List<CandidatePath> candidates, boolean depthLimited, boolean budgetExceeded) {

    public PathSearch {
        candidates = List.copyOf(candidates);
    }

    /** The first valid path, if any. */
    public Optional<CandidatePath> accepted() {
        return candidates.stream().filter(CandidatePath::valid).findFirst();
    }

    /** The path to explain when none is valid: the first one tried. */
    public Optional<CandidatePath> best() {
        return accepted().or(() -> candidates.stream().findFirst());
    }
}
