package capcert.tls;

import capcert.capture.BpfFilter;
import capcert.capture.CaptureReader;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.PacketSink;
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
import java.util.function.Consumer;

/** Capture file in, every cleartext handshake and certificate out. */
public final class CaptureScanner {

    private CaptureScanner() {
    }

    /** Never throws for bad input: damage is reported in {@link CaptureResult#problems()}. */
    public static CaptureResult scan(Path file, ScanOptions options) {
        if (Files.isDirectory(file)) return unreadable(file, "is a directory, not a capture file");
        if (options.reader() == ScanOptions.Reader.LIBPCAP) {
            if (!Files.isReadable(file)) return unreadable(file, Files.exists(file) ? "permission denied" : "no such file");
            return run(file, options, (sink, problems) -> LibpcapReader.read(file, sink, problems));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, channel, options);
        } catch (NoSuchFileException e) {
            return unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            return unreadable(file, "permission denied");
        } catch (IOException e) {
            return unreadable(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Scans an already open capture (a pipe, standard input) with the built-in reader, whatever
     * {@link ScanOptions#reader()} says: libpcap reads only files. {@code name} labels the results.
     */
    public static CaptureResult scan(Path name, ReadableByteChannel channel, ScanOptions options) {
        return run(name, options, (sink, problems) -> CaptureReader.read(channel, sink, problems));
    }

    @FunctionalInterface
    private interface Reading {
        void read(PacketSink sink, Consumer<Problem> problems) throws IOException, LibpcapUnavailableException;
    }

    private static CaptureResult run(Path name, ScanOptions options, Reading reading) {
        List<Problem> problems = new ArrayList<>();
        Limits limits = options.limits();
        HandshakeCollector collector = new HandshakeCollector(limits, problems::add);
        NetworkDecoder network = new NetworkDecoder(collector, problems::add, options.ports(), limits.maxBufferedPerStream(),
                limits.maxBufferedTotal(), limits.maxConnections());
        try {
            PacketSink packets = network.packets();
            if (options.bpf().isPresent()) packets = BpfFilter.compile(options.bpf().get()).wrap(packets);
            reading.read(packets, problems::add);
        } catch (IOException e) {
            problems.add(new Problem(0, -1, "read failed: " + e.getMessage()));
        } catch (LibpcapUnavailableException | IllegalArgumentException e) {
            problems.add(new Problem(0, -1, e.getMessage()));
        }
        network.finish();
        return new CaptureResult(name, collector.handshakes(), problems);
    }

    private static CaptureResult unreadable(Path file, String why) {
        return new CaptureResult(file, List.of(), List.of(new Problem(0, -1, why)));
    }
}
