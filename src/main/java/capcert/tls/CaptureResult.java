package capcert.tls;

import capcert.capture.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one capture file yielded: handshakes in order of their first frame, and the
 * certificates, OCSP messages and CRLs carried outside them ({@link Evidence}) in frame order.
 */
public record CaptureResult(Path file, List<Handshake> handshakes, List<Problem> problems, List<Evidence> evidence) {

    public CaptureResult {
        handshakes = List.copyOf(handshakes);
        problems = List.copyOf(problems);
        evidence = List.copyOf(evidence);
    }

    public CaptureResult(Path file, List<Handshake> handshakes, List<Problem> problems) {
        this(file, handshakes, problems, List.of());
    }
}
