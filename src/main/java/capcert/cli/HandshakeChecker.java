package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;

/** {@link capcert.check.Checker#check} as {@code check} sees it, so tests can feed it verdicts. */
@FunctionalInterface
interface HandshakeChecker {
    List<Verdict> check(Handshake handshake, CheckOptions options);
}
