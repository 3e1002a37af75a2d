package capcert.capture;

/**
 * Something wrong with the input that did not stop the scan, or stopped it after everything valid
 * before it was extracted. Each kind is a record with its own typed data ({@link CaptureProblem} for
 * the file itself, and the kinds of the network and TLS layers); {@link #message()} says what
 * happened in plain words. A problem that a limit caused is also a {@link LimitReached}: a face
 * (the command line, the viewer) adds how its user raises that limit.
 */
public interface Problem {

    /** The frame, 1-based as Wireshark counts; 0 when the problem is not tied to a frame. */
    long frame();

    /** The byte offset in the file; -1 when unknown. */
    default long offset() {
        return -1;
    }

    /** What is wrong, in words that name no face's controls. */
    String message();

    /** Where, for a one-line report: {@code frame 7, byte offset 5035}, or {@code ""} when tied to neither. */
    default String where() {
        StringBuilder where = new StringBuilder();
        if (frame() > 0) where.append("frame ").append(frame());
        if (offset() >= 0) {
            if (where.length() > 0) where.append(", ");
            where.append("byte offset ").append(offset());
        }
        return where.toString();
    }
}
