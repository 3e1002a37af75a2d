package capcert.net;

import capcert.capture.LinkType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Link layers beyond Ethernet, read down to what {@link PacketDecoder} dispatches on: an EtherType
 * (802.11 data frames through their LLC/SNAP header, Cisco HDLC, Frame Relay SNAP), an IP packet
 * (NFLOG, IPNET), or another link layer (PPI and PKTAP say which). Wireless frames come bare
 * (802.11) or behind a radio header: radiotap, PPI, Prism or AVS. Frames without an MSDU to read
 * (management, control, null data, encrypted, fragments) yield nothing.
 *
 * <p>One instance per decoder; {@link #decode} leaves its answer in the fields, so that nothing is
 * allocated per packet. A data frame carrying an A-MSDU holds several packets: {@link #decode}
 * answers the first, {@link #nextSubframe} each further one.
 */
final class LinkHeaders {

    /** What the bytes at {@link #offset} are. */
    enum Inner { NOTHING, ETHERTYPE, IP, LINK }

    Inner inner = Inner.NOTHING;
    /** Where the inner packet starts. */
    int offset;
    /** Where it ends (an FCS removed). */
    int end;
    /** The EtherType for {@link Inner#ETHERTYPE}, the link type for {@link Inner#LINK}. */
    int value;
    /**
     * For {@link Inner#ETHERTYPE} from 802.11: where the destination and source MAC addresses of the
     * MSDU are (which of the frame's addresses they are depends on its DS bits); -1 otherwise.
     */
    int destinationAt = -1;
    int sourceAt = -1;
    /** An A-MSDU still being read: where its next subframe starts, and where the frame body ends. */
    private int nextSubframe = -1;
    private int aggregateEnd;
    private ByteBuffer buffer;

    private static final int FC_TYPE_DATA = 2;
    private static final int FC_TO_DS = 0x01;
    private static final int FC_FROM_DS = 0x02;
    private static final int FC_MORE_FRAGMENTS = 0x04;
    private static final int FC_PROTECTED = 0x40;
    private static final int FC_ORDER = 0x80;
    private static final int QOS_AMSDU_PRESENT = 0x80;
    private static final int RADIOTAP_FLAGS_FCS = 0x10;
    private static final int RADIOTAP_FLAGS_DATA_PAD = 0x20;
    private static final int AVS_MAGIC_MASK = 0xffff_ff00;
    private static final int AVS_MAGIC = 0x8021_1000;
    private static final int NFULA_PAYLOAD = 9;
    private static final int AF_INET = 2;
    private static final int AF_INET6_LINUX = 10;
    private static final int AF_INET6_SOLARIS = 26;

    static boolean handles(int linkType) {
        return switch (linkType) {
            case LinkType.IEEE_802_11, LinkType.CISCO_HDLC, LinkType.FRAME_RELAY, LinkType.PRISM, LinkType.RADIOTAP,
                 LinkType.AVS, LinkType.PPI, LinkType.IPNET, LinkType.NFLOG, LinkType.PKTAP -> true;
            default -> false;
        };
    }

    /** Reads the link header of {@code linkType} at {@code p}; the answer is in the fields. */
    void decode(ByteBuffer b, int linkType, int p, int end) {
        inner = Inner.NOTHING;
        nextSubframe = -1;
        destinationAt = -1;
        sourceAt = -1;
        buffer = b;
        this.end = end;
        switch (linkType) {
            case LinkType.IEEE_802_11 -> ieee80211(b, p, end, false);
            case LinkType.RADIOTAP -> radiotap(b, p, end);
            case LinkType.PPI -> {
                if (end - p >= 8) {
                    int length = u16le(b, p + 2);
                    if (length >= 8 && length <= end - p) link(b.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 4), p + length);
                    b.order(ByteOrder.BIG_ENDIAN);
                }
            }
            case LinkType.PRISM -> {
                // Some drivers write an AVS header under this link type; its magic tells.
                if (end - p >= 8 && (b.getInt(p) & AVS_MAGIC_MASK) == AVS_MAGIC) avs(b, p, end);
                else if (end - p >= 8) {
                    int length = b.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 4);
                    b.order(ByteOrder.BIG_ENDIAN);
                    if (length >= 8 && length <= end - p) ieee80211(b, p + length, end, false);
                }
            }
            case LinkType.AVS -> avs(b, p, end);
            case LinkType.CISCO_HDLC -> {
                if (end - p >= 4) etherType(PacketDecoder.u16(b, p + 2), p + 4);
            }
            case LinkType.FRAME_RELAY -> frameRelay(b, p, end);
            case LinkType.NFLOG -> nflog(b, p, end);
            case LinkType.IPNET -> {
                if (end - p >= 24) {
                    int family = b.get(p + 1) & 0xff;
                    if (family == AF_INET || family == AF_INET6_SOLARIS) ip(p + 24);
                }
            }
            case LinkType.PKTAP -> {
                if (end - p >= 8) {
                    int length = b.order(ByteOrder.LITTLE_ENDIAN).getInt(p);
                    int dlt = b.getInt(p + 4);
                    b.order(ByteOrder.BIG_ENDIAN);
                    if (length >= 8 && length <= end - p) link(dlt, p + length);
                }
            }
            default -> {
                // Not one of these.
            }
        }
    }

    private void link(int linkType, int at) {
        inner = Inner.LINK;
        value = linkType;
        offset = at;
    }

    private void etherType(int type, int at) {
        inner = Inner.ETHERTYPE;
        value = type;
        offset = at;
    }

    private void ip(int at) {
        inner = Inner.IP;
        offset = at;
    }

    /**
     * The radiotap header: its length, and from its flags field whether a 4-byte FCS ends the
     * frame and whether the 802.11 header is padded to 32 bits. Fields sit at their natural
     * alignment after the presence words; the flags are the second field, after the 8-byte TSFT.
     */
    private void radiotap(ByteBuffer b, int p, int end) {
        if (end - p < 8) return;
        int length = u16le(b, p + 2);
        if (length < 8 || length > end - p) return;
        int o = p + 4;
        int present = b.order(ByteOrder.LITTLE_ENDIAN).getInt(o);
        int words = 1;
        while (b.getInt(p + 4 + 4 * (words - 1)) < 0 && 8 + 4 * words <= length) words++;
        b.order(ByteOrder.BIG_ENDIAN);
        int flags = 0;
        int field = 4 + 4 * words;
        if ((present & 0x1) != 0) field = ((field + 7) & ~7) + 8;
        if ((present & 0x2) != 0 && field < length) flags = b.get(p + field) & 0xff;
        if ((flags & RADIOTAP_FLAGS_FCS) != 0) end -= 4;
        this.end = end;
        ieee80211(b, p + length, end, (flags & RADIOTAP_FLAGS_DATA_PAD) != 0);
    }

    private void avs(ByteBuffer b, int p, int end) {
        if (end - p < 8) return;
        int length = b.getInt(p + 4);
        if (length >= 8 && length <= end - p) ieee80211(b, p + length, end, false);
    }

    /**
     * An 802.11 data frame: header of 24 bytes, 30 with four addresses, plus the QoS and HT
     * controls when present, then the LLC/SNAP header naming the EtherType. An A-MSDU holds
     * subframes, each with its own addresses, length and LLC/SNAP header.
     */
    private void ieee80211(ByteBuffer b, int p, int end, boolean padded) {
        if (end - p < 24) return;
        int fc0 = b.get(p) & 0xff;
        int fc1 = b.get(p + 1) & 0xff;
        int type = (fc0 >> 2) & 0x3;
        int subtype = (fc0 >> 4) & 0xf;
        if ((fc0 & 0x3) != 0 || type != FC_TYPE_DATA || (subtype & 0x4) != 0) return; // not data, or no body
        if ((fc1 & FC_PROTECTED) != 0) return; // encrypted: nothing to read without the keys
        int fragment = b.get(p + 22) & 0x0f;
        if ((fc1 & FC_MORE_FRAGMENTS) != 0 || fragment != 0) return;
        int header = 24;
        int ds = fc1 & (FC_TO_DS | FC_FROM_DS);
        if (ds == (FC_TO_DS | FC_FROM_DS)) header += 6;
        destinationAt = p + ((ds & FC_TO_DS) != 0 ? 16 : 4);
        sourceAt = p + (ds == (FC_TO_DS | FC_FROM_DS) ? 24 : (ds & FC_FROM_DS) != 0 ? 16 : 10);
        boolean qos = (subtype & 0x8) != 0;
        boolean aggregate = false;
        if (qos) {
            if (end - p < header + 2) return;
            aggregate = (b.get(p + header) & QOS_AMSDU_PRESENT) != 0;
            header += 2;
            if ((fc1 & FC_ORDER) != 0) header += 4;
        }
        if (padded) header = (header + 3) & ~3;
        int body = p + header;
        if (aggregate) {
            aggregateEnd = end;
            nextSubframe = body;
            nextSubframe();
        } else {
            llc(b, body, end);
        }
    }

    /** The next A-MSDU subframe of the last frame decoded: false when there is none left. */
    boolean nextSubframe() {
        inner = Inner.NOTHING;
        ByteBuffer b = buffer;
        while (nextSubframe >= 0 && b != null) {
            int at = nextSubframe;
            if (aggregateEnd - at < 14) {
                nextSubframe = -1;
                return false;
            }
            int length = PacketDecoder.u16(b, at + 12);
            int msduEnd = at + 14 + length;
            if (msduEnd > aggregateEnd) {
                nextSubframe = -1;
                return false;
            }
            nextSubframe = at + ((14 + length + 3) & ~3); // each subframe but the last is padded to 4 bytes
            if (nextSubframe >= aggregateEnd) nextSubframe = -1;
            end = msduEnd;
            destinationAt = at;
            sourceAt = at + 6;
            llc(b, at + 14, msduEnd);
            if (inner != Inner.NOTHING) return true;
        }
        return false;
    }

    /** LLC/SNAP: AA AA 03, an OUI of 00 00 00 (RFC 1042) or 00 00 F8 (bridge tunnel), the EtherType. */
    private void llc(ByteBuffer b, int p, int end) {
        if (end - p < 8) return;
        if ((b.get(p) & 0xff) != 0xaa || (b.get(p + 1) & 0xff) != 0xaa || b.get(p + 2) != 0x03) return;
        int oui = (b.get(p + 3) & 0xff) << 16 | (b.get(p + 4) & 0xff) << 8 | b.get(p + 5) & 0xff;
        if (oui != 0 && oui != 0xf8) return;
        etherType(PacketDecoder.u16(b, p + 6), p + 8);
    }

    /** Q.922 address, then UI control 0x03 and an NLPID: IPv4, IPv6, or SNAP (pad, OUI, EtherType). */
    private void frameRelay(ByteBuffer b, int p, int end) {
        if (end - p < 4 || b.get(p + 2) != 0x03) return;
        int nlpid = b.get(p + 3) & 0xff;
        if (nlpid == 0xcc || nlpid == 0x8e) ip(p + 4);
        else if (nlpid == 0x00 && end - p >= 10 && (b.get(p + 4) & 0xff) == 0x80) etherType(PacketDecoder.u16(b, p + 8), p + 10);
        else if (nlpid == 0x80 && end - p >= 9) etherType(PacketDecoder.u16(b, p + 7), p + 9);
    }

    /** NFLOG: family, version, resource id, then TLVs (length and type in host order, little-endian on Linux hosts) padded to 4. */
    private void nflog(ByteBuffer b, int p, int end) {
        if (end - p < 4) return;
        int family = b.get(p) & 0xff;
        if (family != AF_INET && family != AF_INET6_LINUX) return;
        int o = p + 4;
        for (int tlvs = 0; tlvs < 64 && end - o >= 4; tlvs++) {
            int length = u16le(b, o);
            int type = u16le(b, o + 2) & 0x7fff;
            if (length < 4 || length > end - o) return;
            if (type == NFULA_PAYLOAD) {
                this.end = o + length;
                ip(o + 4);
                return;
            }
            o += (length + 3) & ~3;
        }
    }

    private static int u16le(ByteBuffer b, int i) {
        return (b.get(i) & 0xff) | (b.get(i + 1) & 0xff) << 8;
    }
}
