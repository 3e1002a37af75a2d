package capcert.tls;

import java.nio.file.Path;

/** Capture file in, every cleartext handshake and certificate out. */
public final class CaptureScanner {

    private CaptureScanner() {
    }

    /** Never throws for bad input: damage is reported in {@link CaptureResult#problems()}. */
    public static CaptureResult scan(Path file, ScanOptions options) {
        throw new UnsupportedOperationException("not yet");
    }
}
