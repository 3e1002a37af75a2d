package capcert.cli;

import capcert.check.CaptureEvidence;
import capcert.check.Verdict;
import capcert.tls.Handshake;

import java.util.List;

/** {@link capcert.check.Checker#check} as {@code check} and {@code report} see it, so tests can feed them verdicts. */
@FunctionalInterface
interface HandshakeChecker {
    List<Verdict> check(Handshake handshake, CaptureEvidence evidence);
}
