package capcert.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Inputs made to break a reader, written at test time (nothing this large is committed): each
 * shape of the red-team report of issue 16, and the certificates inside them. The captures are
 * streamed to disk a packet at a time, so the generator itself holds little however large they are.
 */
public final class HostileInputs {

    private static final int SEGMENT = 60_000;
    private static final int RECORD = 16_384;

    private HostileInputs() {
    }

    // ---------------------------------------------------------------- DER

    public static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        writeLength(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int k = bytes - 1; k >= 0; k--) out.write(length >>> (8 * k));
        }
    }

    public static byte[] concat(byte[]... parts) {
        return TlsBytes.concat(parts);
    }

    /** {@code depth} SEQUENCEs each inside the last around a NULL, definite lengths. */
    public static byte[] definiteNesting(int depth) {
        return definiteNesting(depth, new byte[] {0x05, 0x00});
    }

    /** {@code depth} SEQUENCEs each inside the last around {@code core}, definite lengths. */
    public static byte[] definiteNesting(int depth, byte[] core) {
        // contentLengths[k] is what level k (0 outermost) holds: every level inside it and the core.
        int[] contentLengths = new int[depth];
        int inside = core.length;
        for (int k = depth - 1; k >= 0; k--) {
            contentLengths[k] = inside;
            ByteArrayOutputStream header = new ByteArrayOutputStream(6);
            writeLength(header, inside);
            inside += 1 + header.size();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(inside);
        for (int k = 0; k < depth; k++) {
            out.write(0x30);
            writeLength(out, contentLengths[k]);
        }
        out.writeBytes(core);
        return out.toByteArray();
    }

    /** {@code depth} levels of {@code 30 80} around {@code core}, each closed by its end-of-contents octets. */
    public static byte[] indefiniteNesting(int depth, byte[] core) {
        byte[] out = new byte[4 * depth + core.length];
        for (int i = 0; i < depth; i++) {
            out[2 * i] = 0x30;
            out[2 * i + 1] = (byte) 0x80;
        }
        System.arraycopy(core, 0, out, 2 * depth, core.length);
        return out;
    }

    /**
     * A certificate entry shaped like one (to-be-signed, algorithm, signature, definite lengths), its
     * to-be-signed part {@code depth} levels of {@code 30 80} and their end-of-contents octets:
     * the 42 KB entry that overflowed the JDK's parser.
     */
    public static byte[] indefiniteNestingCertificate(int depth) {
        byte[] bomb = indefiniteNesting(depth, new byte[0]);
        return tlv(0x30, concat(tlv(0x30, bomb), tlv(0x30, new byte[0]), tlv(0x03, new byte[] {0})));
    }

    /** A certificate signed by a fresh CA key whose subjectAltName has {@code count} DNS names. */
    public static byte[] certificateWithSans(int count) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            GeneralName[] names = new GeneralName[count];
            for (int i = 0; i < count; i++) names[i] = new GeneralName(GeneralName.dNSName, "h" + Integer.toString(i, 36) + ".t");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=h0.t"),
                    BigInteger.valueOf(count), Date.from(Instant.parse("2024-01-01T00:00:00Z")),
                    Date.from(Instant.parse("2049-01-01T00:00:00Z")), new X500Name("CN=h0.t"), keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- captures

    /**
     * One connection with a valid chain, then one whose Certificate message holds a valid leaf and
     * then {@code entry}.
     */
    public static Path chainThenEntry(Path file, List<byte[]> validChain, byte[] entry) {
        try (Pcap pcap = new Pcap(file)) {
            pcap.handshake(1, validChain);
            pcap.handshake(2, List.of(validChain.get(0), entry));
        }
        return file;
    }

    /**
     * {@code connections} connections, each gathering a Certificate message of {@code messageBytes},
     * their segments interleaved so that every message is incomplete at once; then one complete
     * handshake with {@code validChain}.
     */
    public static Path gatheringMessages(Path file, int connections, int messageBytes, List<byte[]> validChain) {
        try (Pcap pcap = new Pcap(file)) {
            pcap.handshake(0, validChain);
            byte[][] streams = new byte[connections][];
            long[] sent = new long[connections];
            byte[] header = TlsBytes.concat(TlsBytes.handshakeRecord(TlsBytes.TLS12, TlsBytes.serverHello(TlsBytes.TLS12,
                    TlsBytes.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)));
            for (int c = 0; c < connections; c++) {
                pcap.client(c + 10, TlsBytes.handshakeRecord(TlsBytes.TLS12, TlsBytes.clientHello("gathering" + c + ".test")));
                streams[c] = header;
            }
            int bodyLength = messageBytes - 4;
            for (long offset = 0; offset < messageBytes; offset += RECORD) {
                // Every connection gets the same record at the same time: all are mid-message together.
                int length = (int) Math.min(RECORD, messageBytes - offset);
                ByteBuffer r = ByteBuffer.allocate(5 + length);
                r.put((byte) 22).putShort((short) TlsBytes.TLS12).putShort((short) length);
                if (offset == 0) {
                    int list = bodyLength - 3;
                    int entryLength = list - 3;
                    for (int value : new int[] {11 << 24 | bodyLength, list, entryLength}) {
                        if (value >>> 24 != 0) r.put((byte) (value >>> 24));
                        r.put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
                    }
                }
                while (r.hasRemaining()) r.put((byte) 0x41);
                for (int c = 0; c < connections; c++) {
                    byte[] payload = streams[c] == null ? r.array() : concat(streams[c], r.array());
                    streams[c] = null;
                    pcap.server(c + 10, payload, sent[c]);
                    sent[c] += payload.length;
                }
            }
        }
        return file;
    }

    /**
     * {@code connections} TLS 1.2 handshakes, one after another, each server stapling its own
     * {@code responseBytes} OCSP response (a CertificateStatus message): evidence the scan keeps to its end.
     */
    public static Path staplingServers(Path file, int connections, int responseBytes, List<byte[]> validChain) {
        try (Pcap pcap = new Pcap(file)) {
            for (int c = 0; c < connections; c++) {
                ByteBuffer status = ByteBuffer.allocate(4 + responseBytes);
                status.put((byte) OCSP_STATUS_TYPE).put((byte) (responseBytes >>> 16)).put((byte) (responseBytes >>> 8)).put((byte) responseBytes);
                status.putInt(c); // each response distinct, so that none is shared
                while (status.hasRemaining()) status.put((byte) 0x41);
                pcap.handshake(c, TlsBytes.certificate(validChain), TlsBytes.handshake(CERTIFICATE_STATUS, status.array()));
            }
        }
        return file;
    }

    private static final int CERTIFICATE_STATUS = 22;
    private static final int OCSP_STATUS_TYPE = 1;

    /** {@code count} SYNs, each from its own port and address: connections that never go further. */
    public static Path halfOpen(Path file, int count, List<byte[]> validChain) {
        try (Pcap pcap = new Pcap(file)) {
            pcap.handshake(0, validChain);
            for (int i = 0; i < count; i++) pcap.syn(i);
        }
        return file;
    }

    /** One handshake whose server sends {@code certificate} alone. */
    public static Path oneCertificate(Path file, byte[] certificate) {
        try (Pcap pcap = new Pcap(file)) {
            pcap.handshake(0, List.of(certificate));
        }
        return file;
    }

    /**
     * A pcapng with {@code interfaces} Interface Description Blocks, then one handshake with
     * {@code validChain} on interface 0.
     */
    public static Path pcapngInterfaces(Path file, int interfaces, List<byte[]> validChain) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
            out.write(b.array());
            ByteBuffer idb = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            idb.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(0).putInt(20);
            for (int i = 0; i < interfaces; i++) out.write(idb.array());
            Pcap.Packets packets = new Pcap.Packets();
            Pcap.handshakeOn(packets, 0, validChain);
            for (byte[] frame : packets.frames) {
                int padded = (frame.length + 3) & ~3;
                int length = 32 + padded;
                ByteBuffer epb = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
                epb.putInt(6).putInt(length).putInt(0).putInt(0).putInt(0).putInt(frame.length).putInt(frame.length);
                epb.put(frame).position(28 + padded);
                epb.putInt(length);
                out.write(epb.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A classic pcap of Ethernet, IPv4 and TCP, written as it is made; checksums are left zero. */
    static final class Pcap implements AutoCloseable {

        /** Frames gathered in memory, for the few that other containers wrap. */
        static final class Packets {
            final List<byte[]> frames = new java.util.ArrayList<>();
        }

        private final OutputStream out;
        private long seconds = 1_700_000_000L;
        private int micros;

        Pcap(Path file) {
            try {
                out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
                out.write(b.array());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A whole TLS 1.2 handshake on connection {@code id}: hello, server flight with {@code chain}. */
        void handshake(int id, List<byte[]> chain) {
            handshake(id, TlsBytes.certificate(chain));
        }

        /** The same, the server sending {@code messages} between its ServerHello and ServerHelloDone. */
        void handshake(int id, byte[]... messages) {
            Packets packets = new Packets();
            handshakeOn(packets, id, messages);
            packets.frames.forEach(this::frame);
        }

        static void handshakeOn(Packets packets, int id, List<byte[]> chain) {
            handshakeOn(packets, id, TlsBytes.certificate(chain));
        }

        private static void handshakeOn(Packets packets, int id, byte[]... messages) {
            byte[] hello = TlsBytes.handshakeRecord(TlsBytes.TLS12, TlsBytes.clientHello("valid" + id + ".test"));
            packets.frames.add(tcpFrame(id, true, 0, TCP_SYN, new byte[0]));
            packets.frames.add(tcpFrame(id, false, 0, TCP_SYN | TCP_ACK, new byte[0]));
            packets.frames.add(tcpFrame(id, true, 1, TCP_ACK | TCP_PSH, hello));
            byte[] flight = TlsBytes.records(TlsBytes.HANDSHAKE, TlsBytes.TLS12, TlsBytes.concat(
                    TlsBytes.serverHello(TlsBytes.TLS12, TlsBytes.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                    TlsBytes.concat(messages), TlsBytes.serverHelloDone()), RECORD);
            long seq = 1;
            for (int at = 0; at < flight.length; at += SEGMENT) {
                byte[] part = java.util.Arrays.copyOfRange(flight, at, Math.min(flight.length, at + SEGMENT));
                packets.frames.add(tcpFrame(id, false, seq, TCP_ACK | TCP_PSH, part));
                seq += part.length;
            }
            packets.frames.add(tcpFrame(id, true, 1 + hello.length, TCP_ACK | TCP_FIN, new byte[0]));
            packets.frames.add(tcpFrame(id, false, seq, TCP_ACK | TCP_FIN, new byte[0]));
        }

        void client(int id, byte[] payload) {
            frame(tcpFrame(id, true, 1, TCP_ACK | TCP_PSH, payload));
        }

        void server(int id, byte[] payload, long offset) {
            for (int at = 0; at < payload.length; at += SEGMENT) {
                byte[] part = java.util.Arrays.copyOfRange(payload, at, Math.min(payload.length, at + SEGMENT));
                frame(tcpFrame(id, false, 1 + offset + at, TCP_ACK | TCP_PSH, part));
            }
        }

        void syn(int id) {
            frame(tcpFrame(100_000 + id, true, 0, TCP_SYN, new byte[0]));
        }

        void frame(byte[] frame) {
            try {
                ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                if (++micros == 1_000_000) {
                    micros = 0;
                    seconds++;
                }
                h.putInt((int) seconds).putInt(micros).putInt(frame.length).putInt(frame.length);
                out.write(h.array());
                out.write(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static final int TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10;

        /** Connection {@code id} runs from 10.(17 + id / 65536).x.y port 40000 (the rest of the id in x.y) to 10.16.0.1 port 443. */
        static byte[] tcpFrame(int id, boolean fromClient, long seq, int flags, byte[] payload) {
            ByteBuffer b = ByteBuffer.allocate(14 + 20 + 20 + payload.length);
            b.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
            byte[] clientAddress = {10, (byte) (17 + (id >>> 16)), (byte) (id >>> 8), (byte) id};
            byte[] serverAddress = {10, 16, 0, 1};
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload.length)).putInt(0).put((byte) 64).put((byte) 6)
                    .putShort((short) 0).put(fromClient ? clientAddress : serverAddress).put(fromClient ? serverAddress : clientAddress);
            int clientPort = 40_000;
            b.putShort((short) (fromClient ? clientPort : 443)).putShort((short) (fromClient ? 443 : clientPort))
                    .putInt((int) seq).putInt(0).put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putInt(0);
            b.put(payload);
            return b.array();
        }
    }
}
