package capcert.testing;

import capcert.testing.CaptureWriter.LinkType;
import capcert.testing.CaptureWriter.Segment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Structural self-checks of the fixture that need no external tool (the full cross-check against
 * tshark is {@code capcert.net.PathologicalCaptureTsharkTest}).
 */
class CaptureWriterTest {

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** One's-complement sum; a correct checksum makes the covered bytes sum to 0xffff. */
    private static int sum(byte[]... parts) {
        long s = 0;
        int i = 0;
        for (byte[] p : parts) for (byte x : p) s += (i++ % 2 == 0) ? (x & 0xff) << 8 : (x & 0xff);
        while (s >>> 16 != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) s;
    }

    @Test
    void pcapHeaderFollowsByteOrderResolutionAndLinkType() {
        byte[] a = CaptureWriter.pcap().toBytes();
        assertArrayEquals(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}, Arrays.copyOf(a, 4));
        assertEquals(24, a.length);
        assertEquals(1, le(a).getInt(20));
        assertEquals(262144, le(a).getInt(16));

        byte[] b = CaptureWriter.pcap().bigEndian().nanos().linkType(LinkType.LINUX_SLL2).snaplen(96).toBytes();
        assertArrayEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d}, Arrays.copyOf(b, 4));
        assertEquals(276, ByteBuffer.wrap(b).getInt(20));
        assertEquals(96, ByteBuffer.wrap(b).getInt(16));
    }

    @Test
    void pcapRecordKeepsOriginalLengthWhenTruncated() {
        var w = CaptureWriter.pcap().nanos().time(Instant.parse("2024-01-02T03:04:05.123456789Z"));
        var c = w.tcp("10.0.0.1", 1234, "10.0.0.2", 443);
        w.truncateNext(40);
        int f = c.clientSends(new byte[100]);
        ByteBuffer r = le(w.toBytes());
        int off = (int) w.offsetOfFrame(f);
        assertEquals(24, off);
        assertEquals(Instant.parse("2024-01-02T03:04:05Z").getEpochSecond(), r.getInt(off));
        assertEquals(123456789, r.getInt(off + 4));
        assertEquals(40, r.getInt(off + 8));
        assertEquals(14 + 20 + 20 + 100, r.getInt(off + 12));
        assertEquals(off + 16 + 40, r.capacity());
    }

    @Test
    void checksumsOfIpv4TcpAndIpv6UdpAreCorrect() {
        var w = CaptureWriter.pcap().linkType(LinkType.RAW);
        var c = w.tcp("192.0.2.1", 40000, "192.0.2.2", 443).ipv4Options(CaptureWriter.IPV4_OPTIONS_ROUTER_ALERT);
        c.handshake3Way();
        int f = c.clientSends(TlsBytes.ascii("odd length payload!"));
        var u = w.udp("2001:db8::1", 5000, "2001:db8::2", 4433).ipv6ExtensionHeaders(CaptureWriter.IPV6_HOP_BY_HOP);
        int g = u.clientSends(new byte[] {1, 2, 3});
        byte[] all = w.toBytes();

        byte[] ip = packet(all, w, f);
        int ihl = (ip[0] & 0x0f) * 4;
        assertEquals(28, ihl);
        assertEquals(0xffff, sum(Arrays.copyOf(ip, ihl)), "IPv4 header checksum");
        byte[] tcp = Arrays.copyOfRange(ip, ihl, ip.length);
        byte[] pseudo = ByteBuffer.allocate(12).put(Arrays.copyOfRange(ip, 12, 20)).put((byte) 0).put((byte) 6)
                .putShort((short) tcp.length).array();
        assertEquals(0xffff, sum(pseudo, tcp), "TCP checksum");

        byte[] ip6 = packet(all, w, g);
        assertEquals(0, ip6[6], "next header: hop-by-hop");
        assertEquals(17, ip6[40], "hop-by-hop's next header: UDP");
        byte[] udp = Arrays.copyOfRange(ip6, 48, ip6.length);
        byte[] pseudo6 = ByteBuffer.allocate(40).put(Arrays.copyOfRange(ip6, 8, 40)).putInt(udp.length).putInt(17).array();
        assertEquals(0xffff, sum(pseudo6, udp), "UDP checksum over IPv6");
    }

    private static byte[] packet(byte[] file, CaptureWriter w, int frame) {
        int off = (int) w.offsetOfFrame(frame);
        int len = le(file).getInt(off + 8);
        return Arrays.copyOfRange(file, off + 16, off + 16 + len);
    }

    @Test
    void nullLinkTypeWritesTheAddressFamilyInTheFilesByteOrder() {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            var w = CaptureWriter.pcap().byteOrder(o).linkType(LinkType.NULL).nullAf6(CaptureWriter.AF_INET6_DARWIN);
            int f = w.tcp("::1", 1, "::1", 2).client().syn();
            byte[] b = w.toBytes();
            int off = (int) w.offsetOfFrame(f) + 16;
            assertEquals(30, ByteBuffer.wrap(b, off, 4).order(o).getInt(), o.toString());
            assertEquals(0x60, b[off + 4] & 0xf0);
        }
    }

    @Test
    void pcapngBlocksAreWellFormedInBothByteOrders() {
        var w = CaptureWriter.pcapng();
        int eth = w.addInterface(LinkType.ETHERNET, 6, 0, "eth0");
        var c = w.tcp("10.0.0.1", 1, "10.0.0.2", 2).on(eth);
        w.commentNext("x");
        c.client().syn();
        w.unknownBlock(CaptureWriter.PCAPNG_UNKNOWN_BLOCK_TYPE, new byte[5]);
        w.section(ByteOrder.BIG_ENDIAN);
        w.addInterface(LinkType.RAW, 9);
        var d = w.tcp("10.0.0.3", 1, "10.0.0.4", 2);
        w.blockType(CaptureWriter.Block.SIMPLE);
        d.client().syn();
        w.blockType(CaptureWriter.Block.OBSOLETE_PACKET);
        d.server().syn();

        byte[] b = w.toBytes();
        List<Integer> types = new ArrayList<>();
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        for (int off = 0; off < b.length; ) {
            if (ByteBuffer.wrap(b, off, 4).getInt() == 0x0A0D0D0A) {
                o = ByteBuffer.wrap(b, off + 8, 4).getInt() == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            ByteBuffer bb = ByteBuffer.wrap(b).order(o);
            int type = bb.getInt(off), len = bb.getInt(off + 4);
            assertEquals(0, len % 4, "block length multiple of 4");
            assertEquals(len, bb.getInt(off + len - 4), "trailing block length");
            types.add(type);
            off += len;
        }
        assertEquals(List.of(0x0A0D0D0A, 1, 6, CaptureWriter.PCAPNG_UNKNOWN_BLOCK_TYPE, 0x0A0D0D0A, 1, 3, 2), types);
        assertEquals(null, w.timeOfFrame(2), "Simple Packet Blocks have no timestamp");
    }

    @Test
    void frameCompletingFollowsTheLastHole() {
        var w = CaptureWriter.pcap();
        var c = w.tcp("10.0.0.1", 1, "10.0.0.2", 2);
        List<Segment> segs = new ArrayList<>(c.server().plan(new byte[1000], 100));
        Collections.shuffle(segs, new Random(3));
        int lastHoleFrame = -1;
        for (Segment s : segs) {
            int f = c.server().send(s);
            if (s.relSeq() == 900) lastHoleFrame = f;
        }
        c.server().sendAt(850, new byte[100]); // a retransmission after the fact changes nothing
        assertEquals(lastHoleFrame, c.server().frameCompleting(900, 1000));
        assertEquals(10, c.server().frameCompleting(0, 1000), "the tenth segment filled the last hole");
        assertEquals(-1, c.server().frameCompleting(0, 1001));
        assertEquals(11, c.server().sent().size());
    }

    @Test
    void ipv4FragmentsCarryOffsetsAndMoreFragmentsFlags() {
        var w = CaptureWriter.pcap().linkType(LinkType.RAW);
        var u = w.udp("10.0.0.1", 1, "10.0.0.2", 2).ipFragmentSize(64);
        int[] frames = u.datagram(true, new byte[150]); // 158 bytes of UDP: 64 + 64 + 30
        assertEquals(3, frames.length);
        byte[] all = w.toBytes();
        int[] expected = {0x2000, 0x2000 | 8, 16};
        for (int i = 0; i < 3; i++) {
            byte[] ip = packet(all, w, frames[i]);
            assertEquals(expected[i], ByteBuffer.wrap(ip).getShort(6) & 0xffff, "flags/offset of fragment " + i);
            assertEquals(ByteBuffer.wrap(packet(all, w, frames[0])).getShort(4), ByteBuffer.wrap(ip).getShort(4), "same id");
        }
    }

    @Test
    void testPkiChainsVerifyAndAreStable() throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (TestPki.Chain chain : List.of(TestPki.server(), TestPki.chain("rsa.capcert.test", TestPki.KeyType.RSA_2048))) {
            List<X509Certificate> certs = new ArrayList<>();
            for (byte[] der : chain.sent()) certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            certs.get(0).verify(certs.get(1).getPublicKey());
            certs.get(1).verify(certs.get(2).getPublicKey());
            certs.get(2).verify(certs.get(2).getPublicKey());
            assertEquals(-1, certs.get(0).getBasicConstraints());
            assertEquals(0, certs.get(1).getBasicConstraints());
        }
        X509Certificate leaf = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(TestPki.server().leaf().der()));
        assertEquals(List.of(2, TestPki.SERVER_NAME), new ArrayList<>(leaf.getSubjectAlternativeNames().iterator().next()));
    }

    @Test
    void certificateMessageLayout() {
        byte[] a = {1, 2, 3}, b = {4, 5};
        byte[] m = TlsBytes.certificate(List.of(a, b));
        assertArrayEquals(new byte[] {11, 0, 0, 14, 0, 0, 11, 0, 0, 3, 1, 2, 3, 0, 0, 2, 4, 5}, m);
        byte[] recs = TlsBytes.records(TlsBytes.HANDSHAKE, TlsBytes.TLS12, m, 8);
        assertEquals(3 * 5 + m.length, recs.length);
        assertArrayEquals(new byte[] {22, 3, 3, 0, 8}, Arrays.copyOf(recs, 5));
    }

    @Test
    void dtlsFragmentHeaders() {
        List<byte[]> f = TlsBytes.dtlsFragments(TlsBytes.CERTIFICATE, 2, new byte[25], 10);
        assertEquals(3, f.size());
        assertArrayEquals(new byte[] {11, 0, 0, 25, 0, 2, 0, 0, 20, 0, 0, 5}, Arrays.copyOf(f.get(2), 12));
        byte[] r = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 1, 0x0102030405L, f.get(2));
        assertArrayEquals(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 1, 2, 3, 4, 5, 0, 17}, Arrays.copyOf(r, 13));
    }
}
