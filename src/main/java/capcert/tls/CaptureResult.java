package capcert.tls;

import capcert.capture.Problem;

import java.nio.file.Path;
import java.util.List;

/** Everything one capture file yielded, handshakes in order of their first frame. */
public record CaptureResult(Path file, List<Handshake> handshakes, List<Problem> problems) {

    public CaptureResult {
        handshakes = List.copyOf(handshakes);
        problems = List.copyOf(problems);
    }
}
