package capcert.capture;

/** The problems of a capture file as a file: unreadable, damaged, or a reader that cannot run. */
public sealed interface CaptureProblem extends Problem {

    /** The bytes from {@code offset} on are not what the format says; {@code message} says how. */
    record Damaged(long frame, long offset, String message) implements CaptureProblem {
    }

    /** The file cannot be read at all: missing, a directory, permission denied, or an I/O error. */
    record Unreadable(String message) implements CaptureProblem {
        @Override
        public long frame() {
            return 0;
        }
    }

    /** The system libpcap, needed by the reader or the filter asked for, cannot be loaded. */
    record LibpcapMissing(String detail) implements CaptureProblem {
        @Override
        public long frame() {
            return 0;
        }

        @Override
        public String message() {
            return LibpcapUnavailableException.describe(detail, "");
        }
    }

    /** libpcap refused the packet filter; {@code message} is its reason. */
    record FilterRefused(String message) implements CaptureProblem {
        @Override
        public long frame() {
            return 0;
        }
    }

    /** The scan itself failed, as a bug in capcert or an exhausted heap would make it. */
    record ScanFailed(String cause) implements CaptureProblem {
        @Override
        public long frame() {
            return 0;
        }

        @Override
        public String message() {
            return "internal error: " + cause;
        }
    }
}
