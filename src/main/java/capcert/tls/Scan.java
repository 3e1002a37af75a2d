package capcert.tls;

import capcert.capture.BpfFilter;
import capcert.capture.CaptureProblem;
import capcert.capture.CaptureReader;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.MemoryBudget;
import capcert.capture.PacketSink;
import capcert.capture.PacketSource;
import capcert.capture.Problem;
import capcert.net.FrameClock;
import capcert.net.HeldBytes;
import capcert.net.NetworkDecoder;
import capcert.net.tunnel.TunnelHandler;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One capture being read, its handshakes pulled one at a time in the order of their first frame:
 * the capture is read only as far as the next handshake needs, so memory stays constant however
 * large it is. Bad input never throws: it ends the handshakes and is in {@link #problems()}. The
 * certificates, OCSP messages and CRLs the capture carried outside handshakes are in
 * {@link #evidence()} once it is read.
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

    /** Evidence items listed per capture. */
    static final int MAX_EVIDENCE = 100_000;
    /**
     * The share of the memory budget evidence may hold until the capture is read: each stapling
     * server's responses differ, and evidence cannot be given back as idle connections can, so the
     * rest of the budget stays for the handshakes.
     */
    static final int EVIDENCE_BUDGET_SHARE = 2;
    /** What an evidence item holds besides its bytes: the record, its endpoints and strings. */
    private static final int EVIDENCE_BYTES = 512;

    private final ScanOptions options;
    private final ArrayDeque<Handshake> ready = new ArrayDeque<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Held until the capture is read, then sorted by frame: bounded, so that a busy stapling server cannot grow it without end. */
    private final List<Evidence> evidence = new ArrayList<>();
    private boolean evidenceOverflowed;
    /** The contents charged to the budget: identical bytes are one object shared across the scan, charged once. */
    private final Set<Der> evidenceHeld = Collections.newSetFromMap(new IdentityHashMap<>());
    private long evidenceBytes;
    /** The capture was read to its end (not closed early): the evidence is complete. */
    private boolean readWhole;
    private final ScanKeys keys;
    private final MemoryBudget budget;
    private final HandshakeCollector collector;
    private final TunnelHandler tunnels;
    private final NetworkDecoder network;
    private PacketSource source = () -> false;
    private Closeable resource;
    private boolean finished;

    /** {@code each} gets every handshake as soon as it is known; without one they wait for {@link #next()}. */
    Scan(ScanOptions options, HandshakeBuffer.Spares spares, Consumer<Handshake> each) {
        this.options = options;
        Limits limits = options.limits();
        this.keys = new ScanKeys(options.keyLog());
        this.budget = new MemoryBudget(limits.memoryBudget(), problems::add);
        HeldBytes heldByAll = new HeldBytes(limits.maxBufferedTotal(), problems::add, budget);
        this.collector = new HandshakeCollector(limits, heldByAll, keys, problems::add, each == null ? ready::add : each,
                this::keep, spares, budget);
        FrameClock clock = new FrameClock();
        this.tunnels = new TunnelHandler(collector, clock, limits.maxBufferedPerStream(), heldByAll, limits.maxConnections(),
                problems::add);
        this.network = new NetworkDecoder(tunnels, clock, heldByAll, problems::add, options.ports(),
                limits.maxBufferedPerStream(), limits.maxConnections(), budget);
    }

    /** Reads {@code channel} with the built-in reader; {@code owned} is closed with the scan. */
    Scan reading(ReadableByteChannel channel, Closeable owned) {
        resource = owned;
        PacketSink packets = packets();
        if (packets != null) source = new CaptureReader(channel, packets, problems::add, budget);
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

    /**
     * The decoder's input, behind the packet filter if one was asked for, with the capture's own key
     * log taken out on the way; null when the filter cannot run.
     */
    private PacketSink packets() {
        PacketSink packets = network.packets();
        if (options.bpf().isEmpty()) return withSecrets(packets);
        try {
            return withSecrets(BpfFilter.compile(options.bpf().get()).wrap(packets));
        } catch (LibpcapUnavailableException e) {
            problems.add(new CaptureProblem.LibpcapMissing(e.detail()));
        } catch (IllegalArgumentException e) {
            problems.add(new CaptureProblem.FilterRefused(e.getMessage()));
        }
        return null;
    }

    /** The capture's own key log (pcapng Decryption Secrets Blocks) goes to the scan's keys, packets on to {@code packets}. */
    private PacketSink withSecrets(PacketSink packets) {
        return new PacketSink() {
            @Override
            public void packet(long frame, long epochNanos, int linkType, ByteBuffer data, int originalLength) {
                packets.packet(frame, epochNanos, linkType, data, originalLength);
            }

            @Override
            public void decryptionSecrets(long frame, int secretsType, ByteBuffer data) {
                if (secretsType != PacketSink.TLS_KEY_LOG) return;
                byte[] text = new byte[data.remaining()];
                data.duplicate().get(text);
                if (!keys.addSecretsBlock(CaptureScanner.SECRETS_BLOCK, text, 0, text.length)) {
                    problems.add(new ScanProblem.SecretsOverLimit(frame, ScanKeys.MAX_SECRETS_BLOCK_BYTES));
                }
            }
        };
    }

    private void keep(Evidence found) {
        if (evidenceOverflowed) return;
        if (evidence.size() >= MAX_EVIDENCE) {
            evidenceOverflowed = true;
            problems.add(new ScanProblem.EvidenceOverLimit(found.frame(), MAX_EVIDENCE));
            return;
        }
        long cost = EVIDENCE_BYTES + (evidenceHeld.contains(found.content()) ? 0L : found.content().length());
        long max = options.limits().memoryBudget() / EVIDENCE_BUDGET_SHARE;
        if (evidenceBytes + cost > max) {
            evidenceOverflowed = true;
            problems.add(new ScanProblem.EvidenceOverBudget(found.frame(), max));
            return;
        }
        evidenceHeld.add(found.content());
        evidenceBytes += cost;
        budget.chargeHeld(cost, found.frame());
        evidence.add(found);
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
        tunnels.finish();
        collector.finish();
        evidence.sort(Comparator.comparingLong(Evidence::frame));
        readWhole = true;
        close();
    }

    /**
     * The certificates, OCSP messages and CRLs carried outside handshakes, in frame order: empty until
     * {@link #hasNext()} has said false, as they are known only once the capture is read.
     */
    public List<Evidence> evidence() {
        return readWhole ? List.copyOf(evidence) : List.of();
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
