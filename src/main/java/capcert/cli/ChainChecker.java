package capcert.cli;

import capcert.check.Purpose;
import capcert.check.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link capcert.check.Checker#checkChain} as {@code check-cert} sees it, so tests can feed it verdicts. */
@FunctionalInterface
interface ChainChecker {
    List<Verdict> check(List<byte[]> chain, List<byte[]> intermediates, Purpose purpose, Optional<String> serverName,
                        Instant when);
}
