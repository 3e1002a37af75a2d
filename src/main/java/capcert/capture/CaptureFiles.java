package capcert.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a file is, told by its first bytes, for faces that must say "this is a capture" where another kind was expected. */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    /** Whether {@code file} starts as a capture capcert reads (pcap, pcapng, snoop, Network Monitor), not compressed. */
    public static boolean looksLikeCapture(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try (InputStream in = Files.newInputStream(file)) {
            return FileFormat.identify(in.readNBytes(FileFormat.PEEK)).kind().capture();
        } catch (IOException e) {
            return false;
        }
    }
}
