package capcert.tls;

import capcert.capture.BpfFilter;
import capcert.capture.CaptureProblem;
import capcert.capture.CaptureReader;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.PacketSink;
import capcert.capture.PacketSource;
import capcert.capture.Problem;
import capcert.net.NetworkDecoder;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * One capture being read, its handshakes pulled one at a time in the order of their first frame:
 * the capture is read only as far as the next handshake needs, so memory stays constant however
 * large it is. Bad input never throws: it ends the handshakes and is in {@link #problems()}.
 *
 * <pre>{@code
 * try (Scan scan = new CaptureScanner(ScanOptions.defaults()).open(Path.of("capture.pcapng"))) {
 *     while (scan.hasNext()) System.out.println(scan.next().sni());
 *     scan.problems().forEach(p -> System.err.println(p.where() + ": " + p.message()));
 * }
 * }</pre>
 *
 * Not thread-safe. {@link #close()} closes the file the scan opened; a channel or stream given to it
 * stays open.
 */
public final class Scan implements Iterator<Handshake>, AutoCloseable {

    private final ScanOptions options;
    private final ArrayDeque<Handshake> ready = new ArrayDeque<>();
    private final List<Problem> problems = new ArrayList<>();
    private final HandshakeCollector collector;
    private final NetworkDecoder network;
    private PacketSource source = () -> false;
    private Closeable resource;
    private boolean finished;

    /** {@code each} gets every handshake as soon as it is known; without one they wait for {@link #next()}. */
    Scan(ScanOptions options, HandshakeBuffer.Spares spares, Consumer<Handshake> each) {
        this.options = options;
        Limits limits = options.limits();
        this.collector = new HandshakeCollector(limits, problems::add, each == null ? ready::add : each, spares);
        this.network = new NetworkDecoder(collector, problems::add, options.ports(), limits.maxBufferedPerStream(),
                limits.maxBufferedTotal(), limits.maxConnections());
    }

    /** Reads {@code channel} with the built-in reader; {@code owned} is closed with the scan. */
    Scan reading(ReadableByteChannel channel, Closeable owned) {
        resource = owned;
        PacketSink packets = packets();
        if (packets != null) source = new CaptureReader(channel, packets, problems::add);
        return this;
    }

    /** Reads {@code file} through the system libpcap. */
    Scan readingWithLibpcap(Path file) {
        PacketSink packets = packets();
        if (packets == null) return this;
        try {
            source = LibpcapReader.open(file, packets, problems::add);
            if (source instanceof Closeable closeable) resource = closeable;
        } catch (LibpcapUnavailableException e) {
            problems.add(new CaptureProblem.LibpcapMissing(e.detail()));
        }
        return this;
    }

    /** A capture that cannot be read at all: no handshake, one problem. */
    Scan unreadable(String why) {
        problems.add(new CaptureProblem.Unreadable(why));
        return this;
    }

    /** The decoder's input, behind the packet filter if one was asked for; null when the filter cannot run. */
    private PacketSink packets() {
        PacketSink packets = network.packets();
        if (options.bpf().isEmpty()) return packets;
        try {
            return BpfFilter.compile(options.bpf().get()).wrap(packets);
        } catch (LibpcapUnavailableException e) {
            problems.add(new CaptureProblem.LibpcapMissing(e.detail()));
        } catch (IllegalArgumentException e) {
            problems.add(new CaptureProblem.FilterRefused(e.getMessage()));
        }
        return null;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !finished) step();
        return !ready.isEmpty();
    }

    @Override
    public Handshake next() {
        if (!hasNext()) throw new NoSuchElementException("the capture has no more handshakes");
        return ready.poll();
    }

    /** Reads the rest of the capture, handing every handshake on. */
    void toEnd() {
        while (!finished) step();
    }

    private void step() {
        try {
            if (source.next()) return;
        } catch (IOException e) {
            problems.add(new CaptureProblem.Unreadable("read failed: " + e.getMessage()));
        }
        finished = true;
        network.finish();
        collector.finish();
        close();
    }

    /** What was wrong with the capture so far: all of it once {@link #hasNext()} has said false. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Stops reading and closes the file the scan opened; handshakes not yet read are dropped. */
    @Override
    public void close() {
        finished = true;
        if (resource == null) return;
        try {
            resource.close();
        } catch (IOException e) {
            // Only read from: nothing is lost when closing fails.
        }
        resource = null;
    }
}
