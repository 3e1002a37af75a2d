package capcert.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the first bytes of a file say it is, never its name: a capture format capcert reads, a
 * compression to undo first, or something else, named so that the user knows what to do with it.
 */
record FileFormat(FileKind kind, int firstBytes) {

    /** Bytes looked at: tar's {@code ustar} sits at 257, ETL's first event marker at 0x48. */
    static final int PEEK = 264;

    private static final int PCAP_MICROS = 0xa1b2c3d4;
    private static final int PCAP_NANOS = 0xa1b23c4d;
    private static final int PCAP_KUZNETZOV = 0xa1b2cd34;
    private static final int PCAPNG_SHB = 0x0a0d0d0a;
    private static final int ETL_MARKER_32_BIT = 0xc0010002;
    private static final int ETL_MARKER_64_BIT = 0xc0020002;
    private static final int ETL_BUFFER_HEADER = 0x48;

    static boolean isPcapMagic(int magic) {
        return magic == PCAP_MICROS || magic == PCAP_NANOS || magic == PCAP_KUZNETZOV;
    }

    static boolean isPcapngMagic(int magic) {
        return magic == PCAPNG_SHB;
    }

    /** Reads {@code length} bytes from {@code start}, without moving the buffer. */
    static FileFormat identify(ByteBuffer b, int start, int length) {
        byte[] head = new byte[Math.min(length, PEEK)];
        for (int i = 0; i < head.length; i++) head[i] = b.get(start + i);
        return identify(head);
    }

    static FileFormat identify(byte[] h) {
        int first = h.length >= 4 ? u32be(h, 0) : 0;
        return new FileFormat(kind(h, first), first);
    }

    private static FileKind kind(byte[] h, int first) {
        if (isPcapngMagic(first)) return FileKind.PCAPNG;
        if (isPcapMagic(first) || isPcapMagic(Integer.reverseBytes(first))) return FileKind.PCAP;
        if (startsWith(h, "snoop\0\0\0")) return FileKind.SNOOP;
        if (startsWith(h, "GMBU")) return FileKind.NETMON_2;
        if (startsWith(h, 0x1f, 0x8b)) return FileKind.GZIP;
        if (startsWith(h, "BZh") && h.length >= 10 && h[3] >= '1' && h[3] <= '9'
                && (matchesAt(h, 4, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59) || matchesAt(h, 4, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90))) {
            return FileKind.BZIP2;
        }
        if (startsWith(h, 0xfd, '7', 'z', 'X', 'Z', 0x00)) return FileKind.XZ;
        if (startsWith(h, 0x28, 0xb5, 0x2f, 0xfd)) return FileKind.ZSTD;
        if (startsWith(h, 0x04, 0x22, 0x4d, 0x18)) return FileKind.LZ4;
        return foreign(h);
    }

    private static FileKind foreign(byte[] h) {
        if (startsWith(h, "RTSS")) return FileKind.NETMON_1;
        if (isEtl(h)) return FileKind.ETL;
        if (startsWith(h, "TRSNIFF data")) return FileKind.SNIFFER_DOS;
        if (startsWith(h, "XCP\0")) return FileKind.NETXRAY;
        if (startsWith(h, 0x7f, 'v', 'e', 'r')) return FileKind.PEEK;
        if (startsWith(h, "iptrace ")) return FileKind.IPTRACE;
        if (startsWith(h, 0x54, 0x52, 0x00, 0x64, 0x00)) return FileKind.NETTL;
        if (startsWith(h, "btsnoop\0")) return FileKind.BTSNOOP;
        if (startsWith(h, "PK") && h.length >= 4 && (h[2] == 3 && h[3] == 4 || h[2] == 5 && h[3] == 6)) return FileKind.ZIP;
        if (startsWith(h, "7z") && h.length >= 6 && (h[2] & 0xff) == 0xbc && (h[3] & 0xff) == 0xaf) return FileKind.SEVEN_ZIP;
        if (startsWith(h, "Rar!")) return FileKind.RAR;
        if (h.length >= 262 && matchesAt(h, 257, 'u', 's', 't', 'a', 'r')) return FileKind.TAR;
        if (looksLikeErf(h)) return FileKind.ERF;
        if (h.length >= 4 && (h[0] & 0xff) == 0x30 && (h[1] & 0xff) == 0x82) return FileKind.DER;
        String text = text(h);
        if (text == null) return FileKind.UNKNOWN;
        String start = text.stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("-----begin ")) return FileKind.PEM;
        if (start.startsWith("<!doctype html") || start.startsWith("<html")) return FileKind.HTML;
        if (start.startsWith("<?xml") || start.startsWith("<pdml")) return FileKind.XML;
        if (start.startsWith("{") || start.startsWith("[")) return FileKind.JSON;
        return FileKind.TEXT;
    }

    /** An ETL file begins with a 0x48-byte buffer header; the first event is the log file header, whose marker is fixed. */
    private static boolean isEtl(byte[] h) {
        if (h.length < ETL_BUFFER_HEADER + 4) return false;
        int marker = Integer.reverseBytes(u32be(h, ETL_BUFFER_HEADER));
        return marker == ETL_MARKER_32_BIT || marker == ETL_MARKER_64_BIT;
    }

    /**
     * ERF has no magic number: its first record header must be plausible. Record type 1 to 27,
     * a record length of at least the 16-byte header that the wire length fits in (plus padding),
     * and a timestamp between 1995 and 2100.
     */
    private static boolean looksLikeErf(byte[] h) {
        if (h.length < 16) return false;
        long seconds = Integer.toUnsignedLong(Integer.reverseBytes(u32be(h, 4)));
        int type = h[8] & 0x7f;
        int recordLength = (h[10] & 0xff) << 8 | h[11] & 0xff;
        int wireLength = (h[14] & 0xff) << 8 | h[15] & 0xff;
        return type >= 1 && type <= 27 && recordLength >= 16 && wireLength > 0 && wireLength <= 65535
                && seconds >= 788_918_400L && seconds <= 4_102_444_800L;
    }

    /** The bytes as text when they are printable (UTF-8, tabs and line ends allowed), else null. */
    private static String text(byte[] h) {
        if (h.length == 0) return null;
        for (byte c : h) {
            int v = c & 0xff;
            if (v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != '\f' || v == 0x7f) return null;
        }
        return new String(h, StandardCharsets.UTF_8).replace("\ufeff", "");
    }

    private static boolean startsWith(byte[] h, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
        if (h.length < p.length) return false;
        for (int i = 0; i < p.length; i++) if (h[i] != p[i]) return false;
        return true;
    }

    private static boolean startsWith(byte[] h, int... prefix) {
        return matchesAt(h, 0, prefix);
    }

    private static boolean matchesAt(byte[] h, int at, int... prefix) {
        if (h.length < at + prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((h[at + i] & 0xff) != prefix[i]) return false;
        return true;
    }

    private static int u32be(byte[] h, int i) {
        return (h[i] & 0xff) << 24 | (h[i + 1] & 0xff) << 16 | (h[i + 2] & 0xff) << 8 | h[i + 3] & 0xff;
    }
}
