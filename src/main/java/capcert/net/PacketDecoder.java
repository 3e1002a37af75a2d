package capcert.net;

import capcert.capture.LinkType;
import capcert.capture.PacketSink;
import capcert.capture.MemoryBudget;
import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Link layer, IP and transport headers, decoded in place. Tunnels seen in real captures (802.1Q,
 * QinQ, PPPoE, MPLS, IP-in-IP, 6in4, GRE, GTP-U, VXLAN) are opened; fragmented IP is reassembled.
 * Every length field is checked against the bytes on hand: a packet that lies is dropped with a
 * problem, never read past its end.
 */
final class PacketDecoder implements PacketSink {

    /** A Linux cooked header's address length when the address is a MAC address. */
    private static final int MAC_LENGTH = 6;
    private static final int GTP_U_PORT = 2152;
    private static final int VXLAN_PORT = 4789;
    /** GTP-U message type of a G-PDU, the one that carries a user's IP packet. */
    private static final int GTP_G_PDU = 0xff;
    /** VXLAN's "I" flag: the header carries a valid network identifier. */
    private static final int VXLAN_VALID_VNI = 0x08;
    private static final int IPV4_MORE_FRAGMENTS = 0x2000;
    private static final int IPV4_FRAGMENT_OFFSET = 0x1fff;
    private static final int GRE_CHECKSUM = 0x8000;
    private static final int GRE_KEY = 0x2000;
    private static final int GRE_SEQUENCE = 0x1000;
    private static final int GRE_ACKNOWLEDGMENT = 0x0080;
    private static final int GRE_VERSION = 0x0007;
    /** Enhanced GRE (RFC 2637), the version PPTP uses. */
    private static final int GRE_VERSION_PPTP = 1;
    /** PPP in HDLC-like framing starts with the all-stations address and the unnumbered-information control byte. */
    private static final int PPP_ALL_STATIONS = 0xff;
    private static final int PPP_UNNUMBERED_INFORMATION = 0x03;
    private static final int MAX_ENCAPSULATION_DEPTH = 8;

    private final FlowTable flows;
    private final FrameClock clock;
    private final Consumer<Problem> problems;
    private final IpDefragmenter defragmenter;
    private final Packet packet = new Packet();
    private final Set<Integer> unsupportedLinkTypes = new HashSet<>();
    private final LinkHeaders linkHeaders = new LinkHeaders();
    private long frame;
    private long epochNanos;
    /**
     * Where the frame being decoded has its link-layer addresses, for EAPOL, which alone needs them:
     * in an Ethernet header, a cooked capture's sender address (it names no destination), or the
     * addresses an 802.11 frame's DS bits say are the MSDU's; -1 where there is none.
     */
    private int destinationAt, sourceAt;

    PacketDecoder(FlowTable flows, FrameClock clock, Consumer<Problem> problems, MemoryBudget budget) {
        this.flows = flows;
        this.clock = clock;
        this.problems = problems;
        this.defragmenter = new IpDefragmenter(problems, budget);
    }

    @Override
    public void packet(long frame, long epochNanos, int linkType, ByteBuffer data, int originalLength) {
        this.frame = frame;
        this.epochNanos = epochNanos;
        clock.set(frame, epochNanos);
        destinationAt = -1;
        sourceAt = -1;
        link(data, linkType, data.position(), data.limit(), 0);
    }

