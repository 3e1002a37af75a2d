package capcert.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Microsoft Network Monitor 2.x capture files ({@code .cap} from Network Monitor 3.x and Message
 * Analyzer, {@code editcap -F netmon2}). A 128-byte header, then the frames one after another up to
 * the frame table, which only indexes them: read in order, a compressed file or a pipe needs no
 * seeking. Each frame: time offset from the capture start (microseconds), wire and captured
 * lengths, the bytes, and from version 2.1 on a trailer whose first field is the frame's media type.
 * All little-endian.
 */
final class NetMonReader implements PacketSource {

    private static final int FILE_HEADER = 128;
    private static final int FRAME_HEADER = 16;
    private static final int MINOR_VERSION_OFFSET = 4;
    static final int MAJOR_VERSION_OFFSET = 5;
    private static final int MEDIA_ETHERNET = 1;
    private static final int MEDIA_FDDI = 3;
    private static final int MEDIA_WIFI = 6;
    private static final int MEDIA_RAW_IP_FIRST = 7;
    private static final int MEDIA_RAW_IP_LAST = 9;
    /** Media types 0xE000 + n carry pcap link type n. */
    private static final int MEDIA_PCAP_BASE = 0xe000;

    private final ChunkedInput in;
    private final CaptureReader.Records out;
    private boolean headerRead;
    private int fileMedia;
    private long start;
    private long frameTable;
    /** Bytes after each frame: version 2.1 adds the media type, 2.2 a process index, 2.3 a UTC time and time zone index. */
    private int trailer;
    /** Whether frames of a media type capcert does not read have been reported (once a file). */
    private final boolean[] reported = new boolean[1];

    NetMonReader(ChunkedInput in, CaptureReader.Records out) {
        this.in = in;
        this.out = out;
    }

    /** Reads the file header, or one frame. */
    @Override
    public boolean next() throws IOException {
        if (!headerRead) return header();
        // The frame table only indexes the frames: it ends them, when the header announced one.
        return (in.offset() < frameTable || frameTable < FILE_HEADER) && frame();
    }

    private boolean header() throws IOException {
        if (!in.request(FILE_HEADER)) {
            out.problem(0, 0, "file ends inside the Network Monitor file header (" + FILE_HEADER + " bytes expected, "
                    + in.available() + " present)");
            return false;
        }
        in.order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = in.buffer();
        int p = b.position();
        int minor = b.get(p + MINOR_VERSION_OFFSET) & 0xff;
        int major = b.get(p + MAJOR_VERSION_OFFSET) & 0xff;
        fileMedia = b.getShort(p + 6) & 0xffff;
        start = systemTime(b, p + 8);
        frameTable = Integer.toUnsignedLong(b.getInt(p + 24));
        if (major != 2) {
            out.problem(new CaptureProblem.NetMonVersionNotRead(major, minor));
            return false;
        }
        trailer = minor == 0 ? 0 : minor == 1 ? 2 : minor == 2 ? 6 : 15;
        in.skip(FILE_HEADER);
        headerRead = true;
        return true;
    }

    private boolean frame() throws IOException {
        long offset = in.offset();
        if (!in.request(FRAME_HEADER)) {
            if (in.available() > 0 || frameTable >= FILE_HEADER) {
                out.problem(out.frame() + 1, offset, "file ends inside a Network Monitor frame header"
                        + " (the frame table was announced at byte " + frameTable + ")");
            }
            return false;
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        long timeOffsetMicros = b.getLong(p);
        long original = Integer.toUnsignedLong(b.getInt(p + 8));
        long captured = Integer.toUnsignedLong(b.getInt(p + 12));
        long frame = out.frame() + 1;
        long recordLength = FRAME_HEADER + captured + trailer;
        if (recordLength > CaptureReader.MAX_PCAPNG_BLOCK
                || frameTable >= FILE_HEADER && offset + recordLength > frameTable) {
            out.problem(frame, offset, "Network Monitor frame claims " + captured + " bytes, past the frame table at byte "
                    + frameTable + "; the file is damaged from here");
            return false;
        }
        if (!in.request((int) recordLength)) {
            out.problem(frame, offset, "file ends inside a Network Monitor frame (" + captured + " bytes claimed, "
                    + Math.max(0, in.available() - FRAME_HEADER) + " present)");
            return false;
        }
        out.nextFrame();
        b = in.buffer();
        p = b.position();
        int media = trailer >= 2 ? b.getShort(p + FRAME_HEADER + (int) captured) & 0xffff : fileMedia;
        long epochNanos = start + timeOffsetMicros * 1000;
        if (trailer >= 15) epochNanos = fileTime(b.getLong(p + FRAME_HEADER + (int) captured + 6), epochNanos);
        deliver(out, b, p + FRAME_HEADER, (int) captured, epochNanos, media, original, reported);
        in.skip(recordLength);
        return true;
    }

    private static void deliver(CaptureReader.Records out, ByteBuffer b, int at, int length, long epochNanos, int media,
                                long original, boolean[] reported) {
        int linkType;
        if (media == MEDIA_ETHERNET) {
            linkType = LinkType.ETHERNET;
        } else if (media == MEDIA_FDDI) {
            linkType = LinkType.FDDI;
        } else if (media >= MEDIA_RAW_IP_FIRST && media <= MEDIA_RAW_IP_LAST) {
            linkType = LinkType.RAW;
        } else if (media >= MEDIA_PCAP_BASE && media < MEDIA_PCAP_BASE + 0x1000) {
            linkType = media - MEDIA_PCAP_BASE;
        } else if (media == MEDIA_WIFI && length >= 3) {
            // Network Monitor's own 802.11 metadata header: version, then its length (little-endian).
            int header = b.order(ByteOrder.LITTLE_ENDIAN).getShort(at + 1) & 0xffff;
            if (header > length) return;
            at += header;
            length -= header;
            linkType = LinkType.IEEE_802_11;
        } else {
            if (!reported[0]) {
                reported[0] = true;
                out.problem(new CaptureProblem.NetMonMediaSkipped(out.frame(), media));
            }
            return;
        }
        out.deliver(b, at, length, epochNanos, linkType, original);
    }

    /** SYSTEMTIME: year, month, day of week, day, hour, minute, second, milliseconds; taken as UTC. */
    private static long systemTime(ByteBuffer b, int p) {
        int[] f = new int[8];
        for (int i = 0; i < 8; i++) f[i] = b.getShort(p + 2 * i) & 0xffff;
        try {
            LocalDateTime t = LocalDateTime.of(f[0], f[1], f[3], f[4], f[5], f[6], f[7] * 1_000_000);
            java.time.Instant instant = t.toInstant(ZoneOffset.UTC);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        } catch (java.time.DateTimeException e) {
            return 0;
        }
    }

    /** FILETIME: 100-ns ticks since 1601; {@code fallback} when zero or absurd. */
    private static long fileTime(long ticks, long fallback) {
        long unixTicks = ticks - 116_444_736_000_000_000L;
        if (ticks <= 0 || unixTicks < 0 || unixTicks > Long.MAX_VALUE / 100) return fallback;
        return unixTicks * 100;
    }
}
