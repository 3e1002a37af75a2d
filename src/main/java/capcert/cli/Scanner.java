package capcert.cli;

import capcert.capture.Problem;
import capcert.tls.CaptureResult;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The capture reader as the commands see it, so tests can feed them hand-built results. */
@FunctionalInterface
interface Scanner {
    CaptureResult scan(Path file, ScanOptions options);

    /**
     * The same scan, handing each handshake to {@code handshakes} in the order of
     * {@link CaptureResult#handshakes()}; returns the problems. The real reader hands them on as it
     * finds them; this default, for hand-built results, all at the end.
     */
    default List<Problem> stream(Path file, ScanOptions options, Consumer<Handshake> handshakes) {
        return stream(file, options, handshakes, found -> { });
    }

    /** The same, with the capture's evidence handed to {@code evidence} after its handshakes. */
    default List<Problem> stream(Path file, ScanOptions options, Consumer<Handshake> handshakes, Consumer<Evidence> evidence) {
        CaptureResult result = scan(file, options);
        result.handshakes().forEach(handshakes);
        result.evidence().forEach(evidence);
        return result.problems();
    }
}
