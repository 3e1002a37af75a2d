package capcert.capture;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The problems of a capture file as a file: unreadable, damaged, or a reader that cannot run. */
public sealed interface CaptureProblem extends Problem {

    /** A problem of the file as a whole, tied to no frame. */
    sealed interface WholeFile extends CaptureProblem {
        @Override
        default long frame() {
            return 0;
        }
    }

    /** The bytes from {@code offset} on are not what the format says; {@code message} says how. */
    record Damaged(long frame, long offset, String message) implements CaptureProblem {
    }

    /** The file cannot be read at all: missing, a directory, permission denied, or an I/O error. */
    record Unreadable(String message) implements WholeFile {
    }

    /**
     * A file of another kind, named for what it is; {@code firstBytes} (big-endian) name an
     * {@link FileKind#UNKNOWN} one. {@code inside} are the compressions it was found in, outermost
     * first (none for a plain file).
     */
    record NotACapture(FileKind kind, int firstBytes, List<FileKind> inside) implements WholeFile {
        public NotACapture {
            inside = List.copyOf(inside);
        }

        @Override
        public long offset() {
            return 0;
        }

        /** In a face's words: {@code howToCheckCertificates} follows "check certificate files" (DER, PEM). */
        public String message(String howToCheckCertificates) {
            return kind.describe(firstBytes, howToCheckCertificates)
                    + (inside.isEmpty() ? "" : " (inside " + names(inside) + ")");
        }

        @Override
        public String message() {
            return message(checkCertificates());
        }
    }

    /** Compressed more times over than capcert undoes ({@code layers}, outermost first): a bomb or a mistake. */
    record TooDeeplyCompressed(List<FileKind> layers) implements WholeFile {
        public TooDeeplyCompressed {
            layers = List.copyOf(layers);
        }

        @Override
        public long offset() {
            return 0;
        }

        @Override
        public String message() {
            return "compressed " + layers.size() + " times over (" + names(layers) + "): more is not undone";
        }
    }

    /**
     * The {@code compression}'s data ends early ({@code truncated}) or is damaged ({@code detail} says
     * how) after {@code decompressed} bytes of the capture inside; the packets before were read.
     */
    record DecompressionFailed(long frame, FileKind compression, long decompressed, boolean truncated, String detail)
            implements CaptureProblem {
        @Override
        public String message() {
            return compression.formatName() + ": " + (truncated ? "the compressed data ends early (the file is truncated)"
                    : "the compressed data is damaged (" + detail + ")") + " after " + decompressed
                    + " bytes of capture; the packets before were read";
        }
    }

    /** The {@code compression} needs a native library that this system cannot load; {@code detail} is the JVM's reason. */
    record DecompressorMissing(FileKind compression, String detail) implements WholeFile {
        @Override
        public String message() {
            return compression.formatName() + " needs a native library that could not be loaded on this system (" + detail
                    + "); decompress the file first (`zstd -d FILE`) and read the result";
        }
    }

    /** A snoop file of another {@code version} than Sun's. */
    record SnoopVersionNotRead(int version) implements WholeFile {
        @Override
        public long offset() {
            return SnoopReader.VERSION_OFFSET;
        }

        @Override
        public String message() {
            return "snoop version " + version + " is not read (only version " + SnoopReader.VERSION + ", Sun's)";
        }
    }

    /** A snoop file of a data link capcert does not read, by snoop's own {@code datalink} number. */
    record SnoopLinkNotRead(int datalink) implements WholeFile {
        @Override
        public long offset() {
            return SnoopReader.DATALINK_OFFSET;
        }

        @Override
        public String message() {
            return "snoop data link type " + datalink + " is not read (Ethernet is)";
        }
    }

    /** A Network Monitor file of another version than 2.x; the byte offset is its major version's. */
    record NetMonVersionNotRead(int major, int minor) implements WholeFile {
        @Override
        public long offset() {
            return NetMonReader.MAJOR_VERSION_OFFSET;
        }

        @Override
        public String message() {
            return "Network Monitor version " + major + "." + minor + " is not read (2.x is)";
        }
    }

    /** Frames of a Network Monitor {@code media} type capcert does not read, the first in {@code frame}; all skipped. */
    record NetMonMediaSkipped(long frame, int media) implements CaptureProblem {
        @Override
        public String message() {
            return "Network Monitor media type 0x" + Integer.toHexString(media)
                    + " (events, statistics, or a link capcert does not read); such frames are skipped";
        }
    }

    /**
     * libpcap reads pcap and pcapng only, and the file is of {@code kind}: a capture the built-in
     * reader reads, or another kind of file; {@code firstBytes} as for {@link NotACapture}.
     */
    record NotForLibpcap(FileKind kind, int firstBytes) implements WholeFile {
        /**
         * In a face's words: {@code howToCheckCertificates} as for {@link NotACapture}, and
         * {@code builtInReader} after "the built-in reader", with its leading space, on how to choose it.
         */
        public String message(String howToCheckCertificates, String builtInReader) {
            return "libpcap reads only pcap and pcapng files, and this is " + (kind.capture()
                    ? "a " + kind.formatName() + " file, which the built-in reader" + builtInReader + " reads"
                    : kind.describe(firstBytes, howToCheckCertificates));
        }

        @Override
        public String message() {
            return message(checkCertificates(), "");
        }
    }

    /** libpcap cannot open the file; {@code reason} is its own. */
    record LibpcapCannotOpen(String reason) implements WholeFile {
        @Override
        public String message() {
            return "libpcap cannot read it: " + reason;
        }
    }

    /** libpcap stopped reading at {@code frame}; {@code reason} is its own. */
    record LibpcapReadFailed(long frame, String reason) implements CaptureProblem {
        @Override
        public String message() {
            return "libpcap: " + reason;
        }
    }

    /** The decompressed copy made for libpcap could not be deleted. */
    record TemporaryFileLeft(Path file, String detail) implements WholeFile {
        @Override
        public String message() {
            return "could not delete the temporary file " + file + ": " + detail;
        }
    }

    /** The system libpcap, needed by the reader or the filter asked for, cannot be loaded. */
    record LibpcapMissing(String detail) implements WholeFile {
        @Override
        public String message() {
            return LibpcapUnavailableException.describe(detail, "");
        }
    }

    /** libpcap refused the packet filter; {@code message} is its reason. */
    record FilterRefused(String message) implements WholeFile {
    }

    /** pcapng interfaces from number {@code first} on are not described: the scan's memory budget was spent. */
    record InterfacesOverBudget(long frame, long offset, long first) implements CaptureProblem {
        @Override
        public String message() {
            return "interface " + first + " and those after it are past the memory budget: their packets are not read";
        }
    }

    /** The scan itself failed, as a bug in a library or in capcert would make it (an exhausted heap is the run's). */
    record ScanFailed(String cause) implements WholeFile {
        @Override
        public String message() {
            return "internal error: " + cause;
        }
    }

    /** How a program that uses the library checks certificate files: the plain words of {@code Wording}. */
    private static String checkCertificates() {
        return "in Checker.checkChain";
    }

    private static String names(List<FileKind> formats) {
        return formats.stream().map(FileKind::formatName).collect(Collectors.joining(", "));
    }
}
