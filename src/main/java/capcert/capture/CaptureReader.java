package capcert.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams the packets of a pcap or pcapng file, or of a snoop or Network Monitor 2.x file, each
 * also when compressed (gzip, bzip2, xz, zstd, LZ4: told by the bytes, never the name). Memory
 * stays constant: one read buffer, grown only for a block larger than it that really is in the
 * file. Damage ends the read with a {@link Problem} naming the frame and byte offset; every packet
 * before it has been delivered. A file of another kind is named for what it is. {@link #next()}
 * reads one record (or pcapng block) at a time, so a caller can pull packets at its own pace;
 * {@link #read} reads them all.
 */
public final class CaptureReader implements PacketSource {

    /** Largest pcap record accepted unless the file's snapshot length says more (Wireshark's limit). */
    static final int MAX_PCAP_RECORD = 262_144;
    /** Largest pcapng block accepted (Wireshark's limit too). */
    static final int MAX_PCAPNG_BLOCK = 16 * 1024 * 1024;
    private static final int READ_BUFFER = 1 << 20;

    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAP_KUZNETZOV = 0xa1b2cd34;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;
    /** A .pcap.gz inside a .xz is plausible; deeper is a decompression bomb or a mistake. */
    static final int MAX_NESTED_COMPRESSION = 3;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    /** What {@link #next()} reads: a format of its own, another format's reader, or the decompressed file inside. */
    private enum Format { UNKNOWN, PCAP, PCAPNG, OTHER, COMPRESSED, ENDED }

    private final ChunkedInput in;
    private final PacketSink sink;
    private final Consumer<Problem> problems;
    /** The compressions this file was found inside, outermost first; empty for a plain file. */
    private final List<FileKind> container;
    private Format format = Format.UNKNOWN;
    private long frame;
    /** The reader of a snoop or Network Monitor file, for {@link Format#OTHER}. */
    private PacketSource other;
    /** The reader of the decompressed file, for {@link Format#COMPRESSED}. */
    private CaptureReader inner;

    /** A reader of {@code channel} that hands each packet to {@code sink}; damage is told to {@code problems}. */
    public CaptureReader(ReadableByteChannel channel, PacketSink sink, Consumer<Problem> problems) {
        this(channel, sink, problems, new MemoryBudget(Long.MAX_VALUE, problems));
    }

    /** The same, its pcapng interface tables charged to {@code budget}. */
    public CaptureReader(ReadableByteChannel channel, PacketSink sink, Consumer<Problem> problems, MemoryBudget budget) {
        this(channel, sink, problems, budget, List.of());
    }

    private CaptureReader(ReadableByteChannel channel, PacketSink sink, Consumer<Problem> problems, MemoryBudget budget,
                          List<FileKind> container) {
        this.budget = budget;
        this.in = new ChunkedInput(channel, READ_BUFFER);
        this.sink = sink;
        this.problems = problems;
        this.container = container;
    }

    /**
     * Reads every packet into {@code sink}. Returns the number of frames read. Throws only when the
     * channel itself fails; a damaged or foreign file is reported through {@code problems}.
     */
    public static long read(ReadableByteChannel channel, PacketSink sink, Consumer<Problem> problems) throws IOException {
        CaptureReader reader = new CaptureReader(channel, sink, problems);
        while (reader.next()) {
            // Each step delivers at most one packet.
        }
        return reader.frame;
    }

    /**
     * Reads the file header, or the next record or block, handing its packet (if it holds one) to the
     * sink. False once the file has ended or its damage has been reported: nothing more will come.
     * Throws only when the channel itself fails.
     */
    @Override
    public boolean next() throws IOException {
        boolean more = switch (format) {
            case UNKNOWN -> start();
            case PCAP -> pcapRecord();
            case PCAPNG -> pcapngBlock();
            case OTHER -> other.next();
            case COMPRESSED -> decompressedNext();
            case ENDED -> false;
        };
        if (!more) format = Format.ENDED;
        return more;
    }

    /** Frames read so far. */
    public long frames() {
        return frame;
    }

    private boolean start() throws IOException {
        if (!in.request(4)) {
            problem(0, in.available() == 0 ? "empty file" : "file too short to be a capture (" + in.available() + " bytes)");
            return false;
        }
        ByteBuffer b = in.buffer();
        int bigEndian = b.order(ByteOrder.BIG_ENDIAN).getInt(b.position());
        int littleEndian = Integer.reverseBytes(bigEndian);
        if (bigEndian == PCAPNG_SHB) {
            format = Format.PCAPNG;
            return true;
        } else if (FileFormat.isPcapMagic(bigEndian)) {
            return pcapHeader(ByteOrder.BIG_ENDIAN, bigEndian);
        } else if (FileFormat.isPcapMagic(littleEndian)) {
            return pcapHeader(ByteOrder.LITTLE_ENDIAN, littleEndian);
        }
        return otherFormat();
    }

    private boolean otherFormat() throws IOException {
        in.request(FileFormat.PEEK);
        FileFormat identified = FileFormat.identify(in.buffer(), in.buffer().position(), in.available());
        switch (identified.kind()) {
            case SNOOP -> other = new SnoopReader(in, records());
            case NETMON_2 -> other = new NetMonReader(in, records());
            case GZIP, BZIP2, XZ, ZSTD, LZ4 -> {
                return compressed(identified.kind());
            }
            default -> {
                problems.accept(new CaptureProblem.NotACapture(identified.kind(), identified.firstBytes(), container));
                return false;
            }
        }
        format = Format.OTHER;
        return true;
    }

    private boolean compressed(FileKind kind) throws IOException {
        List<FileKind> layers = new ArrayList<>(container);
        layers.add(kind);
        if (container.size() == MAX_NESTED_COMPRESSION) {
            problems.accept(new CaptureProblem.TooDeeplyCompressed(layers));
            return false;
        }
        try {
            inner = new CaptureReader(Decompression.open(kind, in.remainder()), sink, problems, budget, List.copyOf(layers));
        } catch (Decompression.Damaged e) {
            problems.accept(e.problem(0));
            return false;
        }
        format = Format.COMPRESSED;
        return true;
    }

    /** One step of the file inside; damage in the compressed data ends it after every packet before it. */
    private boolean decompressedNext() throws IOException {
        try {
            return inner.next();
        } catch (Decompression.Damaged e) {
            problems.accept(e.problem(inner.frame + 1));
            return false;
        } finally {
            frame = inner.frame;
        }
    }

    /** Where the readers of other formats hand their packets, numbered on from this reader's count. */
    private Records records() {
        return new Records() {
            @Override
            public long nextFrame() {
                return ++frame;
            }

            @Override
            public long frame() {
                return frame;
            }

            @Override
            public void deliver(ByteBuffer b, int start, int length, long epochNanos, int linkType, long original) {
                CaptureReader.this.deliver(b, start, length, epochNanos, linkType, original);
            }

            @Override
            public void problem(long frameNumber, long offset, String message) {
                CaptureReader.this.problem(frameNumber, offset, message);
            }

            @Override
            public void problem(Problem problem) {
                problems.accept(problem);
            }
        };
    }

    /** What a reader of one more capture format needs: frame numbers, delivery, problems. */
    interface Records {
        /** Counts one more frame and returns its number. */
        long nextFrame();

        /** The number of the last frame counted. */
        long frame();

        /** Hands the packet at {@code start} in {@code b} to the sink as the last frame counted. */
        void deliver(ByteBuffer b, int start, int length, long epochNanos, int linkType, long original);

        /** The bytes from {@code offset} are not what the format says; {@code message} says how. */
        void problem(long frame, long offset, String message);

        void problem(Problem problem);
    }

    // ---- pcap ------------------------------------------------------------------------------

    private int pcapLinkType;
    private long nanosPerTick;
    private int recordHeader;
    private long maxRecord;

    private boolean pcapHeader(ByteOrder order, int magic) throws IOException {
        if (!in.request(24)) {
            problem(0, "file ends inside the pcap file header (24 bytes expected, " + in.available() + " present)");
            return false;
        }
        in.order(order);
        ByteBuffer b = in.buffer();
        int base = b.position();
        long snaplen = Integer.toUnsignedLong(b.getInt(base + 16));
        pcapLinkType = b.getInt(base + 20) & 0x0fff_ffff;
        in.skip(24);
        nanosPerTick = magic == PCAP_NANOS ? 1 : 1000;
        recordHeader = magic == PCAP_KUZNETZOV ? 24 : 16;
        maxRecord = Math.min(MAX_PCAPNG_BLOCK, Math.max(MAX_PCAP_RECORD, snaplen));
        format = Format.PCAP;
        return true;
    }

    private boolean pcapRecord() throws IOException {
        long recordOffset = in.offset();
        if (!in.request(recordHeader)) {
            if (in.available() > 0) {
                problem(frame + 1, recordOffset, "file ends inside a packet record header ("
                        + in.available() + " of " + recordHeader + " bytes present)");
            }
            return false;
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        long seconds = Integer.toUnsignedLong(b.getInt(p));
        long fraction = Integer.toUnsignedLong(b.getInt(p + 4));
        long captured = Integer.toUnsignedLong(b.getInt(p + 8));
        long original = Integer.toUnsignedLong(b.getInt(p + 12));
        long thisFrame = frame + 1;
        if (captured > maxRecord) {
            problem(thisFrame, recordOffset, "packet record claims " + captured + " bytes, more than the maximum of "
                    + maxRecord + "; the file is damaged from here");
            return false;
        }
        if (!in.request(recordHeader + (int) captured)) {
            problem(thisFrame, recordOffset, "file ends inside a packet record (" + captured + " bytes claimed, "
                    + Math.max(0, in.available() - recordHeader) + " present)");
            return false;
        }
        frame = thisFrame;
        b = in.buffer();
        p = b.position();
        deliver(b, p + recordHeader, (int) captured, seconds * 1_000_000_000L + fraction * nanosPerTick,
                pcapLinkType, original);
        in.skip(recordHeader + captured);
        return true;
    }

    // ---- pcapng ----------------------------------------------------------------------------

    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_PB = 2;
    private static final int BLOCK_SPB = 3;
    private static final int BLOCK_EPB = 6;
    private static final int OPTION_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final int BLOCK_DSB = 10;

    /** An interface's record and its slot in the table. */
    private static final int INTERFACE_BYTES = 56;

    private final MemoryBudget budget;
    private Interface[] interfaces = new Interface[0];
    private int interfaceCount;
    /** Interfaces past the memory budget are not described: their packets are reported, not read. */
    private boolean interfacesRefused;

    private record Interface(int linkType, long snaplen, long ticksPerSecond, long offsetSeconds) {
    }

    private boolean sectionSeen;

    private boolean pcapngBlock() throws IOException {
        long blockOffset = in.offset();
        if (!in.request(12)) {
            if (in.available() > 0) {
                problem(frame + 1, blockOffset, "file ends inside a pcapng block header");
            }
            return false;
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        int type = b.getInt(p);
        if (type == PCAPNG_SHB || Integer.reverseBytes(type) == PCAPNG_SHB) {
            int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(p + 8);
            if (magic == PCAPNG_BYTE_ORDER_MAGIC) {
                in.order(ByteOrder.BIG_ENDIAN);
            } else if (Integer.reverseBytes(magic) == PCAPNG_BYTE_ORDER_MAGIC) {
                in.order(ByteOrder.LITTLE_ENDIAN);
            } else {
                problem(frame + 1, blockOffset, "pcapng section header has a bad byte-order magic; the file is damaged from here");
                return false;
            }
            budget.release((long) interfaceCount * INTERFACE_BYTES);
            interfaceCount = 0;
            interfacesRefused = false;
            sectionSeen = true;
            b = in.buffer();
            type = PCAPNG_SHB;
        } else if (!sectionSeen) {
            problem(0, blockOffset, "pcapng file does not start with a section header");
            return false;
        }
        long length = Integer.toUnsignedLong(b.getInt(p + 4));
        if (length < 12 || length > MAX_PCAPNG_BLOCK) {
            problem(frame + 1, blockOffset, "pcapng block of type 0x" + Integer.toHexString(type) + " claims " + length
                    + " bytes (valid: 12 to " + MAX_PCAPNG_BLOCK + "); the file is damaged from here");
            return false;
        }
        int blockLength = (int) length;
        if (!in.request(blockLength)) {
            problem(isPacketBlock(type) ? frame + 1 : frame, blockOffset, "file ends inside a pcapng block ("
                    + blockLength + " bytes claimed, " + in.available() + " present)");
            return false;
        }
        b = in.buffer();
        p = b.position();
        int trailer = b.getInt(p + blockLength - 4);
        if (Integer.toUnsignedLong(trailer) != length) {
            problem(isPacketBlock(type) ? frame + 1 : frame, blockOffset, "pcapng block lengths disagree (" + length
                    + " at the start, " + Integer.toUnsignedLong(trailer) + " at the end); the file is damaged from here");
            return false;
        }
        switch (type) {
            case BLOCK_IDB -> addInterface(b, p, blockLength, blockOffset);
            case BLOCK_EPB -> enhancedPacket(b, p, blockLength, blockOffset);
            case BLOCK_SPB -> simplePacket(b, p, blockLength, blockOffset);
            case BLOCK_PB -> obsoletePacket(b, p, blockLength, blockOffset);
            case BLOCK_DSB -> decryptionSecrets(b, p, blockLength, blockOffset);
            default -> {
                // Section headers, name resolution, statistics, custom blocks: nothing to extract.
            }
        }
        in.skip(blockLength);
        return true;
    }

    private static boolean isPacketBlock(int type) {
        return type == BLOCK_EPB || type == BLOCK_SPB || type == BLOCK_PB;
    }

    private void addInterface(ByteBuffer b, int p, int blockLength, long blockOffset) {
        if (blockLength < 20) {
            problem(frame, blockOffset, "interface description block too short (" + blockLength + " bytes)");
            return;
        }
        int linkType = b.getShort(p + 8) & 0xffff;
        long snaplen = Integer.toUnsignedLong(b.getInt(p + 12));
        long ticksPerSecond = 1_000_000;
        long offsetSeconds = 0;
        int o = p + 16;
        int end = p + blockLength - 4;
        while (o + 4 <= end) {
            int code = b.getShort(o) & 0xffff;
            int len = b.getShort(o + 2) & 0xffff;
            if (code == OPTION_END || o + 4 + len > end) break;
            if (code == IF_TSRESOL && len >= 1) {
                int resolution = b.get(o + 4) & 0xff;
                int exponent = resolution & 0x7f;
                ticksPerSecond = (resolution & 0x80) == 0 ? powerOf(10, exponent) : powerOf(2, exponent);
            } else if (code == IF_TSOFFSET && len >= 8) {
                offsetSeconds = b.getLong(o + 4);
            }
            o += 4 + ((len + 3) & ~3);
        }
        if (ticksPerSecond <= 0) {
            problem(frame, blockOffset, "interface " + interfaceCount + " has an unusable timestamp resolution; using microseconds");
            ticksPerSecond = 1_000_000;
        }
        if (interfacesRefused || !budget.charge(INTERFACE_BYTES, frame)) {
            if (!interfacesRefused) {
                interfacesRefused = true;
                problems.accept(new CaptureProblem.InterfacesOverBudget(frame, blockOffset, interfaceCount));
            }
            return;
        }
        if (interfaceCount == interfaces.length) {
            interfaces = java.util.Arrays.copyOf(interfaces, Math.max(4, interfaceCount * 2));
        }
        interfaces[interfaceCount++] = new Interface(linkType, snaplen, ticksPerSecond, offsetSeconds);
    }

    private static long powerOf(long base, int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            if (value > Long.MAX_VALUE / base) return -1;
            value *= base;
        }
        return value;
    }

    private void enhancedPacket(ByteBuffer b, int p, int blockLength, long blockOffset) {
        frame++;
        if (blockLength < 32) {
            problem(frame, blockOffset, "enhanced packet block too short (" + blockLength + " bytes)");
            return;
        }
        Interface iface = interfaceFor(Integer.toUnsignedLong(b.getInt(p + 8)), blockOffset);
        if (iface == null) return;
        long ticks = (Integer.toUnsignedLong(b.getInt(p + 12)) << 32) | Integer.toUnsignedLong(b.getInt(p + 16));
        long captured = Integer.toUnsignedLong(b.getInt(p + 20));
        long original = Integer.toUnsignedLong(b.getInt(p + 24));
        if (captured > blockLength - 32) {
            problem(frame, blockOffset, "packet claims " + captured + " captured bytes but its block holds " + (blockLength - 32));
            captured = blockLength - 32L;
        }
        deliver(b, p + 28, (int) captured, toNanos(iface, ticks), iface.linkType(), original);
    }

    private void simplePacket(ByteBuffer b, int p, int blockLength, long blockOffset) {
        frame++;
        Interface iface = interfaceFor(0, blockOffset);
        if (iface == null) return;
        long original = Integer.toUnsignedLong(b.getInt(p + 8));
        long captured = Math.min(original, blockLength - 16L);
        if (iface.snaplen() > 0) captured = Math.min(captured, iface.snaplen());
        // A simple packet block carries no timestamp.
        deliver(b, p + 12, (int) Math.max(0, captured), 0, iface.linkType(), original);
    }

    private void obsoletePacket(ByteBuffer b, int p, int blockLength, long blockOffset) {
        frame++;
        if (blockLength < 32) {
            problem(frame, blockOffset, "packet block too short (" + blockLength + " bytes)");
            return;
        }
        Interface iface = interfaceFor(b.getShort(p + 8) & 0xffff, blockOffset);
        if (iface == null) return;
        long ticks = (Integer.toUnsignedLong(b.getInt(p + 12)) << 32) | Integer.toUnsignedLong(b.getInt(p + 16));
        long captured = Math.min(Integer.toUnsignedLong(b.getInt(p + 20)), blockLength - 32L);
        long original = Integer.toUnsignedLong(b.getInt(p + 24));
        deliver(b, p + 28, (int) captured, toNanos(iface, ticks), iface.linkType(), original);
    }

    private Interface interfaceFor(long id, long blockOffset) {
        if (id >= interfaceCount && interfacesRefused) return null;
        if (id >= interfaceCount) {
            problem(frame, blockOffset, "packet names interface " + id + " but the section describes " + interfaceCount);
            return null;
        }
        return interfaces[(int) id];
    }

    private static long toNanos(Interface iface, long ticks) {
        long perSecond = iface.ticksPerSecond();
        long seconds = Long.divideUnsigned(ticks, perSecond);
        long remainder = Long.remainderUnsigned(ticks, perSecond);
        long nanos = perSecond <= 1_000_000_000L
                ? remainder * (1_000_000_000L / perSecond) + remainder * (1_000_000_000L % perSecond) / perSecond
                : (long) (remainder * (1e9 / perSecond));
        return (seconds + iface.offsetSeconds()) * 1_000_000_000L + nanos;
    }

    private void decryptionSecrets(ByteBuffer b, int p, int blockLength, long blockOffset) {
        if (blockLength < 20) {
            problem(frame, blockOffset, "decryption secrets block too short (" + blockLength + " bytes)");
            return;
        }
        int secretsType = b.getInt(p + 8);
        long secretsLength = Integer.toUnsignedLong(b.getInt(p + 12));
        if (secretsLength > blockLength - 20) {
            problem(frame, blockOffset, "decryption secrets block claims " + secretsLength + " bytes of secrets but holds "
                    + (blockLength - 20));
            return;
        }
        int savedPosition = b.position();
        int savedLimit = b.limit();
        b.limit(p + 16 + (int) secretsLength).position(p + 16);
        try {
            sink.decryptionSecrets(frame, secretsType, b);
        } finally {
            b.limit(savedLimit).position(savedPosition);
        }
    }

    // ---- shared ----------------------------------------------------------------------------

    private void deliver(ByteBuffer b, int start, int length, long epochNanos, int linkType, long original) {
        int savedPosition = b.position();
        int savedLimit = b.limit();
        ByteOrder savedOrder = b.order();
        b.limit(start + length).position(start);
        b.order(ByteOrder.BIG_ENDIAN);
        try {
            sink.packet(frame, epochNanos, linkType, b, (int) Math.min(Integer.MAX_VALUE, Math.max(original, length)));
        } finally {
            b.order(savedOrder).limit(savedLimit).position(savedPosition);
        }
    }

    private void problem(long frameNumber, String message) {
        problems.accept(new CaptureProblem.Damaged(frameNumber, 0, message));
    }

    private void problem(long frameNumber, long offset, String message) {
        problems.accept(new CaptureProblem.Damaged(frameNumber, offset, message));
    }
}