    private void link(ByteBuffer data, int linkType, int p, int end, int depth) {
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(data, p, end, 0);
            case LinkType.LINUX_SLL -> {
                if (end - p < 16) return;
                if (u16(data, p + 4) == MAC_LENGTH) sourceAt = p + 6;
                etherType(data, u16(data, p + 14), p + 16, end, 0);
            }
            case LinkType.LINUX_SLL2 -> {
                if (end - p < 20) return;
                if ((data.get(p + 11) & 0xff) == MAC_LENGTH) sourceAt = p + 12;
                etherType(data, u16(data, p), p + 20, end, 0);
            }
            case LinkType.NULL -> {
                if (end - p >= 4) {
                    int little = Integer.reverseBytes(data.getInt(p));
                    int family = (little & 0xffff_0000) == 0 ? little : data.getInt(p);
                    addressFamily(data, family, p + 4, end);
                }
            }
            case LinkType.LOOP -> {
                if (end - p >= 4) addressFamily(data, data.getInt(p), p + 4, end);
            }
            case LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS, LinkType.IPV4, LinkType.IPV6 -> ipByVersion(data, p, end, 0);
            case LinkType.PPP, LinkType.PPP_HDLC -> ppp(data, p, end, 0);
            default -> {
                if (LinkHeaders.handles(linkType)) {
                    otherLinkLayer(data, linkType, p, end, depth);
                } else if (unsupportedLinkTypes.add(linkType)) {
                    problems.accept(new NetworkProblem.UnsupportedLinkType(frame, linkType));
                }
            }
        }
    }

    /**
     * 802.11 (bare, radiotap, PPI, Prism, AVS), Cisco HDLC, Frame Relay, NFLOG, IPNET, PKTAP: read
     * by {@link LinkHeaders} down to an EtherType, which goes to the same {@link #etherType}
     * dispatch as wired Ethernet's (an EAPOL frame from a Wi-Fi capture meets the same reader), or
     * to an IP packet, or to the link layer a PPI or PKTAP header names.
     */
    private void otherLinkLayer(ByteBuffer data, int linkType, int p, int end, int depth) {
        LinkHeaders headers = linkHeaders;
        headers.decode(data, linkType, p, end);
        int limit = data.limit();
        do {
            switch (headers.inner) {
                case ETHERTYPE -> {
                    destinationAt = headers.destinationAt;
                    sourceAt = headers.sourceAt;
                    etherType(data, headers.value, headers.offset, headers.end, 0);
                }
                case IP -> ipByVersion(data, headers.offset, headers.end, 0);
                case LINK -> {
                    if (depth < 2) link(data, headers.value, headers.offset, headers.end, depth + 1);
                }
                case NOTHING -> {
                    // Management and control frames, encrypted data, fragments: nothing to read.
                }
            }
            data.limit(limit); // the transport layer narrowed it to its packet; an A-MSDU's next subframe lies beyond
        } while (headers.nextSubframe());
    }

    void finish() {
        defragmenter.clear();
    }

    private void addressFamily(ByteBuffer b, int family, int p, int end) {
        switch (family) {
            case EtherType.AF_INET -> ipv4(b, p, end, 0);
            case EtherType.AF_INET6_LINUX, EtherType.AF_INET6_OPENBSD, EtherType.AF_INET6_FREEBSD, EtherType.AF_INET6_DARWIN ->
                    ipv6(b, p, end, 0);
            default -> {
                // Other families (e.g. AF_LINK) carry nothing for us.
            }
        }
    }

    private void ethernet(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 14) return;
        destinationAt = p;
        sourceAt = p + 6;
        etherType(b, u16(b, p + 12), p + 14, end, depth);
    }

    private static long mac(ByteBuffer b, int p) {
        return (long) u16(b, p) << 32 | Integer.toUnsignedLong(b.getInt(p + 2));
    }

    private void etherType(ByteBuffer b, int type, int p, int end, int depth) {
        for (int tags = 0; tags < 8 && isVlanTag(type); tags++) {
            if (end - p < 4) return;
            type = u16(b, p + 2);
            p += 4;
        }
        switch (type) {
            case EtherType.IPV4 -> ipv4(b, p, end, depth);
            case EtherType.IPV6 -> ipv6(b, p, end, depth);
            case EtherType.PPPOE_SESSION -> {
                if (end - p >= 6) ppp(b, p + 6, Math.min(end, p + 6 + u16(b, p + 4)), depth);
            }
            case EtherType.MPLS, EtherType.MPLS_MULTICAST -> {
                for (int labels = 0; labels < 16 && end - p >= 4; labels++) {
                    boolean bottom = (b.get(p + 2) & 0x01) != 0;
                    p += 4;
                    if (bottom) {
                        ipByVersion(b, p, end, depth);
                        return;
                    }
                }
            }
            case EtherType.EAPOL -> {
                long source = sourceAt >= 0 ? mac(b, sourceAt) : ConnectionHandler.UNKNOWN_MAC;
                long destination = destinationAt >= 0 ? mac(b, destinationAt) : ConnectionHandler.UNKNOWN_MAC;
                b.limit(end).position(p);
                flows.eapol(frame, epochNanos, source, destination, b);
            }
            default -> {
                // ARP, LLDP and the rest: no IP. Every link layer ends here with its EtherType, wired
                // or Wi-Fi alike: a reader of another EtherType belongs here.
            }
        }
    }

    private static boolean isVlanTag(int type) {
        return type == EtherType.VLAN || type == EtherType.QINQ || type == EtherType.QINQ_LEGACY_1
                || type == EtherType.QINQ_LEGACY_2;
    }

    private void ppp(ByteBuffer b, int p, int end, int depth) {
        if (end - p >= 2 && (b.get(p) & 0xff) == PPP_ALL_STATIONS && (b.get(p + 1) & 0xff) == PPP_UNNUMBERED_INFORMATION) p += 2;
        if (end - p < 2) return;
        int protocol = u16(b, p);
        if (protocol == EtherType.PPP_IPV4) ipv4(b, p + 2, end, depth);
        else if (protocol == EtherType.PPP_IPV6) ipv6(b, p + 2, end, depth);
    }

    private void ipByVersion(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 1) return;
        int version = (b.get(p) & 0xf0) >> 4;
        if (version == 4) ipv4(b, p, end, depth);
        else if (version == 6) ipv6(b, p, end, depth);
    }

    private void ipv4(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 20 || (b.get(p) & 0xf0) != 0x40) return;
        int headerLength = (b.get(p) & 0x0f) * 4;
        int totalLength = u16(b, p + 2);
        if (headerLength < 20 || end - p < headerLength) return;
        int cut = 0;
        if (totalLength == 0) {
            totalLength = end - p; // TCP segmentation offload leaves the length zero.
        } else if (totalLength < headerLength) {
            return;
        } else if (totalLength > end - p) {
            cut = totalLength - (end - p);
            totalLength = end - p;
        }
        int payloadEnd = p + totalLength;
        int protocol = b.get(p + 9) & 0xff;
        int src = b.getInt(p + 12);
        int dst = b.getInt(p + 16);
        int flagsAndOffset = u16(b, p + 6);
        boolean moreFragments = (flagsAndOffset & IPV4_MORE_FRAGMENTS) != 0;
        int fragmentOffset = (flagsAndOffset & IPV4_FRAGMENT_OFFSET) * 8;
        if (moreFragments || fragmentOffset != 0) {
            if (cut > 0) return;
            byte[] whole = defragmenter.ipv4Fragment(frame, src, dst, u16(b, p + 4), protocol,
                    fragmentOffset, moreFragments, b, p + headerLength, payloadEnd);
            if (whole != null) {
                ByteBuffer assembled = ByteBuffer.wrap(whole);
                packet.setIpv4(src, dst);
                transport(assembled, protocol, 0, whole.length, depth, 0);
            }
            return;
        }
        packet.setIpv4(src, dst);
        transport(b, protocol, p + headerLength, payloadEnd, depth, cut);
    }

    private void ipv6(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 40 || (b.get(p) & 0xf0) != 0x60) return;
        int payloadLength = u16(b, p + 4);
        int cut = 0;
        int payloadEnd;
        if (payloadLength == 0) {
            payloadEnd = end; // jumbogram or offload
        } else if (payloadLength > end - p - 40) {
            cut = payloadLength - (end - p - 40);
            payloadEnd = end;
        } else {
            payloadEnd = p + 40 + payloadLength;
        }
        long srcHigh = b.getLong(p + 8), srcLow = b.getLong(p + 16);
        long dstHigh = b.getLong(p + 24), dstLow = b.getLong(p + 32);
        int next = b.get(p + 6) & 0xff;
        int o = p + 40;
        for (int headers = 0; headers < 16; headers++) {
            switch (next) {
                case IpProtocol.HOP_BY_HOP_OPTIONS, IpProtocol.ROUTING, IpProtocol.DESTINATION_OPTIONS, IpProtocol.MOBILITY,
                        IpProtocol.HOST_IDENTITY, IpProtocol.SHIM6 -> {
                    if (payloadEnd - o < 8) return;
                    int length = ((b.get(o + 1) & 0xff) + 1) * 8;
                    if (payloadEnd - o < length) return;
                    next = b.get(o) & 0xff;
                    o += length;
                }
                case IpProtocol.AUTHENTICATION_HEADER -> {
                    if (payloadEnd - o < 8) return;
                    int length = ((b.get(o + 1) & 0xff) + 2) * 4;
                    if (payloadEnd - o < length) return;
                    next = b.get(o) & 0xff;
                    o += length;
                }
                case IpProtocol.FRAGMENT -> {
                    if (payloadEnd - o < 8 || cut > 0) return;
                    int nextHeader = b.get(o) & 0xff;
                    int offsetAndFlags = u16(b, o + 2);
                    int identification = b.getInt(o + 4);
                    byte[] whole = defragmenter.ipv6Fragment(frame, srcHigh, srcLow, dstHigh, dstLow, identification,
                            nextHeader, offsetAndFlags & 0xfff8, (offsetAndFlags & 1) != 0, b, o + 8, payloadEnd);
                    if (whole != null) {
                        packet.setIpv6(srcHigh, srcLow, dstHigh, dstLow);
                        transport(ByteBuffer.wrap(whole), nextHeader, 0, whole.length, depth, 0);
                    }
                    return;
                }
                default -> {
                    packet.setIpv6(srcHigh, srcLow, dstHigh, dstLow);
                    transport(b, next, o, payloadEnd, depth, cut);
                    return;
                }
            }
        }
    }

    private void transport(ByteBuffer b, int protocol, int p, int end, int depth, int cut) {
        switch (protocol) {
            case IpProtocol.TCP -> tcp(b, p, end, cut);
            case IpProtocol.UDP -> udp(b, p, end, depth, cut);
            case IpProtocol.IPV4_IN_IP -> {
                if (depth < MAX_ENCAPSULATION_DEPTH) ipv4(b, p, end, depth + 1);
            }
            case IpProtocol.IPV6_IN_IP -> {
                if (depth < MAX_ENCAPSULATION_DEPTH) ipv6(b, p, end, depth + 1);
            }
            case IpProtocol.GRE -> {
                if (depth < MAX_ENCAPSULATION_DEPTH) gre(b, p, end, depth + 1);
            }
            default -> {
                // ICMP and others carry no TLS.
            }
        }
    }

    private void gre(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 4) return;
        int flags = u16(b, p);
        int protocol = u16(b, p + 2);
        int o = p + 4;
        if ((flags & GRE_CHECKSUM) != 0) o += 4; // and the reserved field
        if ((flags & GRE_KEY) != 0) o += 4;
        if ((flags & GRE_SEQUENCE) != 0) o += 4;
        if ((flags & GRE_VERSION) == GRE_VERSION_PPTP && (flags & GRE_ACKNOWLEDGMENT) != 0) o += 4;
        if (o > end) return;
        switch (protocol) {
            case EtherType.TRANSPARENT_BRIDGING -> ethernet(b, o, end, depth);
            case EtherType.ERSPAN_2 -> ethernet(b, o + 8, end, depth);
            case EtherType.PPP -> ppp(b, o, end, depth);
            default -> etherType(b, protocol, o, end, depth);
        }
    }

    private void tcp(ByteBuffer b, int p, int end, int cut) {
        if (end - p < 20) return;
        int dataOffset = ((b.get(p + 12) & 0xf0) >> 4) * 4;
        if (dataOffset < 20 || dataOffset > end - p) return;
        Packet s = packet;
        s.frame = frame;
        s.epochNanos = epochNanos;
        s.protocol = IpProtocol.TCP;
        s.srcPort = u16(b, p);
        s.dstPort = u16(b, p + 2);
        s.seq = b.getInt(p + 4);
        s.ack = b.getInt(p + 8);
        s.flags = b.get(p + 13) & 0x3f;
        s.missingBytes = cut;
        b.limit(end).position(p + dataOffset);
        s.payload = b;
        flows.tcp(s);
    }

    private void udp(ByteBuffer b, int p, int end, int depth, int cut) {
        if (end - p < 8) return;
        int srcPort = u16(b, p);
        int dstPort = u16(b, p + 2);
        int length = u16(b, p + 4);
        int payloadEnd = length >= 8 && length <= end - p ? p + length : end;
        int o = p + 8;
        if (depth < MAX_ENCAPSULATION_DEPTH) {
            if (srcPort == GTP_U_PORT || dstPort == GTP_U_PORT) {
                if (gtpU(b, o, payloadEnd, depth + 1)) return;
            } else if (dstPort == VXLAN_PORT && payloadEnd - o >= 8 && (b.get(o) & VXLAN_VALID_VNI) != 0) {
                ethernet(b, o + 8, payloadEnd, depth + 1);
                return;
            }
        }
        Packet s = packet;
        s.frame = frame;
        s.epochNanos = epochNanos;
        s.protocol = IpProtocol.UDP;
        s.srcPort = srcPort;
        s.dstPort = dstPort;
        s.missingBytes = cut;
        b.limit(payloadEnd).position(o);
        s.payload = b;
        flows.udp(s);
    }

    /** GTP-U G-PDU: returns true when it carried an inner IP packet. */
    private boolean gtpU(ByteBuffer b, int p, int end, int depth) {
        if (end - p < 8) return false;
        int flags = b.get(p) & 0xff;
        if ((flags >> 5) != 1 || (flags & 0x10) == 0 || (b.get(p + 1) & 0xff) != GTP_G_PDU) return false;
        int o = p + 8;
        if ((flags & 0x07) != 0) {
            if (end - o < 4) return false;
            int nextExtension = b.get(o + 3) & 0xff;
            o += 4;
            while ((flags & 0x04) != 0 && nextExtension != 0) {
                if (end - o < 4) return false;
                int length = (b.get(o) & 0xff) * 4;
                if (length == 0 || end - o < length) return false;
                nextExtension = b.get(o + length - 1) & 0xff;
                o += length;
            }
        }
        ipByVersion(b, o, end, depth);
        return true;
    }

    static int u16(ByteBuffer b, int i) {
        return b.getShort(i) & 0xffff;
    }
}
