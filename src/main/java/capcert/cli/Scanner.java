package capcert.cli;

import capcert.capture.Problem;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Evidence;
import capcert.tls.Handshake;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** How the commands read one capture with a thread's scanner, so tests can feed them hand-built results. */
@FunctionalInterface
interface Scanner {
    CaptureResult scan(CaptureScanner scanner, Path file);

    /**
     * The same scan, handing each handshake to {@code handshakes} in the order of
     * {@link CaptureResult#handshakes()}, then the capture's evidence to {@code evidence}; returns the
     * problems. The real reader hands handshakes on as it finds them; this default, for hand-built
     * results, all at the end.
     */
    default List<Problem> stream(CaptureScanner scanner, Path file, Consumer<Handshake> handshakes,
                                 Consumer<Evidence> evidence) {
        CaptureResult result = scan(scanner, file);
        result.handshakes().forEach(handshakes);
        result.evidence().forEach(evidence);
        return result.problems();
    }
}
