package capcert.capture;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

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
public final class LibpcapReader {

    private LibpcapReader() {
    }

    /** The loaded libpcap's version line, proving it can be used. */
    public static String version() throws LibpcapUnavailableException {
        try {
            return Pcaps.libVersion();
        } catch (LinkageError e) {
            throw new LibpcapUnavailableException(e);
        }
    }

    /** Reads every packet into {@code sink}; returns the number of frames read. Damage is reported through {@code problems}. */
    public static long read(Path file, PacketSink sink, Consumer<Problem> problems) throws LibpcapUnavailableException {
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            problems.accept(new CaptureProblem.Unreadable("libpcap cannot read it: " + e.getMessage()));
            return 0;
        } catch (LinkageError e) {
            throw new LibpcapUnavailableException(e);
        }
        long frame = 0;
        try {
            int linkType = handle.getDlt().value();
            while (true) {
                byte[] packet;
                try {
                    packet = handle.getNextRawPacketEx();
                } catch (EOFException end) {
                    return frame;
                } catch (TimeoutException notForFiles) {
                    continue;
                } catch (PcapNativeException e) {
                    problems.accept(new CaptureProblem.Damaged(frame + 1, -1, "libpcap: " + e.getMessage()));
                    return frame;
                }
                frame++;
                Timestamp time = handle.getTimestamp();
                long epochNanos = Math.floorDiv(time.getTime(), 1000L) * 1_000_000_000L + time.getNanos();
                Integer original = handle.getOriginalLength();
                sink.packet(frame, epochNanos, linkType, ByteBuffer.wrap(packet), original == null ? packet.length : original);
            }
        } catch (NotOpenException e) {
            throw new IllegalStateException("the handle was opened above", e);
        } finally {
            handle.close();
        }
    }
}
