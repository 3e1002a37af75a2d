package capcert.testing;

import capcert.net.Endpoint;
import capcert.net.IpEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes synthetic packet captures byte by byte, so tests can build cases that real stacks never
 * produce: shuffled, duplicated, overlapping or missing TCP segments, odd link layers, broken files.
 *
 * <p>Formats: classic pcap (either byte order, microsecond or nanosecond magic, header snaplen and
 * per-packet truncation) and pcapng (sections in either byte order, several interfaces with their own
 * link type, snaplen and {@code if_tsresol}, Enhanced / Simple / obsolete Packet Blocks, unknown
 * blocks that readers must skip). Link layers: Ethernet (optionally 802.1Q, QinQ 0x88a8+0x8100,
 * PPPoE session, zero padding to the 60-byte minimum), Linux SLL and SLL2, raw IP, BSD null/loopback
 * (AF value in the section's byte order, AF_INET6 as 24, 28 or 30) and OpenBSD loop. Network:
 * IPv4 (options, fragmentation), IPv6 (hop-by-hop / destination-options headers, fragmentation),
 * TCP and UDP with correct checksums (or deliberately wrong ones).
 *
 * <pre>{@code
 * var w = CaptureWriter.pcap().linkType(LinkType.ETHERNET);
 * var c = w.tcp("10.0.0.1", 50000, "10.0.0.2", 443);
 * c.handshake3Way();
 * c.clientSends(clientHello);
 * int[] frames = c.serverSends(flight, 500);       // one frame per 500-byte segment
 * c.serverSendsSegment(0, retransmittedBytes);     // relative sequence number, 0 = first data byte
 * w.write(dir.resolve("x.pcap"));
 * }</pre>
 *
 * <p>Frames are numbered from 1 in the order written, as Wireshark numbers them (across pcapng
 * sections too). Each frame gets the writer's clock, which then advances by {@link #step(Duration)}
 * (1 ms by default); {@link #time(Instant)} sets it. Configure file-level settings (byte order,
 * resolution, link type, snaplen) before writing frames.
 *
 * <p>Checked against tshark 4.0 (see {@code capcert.net.PathologicalCaptureTsharkTest}, run with
 * {@code -Dcapcert.tshark=true}): tshark/capinfos read every variant, decode 802.1Q, QinQ, PPPoE,
 * SLL, SLL2, null/loopback (all three AF_INET6 values), raw IP, IPv4 options and fragments, IPv6
 * extension headers, pcapng with several sections/interfaces/block types and nanosecond timestamps,
 * report good IP/TCP/UDP checksums, reassemble out-of-order/overlapping TCP and decode the
 * certificates in the Certificate messages (TLS and DTLS).
 */
public final class CaptureWriter {

    public enum Format { PCAP, PCAPNG }

    /** LINKTYPE_* values as written in pcap headers and pcapng IDBs. */
    public enum LinkType {
        NULL(0), ETHERNET(1), RAW(101), LOOP(108), LINUX_SLL(113), IPV4(228), IPV6(229), LINUX_SLL2(276);

        public final int code;

        LinkType(int code) {
            this.code = code;
        }
    }

    /** How pcapng packets are stored. */
    public enum Block { ENHANCED, SIMPLE, OBSOLETE_PACKET }

    public static final int AF_INET = 2;
    /** AF_INET6 on NetBSD/OpenBSD (and what Wireshark calls BSD). */
    public static final int AF_INET6_BSD = 24;
    public static final int AF_INET6_FREEBSD = 28;
    public static final int AF_INET6_DARWIN = 30;

    public static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_PSH = 0x08, TCP_ACK = 0x10;

    public static final int IPV6_HOP_BY_HOP = 0;
    public static final int IPV6_DESTINATION_OPTIONS = 60;
    private static final int IPV6_FRAGMENT = 44;

    /** Router Alert (copied flag set), three NOPs and End of Options: 8 bytes, IHL 7. Tests only read it. */
    @SuppressWarnings("MutablePublicArray")
    public static final byte[] IPV4_OPTIONS_ROUTER_ALERT = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0};

    /** A block type no pcapng registry assigns (not 0x0BAD / 0x40000BAD: those are Custom Blocks). */
    public static final int PCAPNG_UNKNOWN_BLOCK_TYPE = 0x0000_0F5E;
    /** A block type from the local-use range (bit 31 set). */
    public static final int PCAPNG_LOCAL_BLOCK_TYPE = 0x8000_7E57;

    private static final byte[] CLIENT_MAC = {0x02, 0x00, 0x00, 0x0c, 0x11, 0x01};
    private static final byte[] SERVER_MAC = {0x02, 0x00, 0x00, 0x5e, 0x22, 0x02};
    private static final long DEFAULT_START = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    // ------------------------------------------------------------ items, serialized by toBytes()

    private sealed interface Item permits Section, Iface, Frame, RawRecord, RawBytes, Unknown {
    }

    private record Section(ByteOrder order) implements Item {
    }

    private record Iface(LinkType type, int tsresol, int snaplen, String name) implements Item {
    }

    private record Frame(int number, int iface, long nanos, byte[] data, int capLen, Block block, String comment)
            implements Item {
    }

    private record RawRecord(int number, long nanos, long inclLen, long origLen, byte[] data) implements Item {
    }

    private record RawBytes(byte[] bytes) implements Item {
    }

    private record Unknown(int type, byte[] body) implements Item {
    }

    /** Encapsulation captured by a flow when it is created. */
    private record Encap(List<int[]> tags, int pppoeSession) {
        static final Encap NONE = new Encap(List.of(), -1);
    }

    private final Format format;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean nanos;
    private LinkType linkType = LinkType.ETHERNET;
    private int snaplen = 262144;
    private final List<Item> items = new ArrayList<>();
    private final List<Iface> sectionIfaces = new ArrayList<>();
    private ByteOrder sectionOrder; // order of the last explicit section, null before one
    private Block block = Block.ENHANCED;
    private long clock = DEFAULT_START;
    private long step = 1_000_000L;
    private Encap encap = Encap.NONE;
    private int nullAf6 = AF_INET6_BSD;
    private boolean ethernetPadding;
    private boolean corruptChecksums;
    private int truncateNext = -1;
    private String commentNext;
    private int frames;
    private int ipId = 0x1c46;
    private final Map<Integer, Long> offsets = new HashMap<>();

    private CaptureWriter(Format format) {
        this.format = format;
    }

    /** Classic pcap, little-endian, microseconds, Ethernet, snaplen 262144. */
    public static CaptureWriter pcap() {
        return new CaptureWriter(Format.PCAP);
    }

    /** pcapng, first section little-endian; interfaces added explicitly or on first use (Ethernet, µs). */
    public static CaptureWriter pcapng() {
        return new CaptureWriter(Format.PCAPNG);
    }

    public Format format() {
        return format;
    }

    // ------------------------------------------------------------ file settings

    /** Big-endian pcap file, or big-endian first pcapng section. */
    public CaptureWriter bigEndian() {
        return byteOrder(ByteOrder.BIG_ENDIAN);
    }

    public CaptureWriter byteOrder(ByteOrder o) {
        requireNoFrames("byte order");
        this.order = o;
        return this;
    }

    /** pcap: nanosecond magic 0xa1b23c4d. pcapng: interfaces added on first use get if_tsresol 9. */
    public CaptureWriter nanos() {
        requireNoFrames("timestamp resolution");
        this.nanos = true;
        return this;
    }

    /** pcap: the header's link type. pcapng: link type of interfaces added on first use. */
    public CaptureWriter linkType(LinkType t) {
        requireNoFrames("link type");
        this.linkType = t;
        return this;
    }

    /** pcap: header snaplen; pcapng: snaplen of interfaces added on first use. Longer frames are cut. */
    public CaptureWriter snaplen(int n) {
        requireNoFrames("snaplen");
        this.snaplen = n;
        return this;
    }

    /** Cut the next frame to {@code capturedLength} bytes (the record keeps the original length). */
    public CaptureWriter truncateNext(int capturedLength) {
        this.truncateNext = capturedLength;
        return this;
    }

    /** pcapng: attach an opt_comment to the next Enhanced / obsolete Packet Block. */
    public CaptureWriter commentNext(String comment) {
        this.commentNext = comment;
        return this;
    }

    /** pcapng: store subsequent frames as this kind of block. */
    public CaptureWriter blockType(Block b) {
        this.block = b;
        return this;
    }

    /** pcapng: add an Interface Description Block to the current section; returns its id. */
    public int addInterface(LinkType type, int tsresol) {
        return addInterface(type, tsresol, 0, null);
    }

    /** pcapng: IDB with snaplen (0 = unlimited) and optional if_name; returns the interface id. */
    public int addInterface(LinkType type, int tsresol, int ifSnaplen, String name) {
        requirePcapng("interfaces");
        Iface i = new Iface(type, tsresol, ifSnaplen, name);
        items.add(i);
        sectionIfaces.add(i);
        return sectionIfaces.size() - 1;
    }

    /** pcapng: start a new section (SHB) in {@code byteOrder}; interface ids start again at 0. */
    public CaptureWriter section(ByteOrder byteOrder) {
        requirePcapng("sections");
        items.add(new Section(byteOrder));
        sectionIfaces.clear();
        sectionOrder = byteOrder;
        return this;
    }

    /** pcapng: a block of a type readers do not know; they must skip it by its length. */
    public CaptureWriter unknownBlock(int type, byte[] body) {
        requirePcapng("blocks");
        items.add(new Unknown(type, body.clone()));
        return this;
    }

    /** Bytes written as they are at this point of the file (garbage, hand-made blocks). */
    public CaptureWriter rawBytes(byte[] bytes) {
        items.add(new RawBytes(bytes.clone()));
        return this;
    }

    /**
     * pcap: a record header with arbitrary (e.g. absurd) lengths followed by only {@code data}.
     * Counts as a frame; returns its number.
     */
    public int rawRecord(long inclLen, long origLen, byte[] data) {
        if (format != Format.PCAP) throw new IllegalStateException("rawRecord is for pcap");
        frames++;
        items.add(new RawRecord(frames, clock, inclLen, origLen, data.clone()));
        clock += step;
        return frames;
    }

    // ------------------------------------------------------------ link-layer and IP settings

    /** Flows created from now on carry an 802.1Q tag with this VLAN id (Ethernet only). */
    public CaptureWriter vlan(int vlanId) {
        encap = new Encap(List.of(new int[] {0x8100, vlanId & 0x0fff}), encap.pppoeSession);
        return this;
    }

    /** Flows created from now on carry an 802.1ad S-tag (0x88a8) and an 802.1Q C-tag (0x8100). */
    public CaptureWriter qinq(int outerVlan, int innerVlan) {
        encap = new Encap(List.of(new int[] {0x88a8, outerVlan & 0x0fff}, new int[] {0x8100, innerVlan & 0x0fff}),
                encap.pppoeSession);
        return this;
    }

    /** Flows created from now on go over a PPPoE session (Ethernet type 0x8864, PPP). */
    public CaptureWriter pppoe(int sessionId) {
        encap = new Encap(encap.tags, sessionId & 0xffff);
        return this;
    }

    /** Flows created from now on have no VLAN tags and no PPPoE. */
    public CaptureWriter plainEthernet() {
        encap = Encap.NONE;
        return this;
    }

    /** AF value for IPv6 frames on LINKTYPE_NULL / LOOP (24, 28 or 30). */
    public CaptureWriter nullAf6(int af) {
        this.nullAf6 = af;
        return this;
    }

    /** Pad Ethernet frames shorter than 60 bytes with zeros, as NICs do on receive. */
    public CaptureWriter ethernetPadding(boolean on) {
        this.ethernetPadding = on;
        return this;
    }

    /** Write wrong IPv4 header, TCP and UDP checksums (capture tools must not drop such packets). */
    public CaptureWriter corruptChecksums(boolean on) {
        this.corruptChecksums = on;
        return this;
    }

    // ------------------------------------------------------------ time

    /** Timestamp of the next frame. */
    public CaptureWriter time(Instant t) {
        clock = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        return this;
    }

    /** Clock advance after each frame. */
    public CaptureWriter step(Duration d) {
        step = d.toNanos();
        return this;
    }

    public CaptureWriter advance(Duration d) {
        clock += d.toNanos();
        return this;
    }

    /** Timestamp the next frame will get. */
    public Instant now() {
        return toInstant(clock);
    }

    // ------------------------------------------------------------ frames

    /** Number of frames written so far (= number of the last frame). */
    public int frameCount() {
        return frames;
    }

    /** A ready-made link-layer frame on interface 0. */
    public int frame(byte[] linkLayerFrame) {
        return frame(0, linkLayerFrame);
    }

    /** A ready-made link-layer frame on {@code iface}. */
    public int frame(int iface, byte[] linkLayerFrame) {
        ifaceType(iface);
        return emit(iface, linkLayerFrame.clone());
    }

    /** An IP packet (v4 or v6 from its first nibble) framed for {@code iface}'s link type. */
    public int ipPacket(int iface, byte[] ip) {
        boolean v6 = (ip[0] & 0xf0) == 0x60;
        return emit(iface, linkFrame(ifaceType(iface), encap, true, ip, v6));
    }

    public TcpConn tcp(String clientIp, int clientPort, String serverIp, int serverPort) {
        return new TcpConn(addr(clientIp), clientPort, addr(serverIp), serverPort);
    }

    public UdpFlow udp(String clientIp, int clientPort, String serverIp, int serverPort) {
        return new UdpFlow(addr(clientIp), clientPort, addr(serverIp), serverPort);
    }

    /**
     * Timestamp of a frame as a reader sees it: truncated to the resolution it was stored with;
     * null for a Simple Packet Block (which has none).
     */
    public Instant timeOfFrame(int number) {
        List<Iface> ifaces = new ArrayList<>();
        for (Item it : items) {
            if (it instanceof Section) ifaces.clear();
            else if (it instanceof Iface i) ifaces.add(i);
            else if (it instanceof RawRecord r && r.number == number) return toInstant(truncate(r.nanos, nanos ? 9 : 6));
            else if (it instanceof Frame f && f.number == number) {
                if (f.block == Block.SIMPLE) return null;
                int res = format == Format.PCAP ? (nanos ? 9 : 6) : ifaces.get(f.iface).tsresol;
                return toInstant(truncate(f.nanos, res));
            }
        }
        throw new IllegalArgumentException("no frame " + number);
    }

    /** Byte offset in {@link #toBytes()} of the record (pcap) or block (pcapng) holding a frame. */
    public long offsetOfFrame(int number) {
        toBytes();
        Long o = offsets.get(number);
        if (o == null) throw new IllegalArgumentException("no frame " + number);
        return o;
    }

    public Path write(Path file) {
        try {
            Files.write(file, toBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------ serialization

    public byte[] toBytes() {
        offsets.clear();
        Out out = new Out();
        if (format == Format.PCAP) writePcap(out);
        else writePcapng(out);
        return out.toBytes();
    }

    private void writePcap(Out out) {
        ByteOrder o = order;
        out.u32(nanos ? 0xa1b23c4dL : 0xa1b2c3d4L, o).u16(2, o).u16(4, o).u32(0, o).u32(0, o)
                .u32(snaplen, o).u32(linkType.code, o);
        long div = nanos ? 1 : 1000;
        for (Item it : items) {
            if (it instanceof Frame f) {
                offsets.put(f.number, (long) out.size());
                out.u32(f.nanos / 1_000_000_000L, o).u32((f.nanos % 1_000_000_000L) / div, o)
                        .u32(f.capLen, o).u32(f.data.length, o).bytes(f.data, f.capLen);
            } else if (it instanceof RawRecord r) {
                offsets.put(r.number, (long) out.size());
                out.u32(r.nanos / 1_000_000_000L, o).u32((r.nanos % 1_000_000_000L) / div, o)
                        .u32(r.inclLen, o).u32(r.origLen, o).bytes(r.data, r.data.length);
            } else if (it instanceof RawBytes r) {
                out.bytes(r.bytes, r.bytes.length);
            } else {
                throw new IllegalStateException(it.getClass().getSimpleName() + " is pcapng only");
            }
        }
    }

    private void writePcapng(Out out) {
        ByteOrder o = order;
        List<Iface> ifaces = new ArrayList<>();
        if (items.isEmpty() || !(items.get(0) instanceof Section)) shb(out, o);
        for (Item it : items) {
            if (it instanceof Section s) {
                o = s.order;
                ifaces.clear();
                shb(out, o);
            } else if (it instanceof Iface i) {
                ifaces.add(i);
                Out b = new Out();
                b.u16(i.type.code, o).u16(0, o).u32(i.snaplen, o);
                if (i.name != null) option(b, o, 2, i.name.getBytes(StandardCharsets.UTF_8));
                option(b, o, 9, new byte[] {(byte) i.tsresol});
                b.u16(0, o).u16(0, o);
                block(out, o, 1, b.toBytes());
            } else if (it instanceof Frame f) {
                offsets.put(f.number, (long) out.size());
                Iface i = ifaces.get(f.iface);
                Out b = new Out();
                switch (f.block) {
                    case ENHANCED, OBSOLETE_PACKET -> {
                        long ts = units(f.nanos, i.tsresol);
                        if (f.block == Block.ENHANCED) b.u32(f.iface, o);
                        else b.u16(f.iface, o).u16(0, o); // interface id, drops count
                        b.u32(ts >>> 32, o).u32(ts & 0xffffffffL, o).u32(f.capLen, o).u32(f.data.length, o);
                        b.bytes(f.data, f.capLen).pad4();
                        if (f.comment != null) {
                            option(b, o, 1, f.comment.getBytes(StandardCharsets.UTF_8));
                            b.u16(0, o).u16(0, o);
                        }
                        block(out, o, f.block == Block.ENHANCED ? 6 : 2, b.toBytes());
                    }
                    case SIMPLE -> {
                        if (f.iface != 0) throw new IllegalStateException("Simple Packet Blocks belong to interface 0");
                        int expected = i.snaplen == 0 ? f.data.length : Math.min(i.snaplen, f.data.length);
                        if (f.capLen != expected) {
                            throw new IllegalStateException("a Simple Packet Block cannot truncate below the interface snaplen");
                        }
                        b.u32(f.data.length, o).bytes(f.data, f.capLen).pad4();
                        block(out, o, 3, b.toBytes());
                    }
                }
            } else if (it instanceof Unknown u) {
                block(out, o, u.type, u.body);
            } else if (it instanceof RawBytes r) {
                out.bytes(r.bytes, r.bytes.length);
            } else {
                throw new IllegalStateException(it.getClass().getSimpleName() + " is pcap only");
            }
        }
    }

    private static void shb(Out out, ByteOrder o) {
        Out b = new Out();
        b.u32(0x1A2B3C4DL, o).u16(1, o).u16(0, o).u32(0xffffffffL, o).u32(0xffffffffL, o); // section length -1
        option(b, o, 4, "capcert CaptureWriter (test fixture)".getBytes(StandardCharsets.UTF_8)); // shb_userappl
        b.u16(0, o).u16(0, o);
        block(out, o, 0x0A0D0D0A, b.toBytes());
    }

    private static void option(Out b, ByteOrder o, int code, byte[] value) {
        b.u16(code, o).u16(value.length, o).bytes(value, value.length).pad4();
    }

    private static void block(Out out, ByteOrder o, int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        int total = 12 + padded;
        out.u32(type & 0xffffffffL, o).u32(total, o).bytes(body, body.length);
        for (int i = body.length; i < padded; i++) out.u8(0);
        out.u32(total, o);
    }

    private static long units(long nanos, int tsresol) {
        if ((tsresol & 0x80) != 0) {
            return BigInteger.valueOf(nanos).shiftLeft(tsresol & 0x7f).divide(BigInteger.valueOf(1_000_000_000L)).longValueExact();
        }
        if (tsresol > 9) return Math.multiplyExact(nanos, pow10(tsresol - 9));
        return nanos / pow10(9 - tsresol);
    }

    private static long truncate(long nanos, int tsresol) {
        if ((tsresol & 0x80) != 0) {
            long u = units(nanos, tsresol);
            return BigInteger.valueOf(u).multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(tsresol & 0x7f).longValueExact();
        }
        if (tsresol >= 9) return nanos;
        long p = pow10(9 - tsresol);
        return nanos / p * p;
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    // ------------------------------------------------------------ frame emission

    private void requireNoFrames(String what) {
        if (frames > 0) throw new IllegalStateException("set the " + what + " before writing frames");
    }

    private void requirePcapng(String what) {
        if (format != Format.PCAPNG) throw new IllegalStateException(what + " are a pcapng feature");
    }

    private ByteOrder currentOrder() {
        return sectionOrder != null ? sectionOrder : order;
    }

    /** Link type of an interface, adding interface 0 to a pcapng section that has none. */
    private LinkType ifaceType(int iface) {
        if (format == Format.PCAP) {
            if (iface != 0) throw new IllegalArgumentException("pcap has only interface 0");
            return linkType;
        }
        if (sectionIfaces.isEmpty() && iface == 0) addInterface(linkType, nanos ? 9 : 6, snaplen, null);
        if (iface >= sectionIfaces.size()) throw new IllegalArgumentException("no interface " + iface + " in this section");
        return sectionIfaces.get(iface).type;
    }

    private int ifaceSnaplen(int iface) {
        return format == Format.PCAP ? snaplen : sectionIfaces.get(iface).snaplen;
    }

    private int emit(int iface, byte[] data) {
        ifaceType(iface);
        int cap = data.length;
        int limit = ifaceSnaplen(iface);
        if (limit > 0) cap = Math.min(cap, limit);
        if (truncateNext >= 0) cap = Math.min(cap, truncateNext);
        truncateNext = -1;
        String comment = commentNext;
        commentNext = null;
        frames++;
        items.add(new Frame(frames, iface, clock, data, cap, format == Format.PCAP ? Block.ENHANCED : block, comment));
        clock += step;
        return frames;
    }

    private byte[] linkFrame(LinkType lt, Encap e, boolean fromClient, byte[] ip, boolean v6) {
        int ethertype = v6 ? 0x86dd : 0x0800;
        byte[] src = fromClient ? CLIENT_MAC : SERVER_MAC;
        byte[] dst = fromClient ? SERVER_MAC : CLIENT_MAC;
        Out b = new Out();
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        switch (lt) {
            case ETHERNET -> {
                b.bytes(dst, 6).bytes(src, 6);
                for (int[] tag : e.tags) b.u16(tag[0], be).u16(tag[1], be);
                if (e.pppoeSession >= 0) {
                    b.u16(0x8864, be).u8(0x11).u8(0).u16(e.pppoeSession, be).u16(ip.length + 2, be)
                            .u16(v6 ? 0x0057 : 0x0021, be);
                } else {
                    b.u16(ethertype, be);
                }
                b.bytes(ip, ip.length);
                if (ethernetPadding) while (b.size() < 60) b.u8(0);
            }
            case LINUX_SLL -> b.u16(fromClient ? 4 : 0, be).u16(1, be).u16(6, be).bytes(src, 6).u16(0, be)
                    .u16(ethertype, be).bytes(ip, ip.length);
            case LINUX_SLL2 -> b.u16(ethertype, be).u16(0, be).u32(2, be).u16(1, be).u8(fromClient ? 4 : 0).u8(6)
                    .bytes(src, 6).u16(0, be).bytes(ip, ip.length);
            case RAW -> b.bytes(ip, ip.length);
            case IPV4, IPV6 -> {
                if (v6 != (lt == LinkType.IPV6)) throw new IllegalArgumentException("wrong IP version for " + lt);
                b.bytes(ip, ip.length);
            }
            case NULL -> b.u32(v6 ? nullAf6 : AF_INET, currentOrder()).bytes(ip, ip.length);
            case LOOP -> b.u32(v6 ? nullAf6 : AF_INET, be).bytes(ip, ip.length);
        }
        return b.toBytes();
    }

    private static InetAddress addr(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("not an IP literal: " + literal);
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    // ------------------------------------------------------------ IP / TCP / UDP building

    private static int checksum(byte[]... parts) {
        long sum = 0;
        int idx = 0;
        for (byte[] p : parts) {
            for (byte x : p) {
                sum += (idx % 2 == 0) ? (x & 0xff) << 8 : (x & 0xff);
                idx++;
            }
        }
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    private static byte[] pseudoHeader(InetAddress src, InetAddress dst, int proto, int length) {
        Out p = new Out();
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        byte[] s = src.getAddress(), d = dst.getAddress();
        p.bytes(s, s.length).bytes(d, d.length);
        if (s.length == 4) p.u8(0).u8(proto).u16(length, be);
        else p.u32(length, be).u16(0, be).u8(0).u8(proto);
        return p.toBytes();
    }

    private int maybeCorrupt(int checksum) {
        return corruptChecksums ? (checksum ^ 0x5a5a) | 1 : checksum;
    }

    /** Common settings of a TCP connection or UDP flow. */
    public abstract class Flow<T extends Flow<T>> {
        final InetAddress clientIp, serverIp;
        final int clientPort, serverPort;
        final boolean v6;
        final Encap flowEncap = encap;
        int iface;
        byte[] ipv4Options = new byte[0];
        int[] ipv6Ext = new int[0];
        int fragmentSize;
        boolean reverseFragments;
        int ttl = 64;
        int firstFrame;

        Flow(InetAddress clientIp, int clientPort, InetAddress serverIp, int serverPort) {
            this.clientIp = clientIp;
            this.serverIp = serverIp;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
            this.v6 = clientIp instanceof Inet6Address;
            if (v6 != serverIp instanceof Inet6Address) throw new IllegalArgumentException("mixed IP versions");
        }

        @SuppressWarnings("unchecked")
        private T self() {
            return (T) this;
        }

        /** pcapng: interface this flow's frames are written on. */
        public T on(int ifaceId) {
            this.iface = ifaceId;
            return self();
        }

        /** IPv4 options (padded to 4 bytes with End of Options); IHL grows accordingly. */
        public T ipv4Options(byte[] options) {
            if (v6) throw new IllegalStateException("IPv4 options on an IPv6 flow");
            int padded = (options.length + 3) & ~3;
            if (padded > 40) throw new IllegalArgumentException("IPv4 options are at most 40 bytes");
            this.ipv4Options = java.util.Arrays.copyOf(options, padded);
            return self();
        }

        /** IPv6 extension headers before the upper layer: {@link #IPV6_HOP_BY_HOP}, {@link #IPV6_DESTINATION_OPTIONS}. */
        public T ipv6ExtensionHeaders(int... types) {
            if (!v6) throw new IllegalStateException("IPv6 extension headers on an IPv4 flow");
            for (int t : types) {
                if (t != IPV6_HOP_BY_HOP && t != IPV6_DESTINATION_OPTIONS) throw new IllegalArgumentException("unsupported: " + t);
            }
            this.ipv6Ext = types.clone();
            return self();
        }

        /**
         * Fragment IP packets whose transport segment is longer than {@code bytes} (a multiple of 8)
         * into fragments carrying at most that many bytes each.
         */
        public T ipFragmentSize(int bytes) {
            if (bytes <= 0 || bytes % 8 != 0) throw new IllegalArgumentException("fragment size must be a positive multiple of 8");
            this.fragmentSize = bytes;
            return self();
        }

        /** Write IP fragments last first (as some stacks do). */
        public T reverseFragments() {
            this.reverseFragments = true;
            return self();
        }

        /** First frame this flow wrote, 0 before any. */
        public int firstFrame() {
            return firstFrame;
        }

        public Endpoint clientEndpoint() {
            return new IpEndpoint(clientIp, clientPort);
        }

        public Endpoint serverEndpoint() {
            return new IpEndpoint(serverIp, serverPort);
        }

        /** Frames the transport segment {@code l4} in IP (fragmenting if set) and writes it; returns the frames. */
        int[] sendL4(boolean fromClient, int proto, byte[] l4) {
            InetAddress src = fromClient ? clientIp : serverIp;
            InetAddress dst = fromClient ? serverIp : clientIp;
            int id = nextIpId();
            List<byte[]> packets = new ArrayList<>();
            boolean fragment = fragmentSize > 0 && l4.length > fragmentSize;
            if (!fragment) {
                packets.add(v6 ? ipv6(src, dst, proto, l4, -1, false, id) : ipv4(src, dst, proto, l4, ipv4Options, id, 0x4000));
            } else {
                for (int off = 0; off < l4.length; off += fragmentSize) {
                    byte[] chunk = java.util.Arrays.copyOfRange(l4, off, Math.min(l4.length, off + fragmentSize));
                    boolean more = off + fragmentSize < l4.length;
                    packets.add(v6 ? ipv6(src, dst, proto, chunk, off, more, id)
                            : ipv4(src, dst, proto, chunk, off == 0 ? ipv4Options : new byte[0], id, (more ? 0x2000 : 0) | (off / 8)));
                }
                if (reverseFragments) Collections.reverse(packets);
            }
            int[] out = new int[packets.size()];
            LinkType lt = ifaceType(iface);
            for (int i = 0; i < out.length; i++) {
                out[i] = emit(iface, linkFrame(lt, flowEncap, fromClient, packets.get(i), v6));
            }
            if (firstFrame == 0) firstFrame = out[0];
            return out;
        }

        private byte[] ipv4(InetAddress src, InetAddress dst, int proto, byte[] payload, byte[] options, int id, int flagsFrag) {
            ByteOrder be = ByteOrder.BIG_ENDIAN;
            int ihl = 5 + options.length / 4;
            Out h = new Out();
            h.u8(0x40 | ihl).u8(0).u16(ihl * 4 + payload.length, be).u16(id, be).u16(flagsFrag, be).u8(ttl).u8(proto)
                    .u16(0, be).bytes(src.getAddress(), 4).bytes(dst.getAddress(), 4).bytes(options, options.length);
            byte[] header = h.toBytes();
            int c = maybeCorrupt(checksum(header));
            header[10] = (byte) (c >>> 8);
            header[11] = (byte) c;
            return TlsBytes.concat(header, payload);
        }

        /** {@code fragOffset} < 0: no fragment header. */
        private byte[] ipv6(InetAddress src, InetAddress dst, int proto, byte[] payload, int fragOffset, boolean more, int id) {
            ByteOrder be = ByteOrder.BIG_ENDIAN;
            List<Integer> chain = new ArrayList<>();
            for (int t : ipv6Ext) chain.add(t);
            if (fragOffset >= 0) chain.add(IPV6_FRAGMENT);
            Out ext = new Out();
            for (int i = 0; i < chain.size(); i++) {
                int next = i + 1 < chain.size() ? chain.get(i + 1) : proto;
                switch (chain.get(i)) {
                    case IPV6_HOP_BY_HOP -> ext.u8(next).u8(0).u8(5).u8(2).u16(0, be).u8(1).u8(0); // Router Alert, PadN
                    case IPV6_DESTINATION_OPTIONS -> ext.u8(next).u8(0).u8(1).u8(4).u32(0, be); // PadN(4)
                    default -> ext.u8(next).u8(0).u16(fragOffset | (more ? 1 : 0), be).u32(0x5eed0000L | id, be);
                }
            }
            byte[] e = ext.toBytes();
            Out h = new Out();
            h.u32(0x60000000L, be).u16(e.length + payload.length, be).u8(chain.isEmpty() ? proto : chain.get(0)).u8(ttl)
                    .bytes(src.getAddress(), 16).bytes(dst.getAddress(), 16).bytes(e, e.length).bytes(payload, payload.length);
            return h.toBytes();
        }
    }

    // ------------------------------------------------------------ TCP

    /** A TCP connection; data offsets are relative: 0 is the first byte after the SYN. */
    public final class TcpConn extends Flow<TcpConn> {
        private final Side client = new Side(true, 0x1A2B3C4DL);
        private final Side server = new Side(false, 0x6E7F8091L);
        private boolean timestamps;
        private int window = 64240;

        TcpConn(InetAddress clientIp, int clientPort, InetAddress serverIp, int serverPort) {
            super(clientIp, clientPort, serverIp, serverPort);
        }

        /** Initial sequence numbers (the SYN's); the first data byte is ISN + 1. */
        public TcpConn isn(long clientIsn, long serverIsn) {
            client.isn = clientIsn & 0xffffffffL;
            server.isn = serverIsn & 0xffffffffL;
            return this;
        }

        /** Put a TCP timestamps option (NOP, NOP, TS) on every segment: data offset 8. */
        public TcpConn tcpTimestamps() {
            this.timestamps = true;
            return this;
        }

        public TcpConn window(int w) {
            this.window = w;
            return this;
        }

        public Side client() {
            return client;
        }

        public Side server() {
            return server;
        }

        /** SYN, SYN/ACK, ACK. */
        public TcpConn handshake3Way() {
            client.syn();
            server.syn();
            client.ack();
            return this;
        }

        /** Client FIN, server FIN/ACK, client ACK. */
        public TcpConn close() {
            client.fin();
            server.fin();
            client.ack();
            return this;
        }

        public int clientSends(byte[] data) {
            return client.send(data);
        }

        public int[] clientSends(byte[] data, int segmentSize) {
            return client.send(data, segmentSize);
        }

        public int serverSends(byte[] data) {
            return server.send(data);
        }

        public int[] serverSends(byte[] data, int segmentSize) {
            return server.send(data, segmentSize);
        }

        public int clientSendsSegment(long relSeq, byte[] data) {
            return client.sendAt(relSeq, data);
        }

        public int serverSendsSegment(long relSeq, byte[] data) {
            return server.sendAt(relSeq, data);
        }

        private int write(Side from, long seq, int flags, byte[] options, byte[] payload) {
            Side peer = from == client ? server : client;
            long ack = (flags & TCP_ACK) != 0 ? (peer.isn + 1 + peer.highest) & 0xffffffffL : 0;
            byte[] opts = options;
            if (timestamps) {
                long tsval = (clock / 1_000_000L) & 0xffffffffL;
                Out t = new Out();
                ByteOrder be = ByteOrder.BIG_ENDIAN;
                t.u8(1).u8(1).u8(8).u8(10).u32(tsval, be).u32((flags & TCP_ACK) != 0 ? (tsval - 7) & 0xffffffffL : 0, be);
                opts = TlsBytes.concat(opts, t.toBytes());
            }
            int optLen = (opts.length + 3) & ~3;
            opts = java.util.Arrays.copyOf(opts, optLen);
            ByteOrder be = ByteOrder.BIG_ENDIAN;
            boolean fromClient = from == client;
            Out s = new Out();
            s.u16(fromClient ? clientPort : serverPort, be).u16(fromClient ? serverPort : clientPort, be)
                    .u32(seq & 0xffffffffL, be).u32(ack, be).u8(((20 + optLen) / 4) << 4).u8(flags).u16(window, be)
                    .u16(0, be).u16(0, be).bytes(opts, opts.length).bytes(payload, payload.length);
            byte[] seg = s.toBytes();
            InetAddress src = fromClient ? clientIp : serverIp, dst = fromClient ? serverIp : clientIp;
            int c = maybeCorrupt(checksum(pseudoHeader(src, dst, 6, seg.length), seg));
            seg[16] = (byte) (c >>> 8);
            seg[17] = (byte) c;
            int[] f = sendL4(fromClient, 6, seg);
            return f[f.length - 1];
        }

        /** One direction of the connection. */
        public final class Side {
            private final boolean isClient;
            private long isn;
            private long next;      // relative offset of the next new byte
            private long highest;   // relative end of what was actually sent (or skipped), FIN included
            private final List<Sent> sent = new ArrayList<>();

            Side(boolean isClient, long isn) {
                this.isClient = isClient;
                this.isn = isn;
            }

            public long isn() {
                return isn;
            }

            /** Relative offset of the next new byte. */
            public long next() {
                return next;
            }

            /** Absolute 32-bit sequence number of a relative offset. */
            public long seq(long relSeq) {
                return (isn + 1 + relSeq) & 0xffffffffL;
            }

            /** SYN (client) or SYN/ACK (server) with MSS, window scale and SACK-permitted options. */
            public int syn() {
                byte[] opts = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7, 1, 1, 4, 2};
                return write(this, isn, isClient ? TCP_SYN : TCP_SYN | TCP_ACK, opts, new byte[0]);
            }

            /** One PSH/ACK segment with all of {@code data}. */
            public int send(byte[] data) {
                return sendAt(next, data);
            }

            /** {@code data} in consecutive segments of at most {@code segmentSize} bytes; returns their frames. */
            public int[] send(byte[] data, int segmentSize) {
                List<Segment> plan = plan(data, segmentSize);
                int[] out = new int[plan.size()];
                for (int i = 0; i < out.length; i++) out[i] = send(plan.get(i));
                return out;
            }

            /**
             * Cut {@code data} into segments of at most {@code segmentSize} bytes at consecutive
             * offsets from {@link #next()}, without writing them: send them (or not) in any order
             * with {@link #send(Segment)}.
             */
            public List<Segment> plan(byte[] data, int segmentSize) {
                if (segmentSize <= 0) throw new IllegalArgumentException("segment size must be positive");
                List<Segment> out = new ArrayList<>();
                for (int off = 0; off < data.length; off += segmentSize) {
                    out.add(new Segment(next + off, java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + segmentSize))));
                }
                next += data.length;
                return out;
            }

            public int send(Segment s) {
                return sendAt(s.relSeq, s.payload);
            }

            /** A PSH/ACK segment at relative offset {@code relSeq} (any offset: retransmission, overlap, gap). */
            public int sendAt(long relSeq, byte[] data) {
                return segment(relSeq, data, TCP_PSH | TCP_ACK, new byte[0]);
            }

            /** Fully general segment: relative offset, flags, options, payload. */
            public int segment(long relSeq, byte[] payload, int flags, byte[] options) {
                int frame = write(this, isn + 1 + relSeq, flags, options, payload);
                long end = relSeq + payload.length + ((flags & TCP_FIN) != 0 ? 1 : 0);
                next = Math.max(next, end);
                highest = Math.max(highest, end);
                if (payload.length > 0) sent.add(new Sent(frame, relSeq, payload.length));
                return frame;
            }

            /** Pretend {@code n} bytes were sent but not captured (before the capture started, or lost). */
            public Side skip(int n) {
                next += n;
                highest = Math.max(highest, next);
                return this;
            }

            /** Pure ACK of everything the peer sent. */
            public int ack() {
                return write(this, isn + 1 + highest, TCP_ACK, new byte[0], new byte[0]);
            }

            public int fin() {
                return segment(next, new byte[0], TCP_FIN | TCP_ACK, new byte[0]);
            }

            public int rst() {
                return write(this, isn + 1 + highest, TCP_RST | TCP_ACK, new byte[0], new byte[0]);
            }

            /** Data segments written so far, in frame order. */
            public List<Sent> sent() {
                return List.copyOf(sent);
            }

            /**
             * The frame at which the relative byte range [from, to) first became completely
             * present, taking segments in frame order (what a reassembler that buffers out-of-order
             * data sees); -1 if it never did.
             */
            public int frameCompleting(long from, long to) {
                BitSet have = new BitSet();
                int len = Math.toIntExact(to - from);
                for (Sent s : sent) {
                    long a = Math.max(from, s.relSeq), b = Math.min(to, s.relSeq + s.length);
                    if (a < b) have.set((int) (a - from), (int) (b - from));
                    if (have.nextClearBit(0) >= len) return s.frame;
                }
                return -1;
            }
        }
    }

    /** A planned TCP segment: relative offset and payload. */
    public record Segment(long relSeq, byte[] payload) {
        public long end() {
            return relSeq + payload.length;
        }
    }

    /** A data segment that was written: its frame, relative offset and length. */
    public record Sent(int frame, long relSeq, int length) {
    }

    // ------------------------------------------------------------ UDP

    /** A UDP flow; each send is one datagram (IP-fragmented when {@link #ipFragmentSize} is set). */
    public final class UdpFlow extends Flow<UdpFlow> {

        UdpFlow(InetAddress clientIp, int clientPort, InetAddress serverIp, int serverPort) {
            super(clientIp, clientPort, serverIp, serverPort);
        }

        /** Returns the last frame of the datagram. */
        public int clientSends(byte[] payload) {
            int[] f = datagram(true, payload);
            return f[f.length - 1];
        }

        public int serverSends(byte[] payload) {
            int[] f = datagram(false, payload);
            return f[f.length - 1];
        }

        /** All frames of the datagram (several when fragmented). */
        public int[] datagram(boolean fromClient, byte[] payload) {
            ByteOrder be = ByteOrder.BIG_ENDIAN;
            Out u = new Out();
            u.u16(fromClient ? clientPort : serverPort, be).u16(fromClient ? serverPort : clientPort, be)
                    .u16(8 + payload.length, be).u16(0, be).bytes(payload, payload.length);
            byte[] d = u.toBytes();
            InetAddress src = fromClient ? clientIp : serverIp, dst = fromClient ? serverIp : clientIp;
            int c = maybeCorrupt(checksum(pseudoHeader(src, dst, 17, d.length), d));
            if (c == 0) c = 0xffff;
            d[6] = (byte) (c >>> 8);
            d[7] = (byte) c;
            return sendL4(fromClient, 17, d);
        }
    }

    // ------------------------------------------------------------ byte output

    private static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Out u8(int v) {
            out.write(v & 0xff);
            return this;
        }

        Out u16(int v, ByteOrder o) {
            if (o == ByteOrder.BIG_ENDIAN) return u8(v >>> 8).u8(v);
            return u8(v).u8(v >>> 8);
        }

        Out u32(long v, ByteOrder o) {
            if (o == ByteOrder.BIG_ENDIAN) return u8((int) (v >>> 24)).u8((int) (v >>> 16)).u8((int) (v >>> 8)).u8((int) v);
            return u8((int) v).u8((int) (v >>> 8)).u8((int) (v >>> 16)).u8((int) (v >>> 24));
        }

        Out bytes(byte[] b, int len) {
            out.write(b, 0, len);
            return this;
        }

        Out pad4() {
            while (out.size() % 4 != 0) out.write(0);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
