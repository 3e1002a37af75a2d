package capcert.tls;

import capcert.capture.BpfFilter;
import capcert.capture.CaptureReader;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.PacketSink;
import capcert.capture.Problem;
import capcert.net.FrameClock;
import capcert.net.NetworkDecoder;
import capcert.net.tunnel.TunnelHandler;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Capture file in, every cleartext handshake and certificate out. */
public final class CaptureScanner {

    /** Evidence items listed per capture (each holds little: identical bytes are shared across the scan). */
    static final int MAX_EVIDENCE = 100_000;

    private CaptureScanner() {
    }

    /** Never throws for bad input: damage is reported in {@link CaptureResult#problems()}. */
    public static CaptureResult scan(Path file, ScanOptions options) {
        List<Handshake> handshakes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Problem> problems = stream(file, options, handshakes::add, evidence::add);
        return new CaptureResult(file, handshakes, problems, evidence);
    }

    /**
     * Scans an already open capture (a pipe, standard input) with the built-in reader, whatever
     * {@link ScanOptions#reader()} says: libpcap reads only files. {@code name} labels the results.
     */
    public static CaptureResult scan(Path name, ReadableByteChannel channel, ScanOptions options) {
        List<Handshake> handshakes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Problem> problems = stream(channel, options, handshakes::add, evidence::add);
        return new CaptureResult(name, handshakes, problems, evidence);
    }

    /**
     * The same scan, handing each handshake to {@code handshakes} as soon as it is known, in the
     * order {@link CaptureResult#handshakes()} has them, so that they can be written while the rest
     * of the capture is read. Returns the capture's problems.
     */
    public static List<Problem> stream(Path file, ScanOptions options, Consumer<Handshake> handshakes) {
        return stream(file, options, handshakes, found -> { });
    }

    /**
     * The same, handing the evidence ({@link Evidence}) to {@code evidence} in frame order once the
     * capture is read.
     */
    public static List<Problem> stream(Path file, ScanOptions options, Consumer<Handshake> handshakes,
                                       Consumer<Evidence> evidence) {
        if (Files.isDirectory(file)) return unreadable("is a directory, not a capture file");
        if (options.reader() == ScanOptions.Reader.LIBPCAP) {
            if (!Files.isReadable(file)) return unreadable(Files.exists(file) ? "permission denied" : "no such file");
            return run(options, handshakes, evidence, (sink, problems) -> LibpcapReader.read(file, sink, problems));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return stream(channel, options, handshakes, evidence);
        } catch (NoSuchFileException e) {
            return unreadable("no such file");
        } catch (AccessDeniedException e) {
            return unreadable("permission denied");
        } catch (IOException e) {
            return unreadable("cannot read: " + e.getMessage());
        }
    }

    /** {@link #stream(Path, ScanOptions, Consumer)} of an already open capture, as {@link #scan(Path, ReadableByteChannel, ScanOptions)}. */
    public static List<Problem> stream(ReadableByteChannel channel, ScanOptions options, Consumer<Handshake> handshakes) {
        return stream(channel, options, handshakes, found -> { });
    }

    public static List<Problem> stream(ReadableByteChannel channel, ScanOptions options, Consumer<Handshake> handshakes,
                                       Consumer<Evidence> evidence) {
        return run(options, handshakes, evidence, (sink, problems) -> CaptureReader.read(channel, sink, problems));
    }

    @FunctionalInterface
    private interface Reading {
        void read(PacketSink sink, Consumer<Problem> problems) throws IOException, LibpcapUnavailableException;
    }

    private static List<Problem> run(ScanOptions options, Consumer<Handshake> handshakes, Consumer<Evidence> evidence,
                                     Reading reading) {
        List<Problem> problems = new ArrayList<>();
        List<Evidence> found = new ArrayList<>();
        Limits limits = options.limits();
        boolean[] overflowed = {false};
        Consumer<Evidence> keep = e -> {
            // Held until the capture is read: a bound, so that a busy stapling server cannot grow memory without end.
            if (found.size() < MAX_EVIDENCE) {
                found.add(e);
            } else if (!overflowed[0]) {
                overflowed[0] = true;
                problems.add(Problem.atFrame(e.frame(), "more than " + MAX_EVIDENCE + " certificates, OCSP messages and CRLs"
                        + " outside handshakes; the rest are not listed"));
            }
        };
        ScanKeys keys = new ScanKeys(options.keyLog());
        HandshakeCollector collector = new HandshakeCollector(limits, keys, problems::add, handshakes, keep);
        FrameClock clock = new FrameClock();
        TunnelHandler tunnels = new TunnelHandler(collector, clock, limits.maxBufferedPerStream(), limits.maxBufferedTotal(),
                limits.maxConnections());
        NetworkDecoder network = new NetworkDecoder(tunnels, clock, problems::add, options.ports(), limits.maxBufferedPerStream(),
                limits.maxBufferedTotal(), limits.maxConnections());
        try {
            PacketSink packets = network.packets();
            if (options.bpf().isPresent()) packets = BpfFilter.compile(options.bpf().get()).wrap(packets);
            reading.read(withSecrets(packets, keys, problems), problems::add);
        } catch (IOException e) {
            problems.add(new Problem(0, -1, "read failed: " + e.getMessage()));
        } catch (LibpcapUnavailableException | IllegalArgumentException e) {
            problems.add(new Problem(0, -1, e.getMessage()));
        }
        network.finish();
        tunnels.finish();
        collector.finish();
        found.sort(Comparator.comparingLong(Evidence::frame));
        found.forEach(evidence);
        return problems;
    }

    /** The capture's own key log (pcapng Decryption Secrets Blocks) goes to the scan's keys, packets on to {@code packets}. */
    private static PacketSink withSecrets(PacketSink packets, ScanKeys keys, List<Problem> problems) {
        return new PacketSink() {
            @Override
            public void packet(long frame, long epochNanos, int linkType, java.nio.ByteBuffer data, int originalLength) {
                packets.packet(frame, epochNanos, linkType, data, originalLength);
            }

            @Override
            public void decryptionSecrets(long frame, int secretsType, java.nio.ByteBuffer data) {
                if (secretsType != PacketSink.TLS_KEY_LOG) return;
                byte[] text = new byte[data.remaining()];
                data.duplicate().get(text);
                if (!keys.addSecretsBlock(SECRETS_BLOCK, text, 0, text.length)) {
                    problems.add(Problem.atFrame(frame, "Decryption Secrets Blocks over " + ScanKeys.MAX_SECRETS_BLOCK_BYTES
                            + " bytes in all; the rest are ignored"));
                }
            }
        };
    }

    /** The key source of secrets a capture carries itself. */
    public static final String SECRETS_BLOCK = "capture's Decryption Secrets Block";

    private static List<Problem> unreadable(String why) {
        return List.of(new Problem(0, -1, why));
    }
}
