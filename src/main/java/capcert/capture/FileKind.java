package capcert.capture;

/**
 * What a file is by its first bytes, never its name: a capture format capcert reads, a compression
 * it undoes first, or another kind of file, which {@link #describe} names so that the user knows
 * what to do with it.
 */
public enum FileKind {
    PCAP("pcap"),
    PCAPNG("pcapng"),
    SNOOP("snoop"),
    NETMON_2("Microsoft Network Monitor 2.x"),

    GZIP("gzip"),
    BZIP2("bzip2"),
    XZ("xz"),
    ZSTD("zstd"),
    LZ4("LZ4"),

    NETMON_1("a Microsoft Network Monitor 1.x file, which capcert does not read" + Words.CONVERT),
    /** Windows event tracing, as pktmon and netsh trace write it. */
    ETL("a Windows event trace (ETL, e.g. from pktmon or netsh trace), not a packet capture;"
            + " convert it on Windows with `pktmon etl2pcap FILE` and read the pcapng it writes"),
    SNIFFER_DOS("a Sniffer (DOS) capture, which capcert does not read" + Words.CONVERT),
    NETXRAY("a NetXRay or Sniffer for Windows capture, which capcert does not read" + Words.CONVERT),
    PEEK("a Peek (EtherPeek, AiroPeek, OmniPeek) capture, which capcert does not read" + Words.CONVERT),
    IPTRACE("an AIX iptrace file, which capcert does not read" + Words.CONVERT),
    NETTL("an HP-UX nettl trace, which capcert does not read" + Words.CONVERT),
    BTSNOOP("a Bluetooth HCI log (btsnoop), which carries no TLS"),
    ZIP("a ZIP archive" + Words.EXTRACT),
    SEVEN_ZIP("a 7-Zip archive" + Words.EXTRACT),
    RAR("a RAR archive" + Words.EXTRACT),
    TAR("a tar archive" + Words.EXTRACT),
    /** Told by a plausible first record header: ERF has no magic number. */
    ERF("an Endace ERF capture, it seems, which capcert does not read" + Words.CONVERT),
    /** A certificate or key in DER: for the checker, not the scanner. */
    DER("DER data (a certificate?), not a capture; check certificate files"),
    /** Certificates or keys in PEM: for the checker, not the scanner. */
    PEM("a PEM file (certificates or keys), not a capture; check certificate files"),
    HTML("an HTML page, not a capture (a download that saved a web page instead of the file?)"),
    XML("an XML file (tshark -T pdml?), not a capture"),
    JSON("a JSON file (tshark -T json?), not a capture"),
    TEXT("a text file, not a capture; a text dump of packets (tcpdump -xx, tshark -x, a hex dump) becomes"
            + " a pcap with `text2pcap`"),
    /** Nothing recognised: named by its first four bytes. */
    UNKNOWN("not a pcap or pcapng file");

    /** The words shared by several kinds. */
    private static final class Words {
        static final String CONVERT = "; convert it with `editcap -F pcapng FILE FILE.pcapng` (Wireshark) and read that";
        static final String EXTRACT = "; extract the capture from it and read that";
    }

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    /** A capture format capcert reads. */
    public boolean capture() {
        return this == PCAP || this == PCAPNG || this == SNOOP || this == NETMON_2;
    }

    /** A compression capcert undoes before reading the file inside. */
    public boolean compressed() {
        return this == GZIP || this == BZIP2 || this == XZ || this == ZSTD || this == LZ4;
    }

    /** Certificates or keys, which a face checks another way (its {@code howToCheckCertificates}). */
    public boolean certificates() {
        return this == DER || this == PEM;
    }

    /** The name of a capture format or compression ("pcapng", "gzip"). */
    public String formatName() {
        if (!capture() && !compressed()) throw new IllegalStateException(this + " is not a format capcert reads");
        return words;
    }

    /**
     * What a file of this other kind is and what to do with it; {@code firstBytes} (big-endian)
     * names an {@link #UNKNOWN} one, and {@code howToCheckCertificates} ends the sentence for
     * {@link #certificates()}, after "check certificate files".
     */
    public String describe(int firstBytes, String howToCheckCertificates) {
        if (capture() || compressed()) throw new IllegalStateException(this + " is a format capcert reads");
        if (this == UNKNOWN) return words + String.format(" (starts with %08x)", firstBytes);
        return certificates() ? words + " " + howToCheckCertificates : words;
    }
}
