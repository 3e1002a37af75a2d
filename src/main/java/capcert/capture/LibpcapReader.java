package capcert.capture;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.io.Closeable;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The second reader: the system libpcap, through pcap4j. Slower than {@link CaptureReader} and
 * tied to a native library, it is there to cross-check the built-in reader and for users who
 * trust libpcap's reading of odd files. libpcap gives one link type per file, so a pcapng whose
 * interfaces differ in link type cannot be read this way.
 */
public final class LibpcapReader implements PacketSource, Closeable {

    private final PcapHandle handle;
    private final int linkType;
    private final PacketSink sink;
    private final Consumer<Problem> problems;
    private long frame;
    private boolean ended;

    private LibpcapReader(PcapHandle handle, PacketSink sink, Consumer<Problem> problems) throws NotOpenException {
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.sink = sink;
        this.problems = problems;
    }

    /** The loaded libpcap's version line, proving it can be used. */
    public static String version() throws LibpcapUnavailableException {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            throw new LibpcapUnavailableException(e);
        }
    }

    /**
     * Opens {@code file} through libpcap. A file libpcap cannot read gives a source with no packet,
     * its reason told to {@code problems}; close the source once read.
     */
    public static PacketSource open(Path file, PacketSink sink, Consumer<Problem> problems) throws LibpcapUnavailableException {
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            problems.accept(new CaptureProblem.Unreadable("libpcap cannot read it: " + e.getMessage()));
            return () -> false;
        } catch (LinkageError e) {
            throw new LibpcapUnavailableException(e);
        }
        try {
            return new LibpcapReader(handle, sink, problems);
        } catch (NotOpenException e) {
            handle.close();
            throw new IllegalStateException("the handle was opened above", e);
        }
    }

    /** Reads every packet into {@code sink}; returns the number of frames read. Damage is reported through {@code problems}. */
    public static long read(Path file, PacketSink sink, Consumer<Problem> problems) throws LibpcapUnavailableException {
        PacketSource source = open(file, sink, problems);
        if (!(source instanceof LibpcapReader reader)) return 0;
        try (reader) {
            while (reader.next()) {
                // Each step delivers one packet.
            }
            return reader.frame;
        }
    }

    @Override
    public boolean next() {
        while (!ended) {
            byte[] packet;
            try {
                packet = handle.getNextRawPacketEx();
            } catch (EOFException end) {
                ended = true;
                return false;
            } catch (TimeoutException notForFiles) {
                continue;
            } catch (PcapNativeException e) {
                problems.accept(new CaptureProblem.Damaged(frame + 1, -1, "libpcap: " + e.getMessage()));
                ended = true;
                return false;
            } catch (NotOpenException e) {
                throw new IllegalStateException("the handle is closed only by close()", e);
            }
            frame++;
            Timestamp time = handle.getTimestamp();
            long epochNanos = Math.floorDiv(time.getTime(), 1000L) * 1_000_000_000L + time.getNanos();
            Integer original = handle.getOriginalLength();
            sink.packet(frame, epochNanos, linkType, ByteBuffer.wrap(packet), original == null ? packet.length : original);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        handle.close();
    }
}
