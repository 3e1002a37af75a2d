package capcert.capture;

/** LINKTYPE_* values (tcpdump.org/linktypes.html) that the decoder understands. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    public static final int FDDI = 10;
    public static final int RAW_OPENBSD = 12;
    public static final int RAW_BSDOS = 14;
    public static final int PPP_HDLC = 50;
    public static final int RAW = 101;
    public static final int CISCO_HDLC = 104;
    public static final int FRAME_RELAY = 107;
    public static final int LOOP = 108;
    public static final int IEEE_802_11 = 105;
    public static final int LINUX_SLL = 113;
    public static final int PRISM = 119;
    public static final int RADIOTAP = 127;
    public static final int AVS = 163;
    public static final int PPI = 192;
    public static final int IPNET = 226;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int NFLOG = 239;
    public static final int PKTAP = 258;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case PPP -> "PPP";
            case FDDI -> "FDDI";
            case IEEE_802_11 -> "IEEE 802.11";
            case CISCO_HDLC -> "Cisco HDLC";
            case FRAME_RELAY -> "Frame Relay";
            case PRISM -> "802.11 with Prism header";
            case RADIOTAP -> "802.11 with radiotap header";
            case AVS -> "802.11 with AVS header";
            case PPI -> "PPI";
            case IPNET -> "Solaris IPNET";
            case NFLOG -> "Linux NFLOG";
            case PKTAP -> "Apple PKTAP";
            case PPP_HDLC -> "PPP in HDLC framing";
            case RAW, RAW_OPENBSD, RAW_BSDOS -> "raw IP";
            case LOOP -> "OpenBSD loopback";
            case LINUX_SLL -> "Linux cooked (SLL)";
            case IPV4 -> "raw IPv4";
            case IPV6 -> "raw IPv6";
            case LINUX_SLL2 -> "Linux cooked v2 (SLL2)";
            default -> "link type " + linkType;
        };
    }
}
