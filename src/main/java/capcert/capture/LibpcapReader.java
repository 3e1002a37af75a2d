package capcert.capture;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The second reader: the system libpcap, through pcap4j. Slower than {@link CaptureReader} and
 * tied to a native library, it is there to cross-check the built-in reader and for users who
 * trust libpcap's reading of odd files. libpcap gives one link type per file, so a pcapng whose
 * interfaces differ in link type cannot be read this way. libpcap reads plain pcap and pcapng only:
 * a compressed one is decompressed into a temporary file for it first, other formats are refused
 * with what they are.
 */
public final class LibpcapReader implements PacketSource, Closeable {

    private final PcapHandle handle;
    private final int linkType;
    private final PacketSink sink;
    private final Consumer<Problem> problems;
    private long frame;
    private boolean ended;
    /** The decompressed copy libpcap reads, deleted on {@link #close()}; null for a plain file. */
    private Path temporary;

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
        FileFormat format;
        try {
            format = FileFormat.identify(head(file));
        } catch (IOException e) {
            problems.accept(new CaptureProblem.Unreadable("cannot read: " + e.getMessage()));
            return () -> false;
        }
        if (format.kind().compressed()) return openDecompressed(file, sink, problems);
        if (format.kind() != FileKind.PCAP && format.kind() != FileKind.PCAPNG) {
            problems.accept(new CaptureProblem.NotForLibpcap(format.kind(), format.firstBytes()));
            return () -> false;
        }
        return openPlain(file, sink, problems);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(FileFormat.PEEK);
        }
    }

    /**
     * A compressed pcap or pcapng, decompressed into a temporary file that libpcap then reads (and
     * that closing the source deletes); damage ends the copy, not the read.
     */
    private static PacketSource openDecompressed(Path file, PacketSink sink, Consumer<Problem> problems)
            throws LibpcapUnavailableException {
        Path plain = null;
        PacketSource source = () -> false;
        try {
            plain = Files.createTempFile("capcert-", ".decompressed");
            try (ReadableByteChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(plain, StandardOpenOption.WRITE)) {
                ReadableByteChannel decompressed = in;
                for (int nesting = 0; nesting <= CaptureReader.MAX_NESTED_COMPRESSION; nesting++) {
                    ByteBuffer head = ByteBuffer.allocate(FileFormat.PEEK);
                    while (head.hasRemaining() && decompressed.read(head) >= 0) {
                        // fill the head
                    }
                    head.flip();
                    FileFormat format = FileFormat.identify(head, 0, head.remaining());
                    ReadableByteChannel whole = new PrependedChannel(head, decompressed);
                    if (!format.kind().compressed()) {
                        copy(whole, out, problems);
                        break;
                    }
                    decompressed = Decompression.open(format.kind(), whole);
                }
            }
            source = open(plain, sink, problems);
        } catch (IOException e) {
            problems.accept(new CaptureProblem.Unreadable("cannot decompress it for libpcap: " + e.getMessage()));
        } catch (LibpcapUnavailableException e) {
            delete(plain, problems);
            throw e;
        }
        if (source instanceof LibpcapReader reader) {
            reader.temporary = plain;
        } else {
            delete(plain, problems);
        }
        return source;
    }

    private static void copy(ReadableByteChannel in, FileChannel out, Consumer<Problem> problems) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) out.write(buffer);
                buffer.clear();
            }
        } catch (Decompression.Damaged e) {
            buffer.flip();
            while (buffer.hasRemaining()) out.write(buffer);
            problems.accept(e.problem(0));
        }
    }

    private static void delete(Path temporary, Consumer<Problem> problems) {
        if (temporary == null) return;
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            problems.accept(new CaptureProblem.TemporaryFileLeft(temporary, e.getMessage()));
        }
    }

    private static PacketSource openPlain(Path file, PacketSink sink, Consumer<Problem> problems)
            throws LibpcapUnavailableException {
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            problems.accept(new CaptureProblem.LibpcapCannotOpen(e.getMessage()));
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
                problems.accept(new CaptureProblem.LibpcapReadFailed(frame + 1, e.getMessage()));
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
        delete(temporary, problems);
        temporary = null;
    }
}
