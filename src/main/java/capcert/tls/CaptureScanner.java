package capcert.tls;

import capcert.capture.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Capture in, every cleartext handshake and its certificates out: the entry point for reading
 * captures. A capture (a file, a channel or a stream: pcap or pcapng, any size) is read once,
 * front to back, in constant memory; its handshakes come in the order of their first frame, each as
 * soon as no connection opened before it can still report one. Three ways to take them:
 * {@link #open} pulls them one at a time, {@link #scan(Path, Consumer)} hands each to a callback,
 * {@link #scan(Path)} gathers them all. The certificates, OCSP messages and CRLs carried outside
 * handshakes ({@link Evidence}) come once the capture is read. Bad input never throws: it is
 * reported as problems, after everything valid before it.
 *
 * <p>A scanner keeps arrays from one capture to the next; it is not thread-safe. Use one per
 * thread: scanners share nothing, so any number can run in one JVM.
 */
public final class CaptureScanner {

    /** The key source of secrets a capture carries itself. */
    public static final String SECRETS_BLOCK = "capture's Decryption Secrets Block";

    private final ScanOptions options;
    private final HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();

    public CaptureScanner(ScanOptions options) {
        this.options = Objects.requireNonNull(options);
    }

    public ScanOptions options() {
        return options;
    }

    /** Reads {@code file} whole: all its handshakes, evidence and problems. */
    public CaptureResult scan(Path file) {
        List<Handshake> handshakes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Problem> problems = scan(file, handshakes::add, evidence::add);
        return new CaptureResult(file, handshakes, problems, evidence);
    }

    /**
     * Reads an already open capture (a pipe, standard input) whole, with the built-in reader whatever
     * {@link ScanOptions#reader()} says: libpcap reads only files. {@code name} labels the result;
     * {@code in} stays open.
     */
    public CaptureResult scan(Path name, ReadableByteChannel in) {
        List<Handshake> handshakes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<Problem> problems = scan(in, handshakes::add, evidence::add);
        return new CaptureResult(name, handshakes, problems, evidence);
    }

    /**
     * Reads {@code file}, handing each handshake to {@code each} as soon as it is known, in the order
     * {@link CaptureResult#handshakes()} has them, so that they can be written while the rest of the
     * capture is read. Returns the capture's problems.
     */
    public List<Problem> scan(Path file, Consumer<Handshake> each) {
        return scan(file, each, found -> { });
    }

    /** The same, handing the evidence to {@code evidence} in frame order once the capture is read. */
    public List<Problem> scan(Path file, Consumer<Handshake> each, Consumer<Evidence> evidence) {
        return toEnd(start(file, each), evidence);
    }

    /** {@link #scan(Path, Consumer)} of an already open capture, as {@link #scan(Path, ReadableByteChannel)}. */
    public List<Problem> scan(ReadableByteChannel in, Consumer<Handshake> each) {
        return scan(in, each, found -> { });
    }

    /** {@link #scan(Path, Consumer, Consumer)} of an already open capture, as {@link #scan(Path, ReadableByteChannel)}. */
    public List<Problem> scan(ReadableByteChannel in, Consumer<Handshake> each, Consumer<Evidence> evidence) {
        return toEnd(new Scan(options, spares, each).reading(in, null), evidence);
    }

    /** {@code file}'s handshakes, pulled one at a time; close the scan when done with it. */
    public Scan open(Path file) {
        return start(file, null);
    }

    /** The handshakes of an already open capture, pulled one at a time, as {@link #scan(Path, ReadableByteChannel)}. */
    public Scan open(ReadableByteChannel in) {
        return new Scan(options, spares, null).reading(in, null);
    }

    /** The same, for a stream (a Hadoop or S3 stream, a socket): read as it comes, never held whole. */
    public Scan open(InputStream in) {
        return open(Channels.newChannel(in));
    }

    private static List<Problem> toEnd(Scan scan, Consumer<Evidence> evidence) {
        scan.toEnd();
        scan.evidence().forEach(evidence);
        return scan.problems();
    }

    private Scan start(Path file, Consumer<Handshake> each) {
        Scan scan = new Scan(options, spares, each);
        if (Files.isDirectory(file)) return scan.unreadable("is a directory, not a capture file");
        if (options.reader() == ScanOptions.Reader.LIBPCAP) {
            if (!Files.isReadable(file)) return scan.unreadable(Files.exists(file) ? "permission denied" : "no such file");
            return scan.readingWithLibpcap(file);
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return scan.reading(channel, channel);
        } catch (NoSuchFileException e) {
            return scan.unreadable("no such file");
        } catch (AccessDeniedException e) {
            return scan.unreadable("permission denied");
        } catch (IOException e) {
            return scan.unreadable("cannot read: " + e.getMessage());
        }
    }
}
