package capcert.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sun snoop files (RFC 1761; also what {@code editcap -F snoop} writes): a 16-byte file header,
 * then records of a 24-byte header, the packet and padding to the record length, all big-endian.
 * Each {@link #next()} reads the header or one record.
 */
final class SnoopReader implements PacketSource {

    private static final int FILE_HEADER = 16;
    private static final int RECORD_HEADER = 24;
    static final int VERSION = 2;
    static final int VERSION_OFFSET = 8;
    static final int DATALINK_OFFSET = 12;
    private static final int DATALINK_IEEE_802_3 = 0;
    private static final int DATALINK_ETHERNET = 4;
    private static final int DATALINK_FDDI = 8;

    private final ChunkedInput in;
    private final CaptureReader.Records out;
    /** The link type of every record; -1 until the file header has been read. */
    private int linkType = -1;

    SnoopReader(ChunkedInput in, CaptureReader.Records out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public boolean next() throws IOException {
        return linkType < 0 ? header() : record();
    }

    private boolean header() throws IOException {
        if (!in.request(FILE_HEADER)) {
            out.problem(0, 0, "file ends inside the snoop file header (" + FILE_HEADER + " bytes expected, "
                    + in.available() + " present)");
            return false;
        }
        in.order(ByteOrder.BIG_ENDIAN);
        ByteBuffer b = in.buffer();
        int p = b.position();
        int version = b.getInt(p + VERSION_OFFSET);
        int datalink = b.getInt(p + DATALINK_OFFSET);
        if (version != VERSION) {
            out.problem(new CaptureProblem.SnoopVersionNotRead(version));
            return false;
        }
        linkType = switch (datalink) {
            case DATALINK_ETHERNET, DATALINK_IEEE_802_3 -> LinkType.ETHERNET;
            case DATALINK_FDDI -> LinkType.FDDI;
            default -> -1;
        };
        if (linkType < 0) {
            out.problem(new CaptureProblem.SnoopLinkNotRead(datalink));
            return false;
        }
        in.skip(FILE_HEADER);
        return true;
    }

    private boolean record() throws IOException {
        long offset = in.offset();
        if (!in.request(RECORD_HEADER)) {
            if (in.available() > 0) {
                out.problem(out.frame() + 1, offset, "file ends inside a snoop record header (" + in.available()
                        + " of " + RECORD_HEADER + " bytes present)");
            }
            return false;
        }
        ByteBuffer b = in.buffer();
        int p = b.position();
        long original = Integer.toUnsignedLong(b.getInt(p));
        long included = Integer.toUnsignedLong(b.getInt(p + 4));
        long recordLength = Integer.toUnsignedLong(b.getInt(p + 8));
        long seconds = Integer.toUnsignedLong(b.getInt(p + 16));
        long micros = Integer.toUnsignedLong(b.getInt(p + 20));
        long frame = out.frame() + 1;
        if (recordLength < RECORD_HEADER + included || recordLength > CaptureReader.MAX_PCAPNG_BLOCK) {
            out.problem(frame, offset, "snoop record claims " + included + " packet bytes in a " + recordLength
                    + "-byte record; the file is damaged from here");
            return false;
        }
        if (!in.request((int) recordLength)) {
            out.problem(frame, offset, "file ends inside a snoop record (" + recordLength + " bytes claimed, "
                    + in.available() + " present)");
            return false;
        }
        out.nextFrame();
        b = in.buffer();
        out.deliver(b, b.position() + RECORD_HEADER, (int) included, seconds * 1_000_000_000L + micros * 1000,
                linkType, original);
        in.skip(recordLength);
        return true;
    }
}
