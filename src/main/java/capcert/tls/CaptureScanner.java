package capcert.tls;

import capcert.capture.CaptureReader;
import capcert.capture.Problem;
import capcert.net.NetworkDecoder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Capture file in, every cleartext handshake and certificate out. */
public final class CaptureScanner {

    private CaptureScanner() {
    }

    /** Never throws for bad input: damage is reported in {@link CaptureResult#problems()}. */
    public static CaptureResult scan(Path file, ScanOptions options) {
        List<Problem> problems = new ArrayList<>();
        if (Files.isDirectory(file)) {
            problems.add(new Problem(0, -1, "is a directory, not a capture file"));
            return new CaptureResult(file, List.of(), problems);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, channel, options);
        } catch (NoSuchFileException e) {
            problems.add(new Problem(0, -1, "no such file"));
        } catch (AccessDeniedException e) {
            problems.add(new Problem(0, -1, "permission denied"));
        } catch (IOException e) {
            problems.add(new Problem(0, -1, "cannot read: " + e.getMessage()));
        }
        return new CaptureResult(file, List.of(), problems);
    }

    /** Scans an already open capture (a pipe, standard input); {@code name} is what results are labelled with. */
    public static CaptureResult scan(Path name, ReadableByteChannel channel, ScanOptions options) {
        List<Problem> problems = new ArrayList<>();
        Limits limits = options.limits();
        HandshakeCollector collector = new HandshakeCollector(limits, problems::add);
        NetworkDecoder network = new NetworkDecoder(collector, problems::add, options.ports(), limits.maxBufferedPerStream(),
                limits.maxBufferedTotal(), limits.maxConnections());
        try {
            CaptureReader.read(channel, network.packets(), problems::add);
        } catch (IOException e) {
            problems.add(new Problem(0, -1, "read failed: " + e.getMessage()));
        }
        network.finish();
        return new CaptureResult(name, collector.handshakes(), problems);
    }
}
