package capcert.capture;

/**
 * Something wrong with the input that did not stop the scan (or stopped it after everything
 * valid before it was extracted). {@code frame} is 1-based as Wireshark counts, 0 when the
 * problem is not tied to a frame; {@code offset} is the byte offset in the file, -1 when unknown.
 */
public record Problem(long frame, long offset, String message) {

    public static Problem atFrame(long frame, String message) {
        return new Problem(frame, -1, message);
    }

    public static Problem atOffset(long frame, long offset, String message) {
        return new Problem(frame, offset, message);
    }

    /** One line for a terminal: where, then what. */
    public String describe() {
        StringBuilder where = new StringBuilder();
        if (frame > 0) where.append("frame ").append(frame);
        if (offset >= 0) {
            if (where.length() > 0) where.append(", ");
            where.append("byte offset ").append(offset);
        }
        return where.length() == 0 ? message : where + ": " + message;
    }
}
