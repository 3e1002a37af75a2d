import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a large, realistic packet capture for benchmarking capcert, deterministically from a seed
 * (same arguments, byte-identical file). Java 17, no dependencies; run with the source launcher:
 *
 * <pre>
 *   java bench/GenerateCapture.java --size 1G --seed 42 --handshakes 20000 --servers 50 \
 *        --format pcap -o /tmp/bench-1g.pcap
 * </pre>
 *
 * Traffic (Ethernet, IPv4 and some IPv6), with several connections in flight at once:
 * <ul>
 *   <li>full TLS 1.2 connections (SYN .. FIN) with real certificate chains read from
 *       {@code test-captures/pki}, SNI {@code srvK.bench.test}, ports 443, 5061, 7001, 8443, 9443,
 *       10443, 30001; now and then mutual TLS; about 1% of server-flight segments out of order and
 *       1% retransmitted;</li>
 *   <li>bulk plaintext TCP (an HTTP-like request, then a 1-50 MB random body): most of the bytes;</li>
 *   <li>UDP noise: DNS-like queries and answers, RTP-like streams of 160-1200-byte payloads.</li>
 * </ul>
 * Alongside the capture it writes {@code OUTPUT.expected.tsv}: a header line, then one row per
 * certificate per Certificate message: {@code server_ip:port, sender, position, sha256}.
 * IP and UDP checksums are valid; TCP checksums are left zero.
 */
public class GenerateCapture {

    static final int MSS = 1448;
    static final long BASE_TIME_NS = 1_768_467_600L * 1_000_000_000L; // 2026-01-15T09:00:00Z
    static final int[] DEFAULT_PORTS = {443, 5061, 7001, 8443, 9443, 10443, 30001};
    static final int[] BULK_PORTS = {80, 8080, 8000};

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateCapture: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(Options.USAGE);
            return;
        }
        long t0 = System.nanoTime();
        Pki pki = Pki.load(o.pki);
        Generator g = new Generator(o, pki);
        g.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!o.quiet) {
            System.err.printf(Locale.ROOT,
                    "wrote %s: %,d bytes, %,d packets, %,d TLS handshakes (%,d mutual), %,d bulk TCP, %,d UDP flows, "
                            + "%,d out-of-order and %,d retransmitted server-flight segments; %,d certificate rows in %s; "
                            + "%.1f s, %.0f MB/s%n",
                    o.output, g.w.bytes, g.w.packets, g.tlsStarted, g.mutualCount, g.bulkStarted, g.udpStarted,
                    g.oooCount, g.retxCount, g.expectedRows, o.output + ".expected.tsv", secs, g.w.bytes / 1e6 / secs);
            if (o.tls13 > 0) System.err.printf(Locale.ROOT, "%,d of the TLS handshakes are TLS 1.3; their secrets are in %s%n",
                    g.tls13Count, o.output + ".keys");
        }
    }

    // ------------------------------------------------------------------------------------------
    static final class Options {
        static final String USAGE = String.join("\n",
                "usage: java bench/GenerateCapture.java [options] -o OUTPUT",
                "  --size N          target file size, with K/M/G suffix (binary), default 1G",
                "  --seed N          random seed, default 42",
                "  --handshakes N    TLS handshakes, default 20000",
                "  --servers N       TLS servers, default 50",
                "  --format F        pcap (microsecond) or pcapng (nanosecond if_tsresol), default pcap",
                "  --ports LIST      TLS server ports, default 443,5061,7001,8443,9443,10443,30001",
                "  --pki DIR         folder of PEM certificates, default test-captures/pki",
                "  --concurrency N   TLS connections in flight at once, default 8",
                "  --tls13 P         percent of TLS connections that are TLS 1.3, default 0: their handshake",
                "                    messages are encrypted with AES-128-GCM under random secrets, written to",
                "                    OUTPUT.keys as an NSS key log (capcert --keylog, tshark -o tls.keylog_file:)",
                "  -q, --quiet       no summary on standard error");
        long size = 1L << 30;
        long seed = 42;
        int handshakes = 20000;
        int servers = 50;
        boolean pcapng;
        int[] ports = DEFAULT_PORTS;
        Path pki;
        Path output;
        int concurrency = 8;
        int tls13;
        boolean quiet;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) return null;
                if (a.equals("-q") || a.equals("--quiet")) { o.quiet = true; continue; }
                if (i + 1 >= args.length) throw new IllegalArgumentException("missing value after " + a);
                String v = args[++i];
                switch (a) {
                    case "--size" -> o.size = parseSize(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--handshakes" -> o.handshakes = nonNegative(a, Integer.parseInt(v));
                    case "--servers" -> o.servers = nonNegative(a, Integer.parseInt(v));
                    case "--format" -> {
                        if (!v.equals("pcap") && !v.equals("pcapng")) throw new IllegalArgumentException("--format pcap|pcapng");
                        o.pcapng = v.equals("pcapng");
                    }
                    case "--ports" -> o.ports = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                    case "--pki" -> o.pki = Paths.get(v);
                    case "-o", "--output" -> o.output = Paths.get(v);
                    case "--concurrency" -> o.concurrency = Math.max(1, Integer.parseInt(v));
                    case "--tls13" -> {
                        o.tls13 = Integer.parseInt(v);
                        if (o.tls13 < 0 || o.tls13 > 100) throw new IllegalArgumentException("--tls13 takes a percentage, 0 to 100");
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.output == null) throw new IllegalArgumentException("-o OUTPUT is required");
            if (o.handshakes > 0 && o.servers == 0) throw new IllegalArgumentException("--servers must be > 0");
            if (o.ports.length == 0) throw new IllegalArgumentException("--ports is empty");
            for (int p : o.ports) {
                if (p < 1 || p >= 32768) throw new IllegalArgumentException("TLS ports must be 1..32767 (clients use 32768 and up): " + p);
            }
            if (o.pki == null) {
                for (String c : new String[] {"test-captures/pki", "../test-captures/pki"}) {
                    if (Files.isDirectory(Paths.get(c))) { o.pki = Paths.get(c); break; }
                }
                if (o.pki == null) throw new IllegalArgumentException("no test-captures/pki here; give --pki DIR");
            }
            return o;
        }

        static int nonNegative(String opt, int v) {
            if (v < 0) throw new IllegalArgumentException(opt + " must be >= 0");
            return v;
        }

        static long parseSize(String s) {
            String t = s.trim().toUpperCase(Locale.ROOT);
            if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
            long mult = 1;
            char c = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            switch (c) {
                case 'K' -> mult = 1L << 10;
                case 'M' -> mult = 1L << 20;
                case 'G' -> mult = 1L << 30;
                case 'T' -> mult = 1L << 40;
                default -> { }
            }
            if (mult != 1) t = t.substring(0, t.length() - 1);
            double v = Double.parseDouble(t);
            if (v <= 0) throw new IllegalArgumentException("--size must be positive");
            return (long) (v * mult);
        }
    }

    // ------------------------------------------------------------------------------------------
    /** The certificates of the test PKI, and the chains built from them. */
    static final class Pki {
        final List<List<byte[]>> serverChains = new ArrayList<>(); // by leaf, then length (2, 3)
        final Map<byte[], String> digests = new java.util.IdentityHashMap<>(); // DER -> SHA-256 hex
        final List<Boolean> serverChainEcdsa = new ArrayList<>();
        final List<Integer> serverChainSigLen = new ArrayList<>();
        final List<List<byte[]>> clientChains = new ArrayList<>();
        final List<Integer> clientChainSigLen = new ArrayList<>();
        final List<byte[]> caNames = new ArrayList<>(); // subjects of CAs, for CertificateRequest

        static Pki load(Path dir) throws Exception {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".pem") || n.endsWith(".crt");
                }).sorted().toList();
            }
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Map<String, X509Certificate> byDigest = new LinkedHashMap<>();
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (Certificate c : cf.generateCertificates(in)) {
                        byDigest.putIfAbsent(hex(sha256(c.getEncoded())), (X509Certificate) c);
                    }
                } catch (Exception e) {
                    // not a certificate file (a key, say): skip it
                }
            }
            if (byDigest.isEmpty()) throw new IllegalStateException("no certificates in " + dir);
            List<X509Certificate> all = new ArrayList<>(byDigest.values());
            List<X509Certificate> serverLeaves = new ArrayList<>();
            List<X509Certificate> clientLeaves = new ArrayList<>();
            Pki pki = new Pki();
            for (X509Certificate c : all) {
                if (c.getBasicConstraints() >= 0) {
                    pki.caNames.add(c.getSubjectX500Principal().getEncoded());
                    continue;
                }
                List<String> eku = c.getExtendedKeyUsage();
                if (eku == null || eku.contains("1.3.6.1.5.5.7.3.1")) serverLeaves.add(c);
                else if (eku.contains("1.3.6.1.5.5.7.3.2")) clientLeaves.add(c);
            }
            if (serverLeaves.isEmpty()) throw new IllegalStateException("no server (leaf) certificate in " + dir);
            if (clientLeaves.isEmpty()) clientLeaves.addAll(serverLeaves);
            for (X509Certificate leaf : serverLeaves) {
                for (List<byte[]> chain : chains(leaf, all)) {
                    pki.serverChains.add(chain);
                    pki.serverChainEcdsa.add(!(leaf.getPublicKey() instanceof RSAPublicKey));
                    pki.serverChainSigLen.add(signatureLength(leaf.getPublicKey()));
                }
            }
            for (X509Certificate leaf : clientLeaves) {
                for (List<byte[]> chain : chains(leaf, all)) {
                    pki.clientChains.add(chain);
                    pki.clientChainSigLen.add(signatureLength(leaf.getPublicKey()));
                }
            }
            for (List<List<byte[]>> chains : List.of(pki.serverChains, pki.clientChains)) {
                for (List<byte[]> chain : chains) {
                    for (byte[] der : chain) pki.digests.put(der, hex(sha256(der)));
                }
            }
            return pki;
        }

        /** leaf + issuer, and leaf + issuer + issuer's issuer when there is one (so 2-3 certificates). */
        static List<List<byte[]>> chains(X509Certificate leaf, List<X509Certificate> all) throws Exception {
            List<byte[]> path = new ArrayList<>();
            path.add(leaf.getEncoded());
            X509Certificate cur = leaf;
            while (path.size() < 3) {
                X509Certificate issuer = null;
                if (cur.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) break; // self-signed
                for (X509Certificate c : all) {
                    if (c != cur && c.getBasicConstraints() >= 0
                            && c.getSubjectX500Principal().equals(cur.getIssuerX500Principal())) {
                        try {
                            cur.verify(c.getPublicKey());
                            issuer = c;
                            break;
                        } catch (Exception notThisOne) {
                            // same name, other key
                        }
                    }
                }
                if (issuer == null) break;
                path.add(issuer.getEncoded());
                cur = issuer;
            }
            List<List<byte[]>> out = new ArrayList<>();
            if (path.size() == 1) out.add(path);
            for (int n = 2; n <= path.size(); n++) out.add(new ArrayList<>(path.subList(0, n)));
            return out;
        }

        static int signatureLength(PublicKey k) {
            if (k instanceof RSAPublicKey r) return (r.getModulus().bitLength() + 7) / 8;
            return 70; // ECDSA P-256, DER
        }
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------------------------------
    /** pcap or pcapng, little-endian, Ethernet, through one big buffer. */
    static final class CaptureWriter implements Closeable {
        final boolean ng;
        final FileOutputStream out;
        final byte[] buf = new byte[8 << 20];
        int pos;
        long bytes;
        long packets;

        CaptureWriter(Path path, boolean ng, long seed) throws IOException {
            this.ng = ng;
            this.out = new FileOutputStream(path.toFile());
            if (ng) {
                byte[] app = ("capcert bench/GenerateCapture.java seed " + seed).getBytes(StandardCharsets.US_ASCII);
                int appPad = (4 - (app.length & 3)) & 3;
                int shbLen = 28 + 4 + app.length + appPad + 4; // fixed part and trailer, shb_userappl, end
                i32(0x0A0D0D0A); i32(shbLen); i32(0x1A2B3C4D); i16(1); i16(0); i32(-1); i32(-1);
                i16(4); i16(app.length); put(app, 0, app.length); zeros(appPad);
                i16(0); i16(0);
                i32(shbLen);
                byte[] name = "bench0".getBytes(StandardCharsets.US_ASCII);
                int idbLen = 20 + 4 + 8 + 4 + 4 + 4; // fixed part, if_name, if_tsresol, end, trailer
                i32(1); i32(idbLen); i16(1); i16(0); i32(262144);
                i16(2); i16(name.length); put(name, 0, name.length); zeros(2);
                i16(9); i16(1); buf[pos++] = 9; zeros(3);
                i16(0); i16(0);
                i32(idbLen);
            } else {
                i32(0xA1B2C3D4); i16(2); i16(4); i32(0); i32(0); i32(262144); i32(1);
            }
        }

        long recordSize(int frameLen) {
            return ng ? 32 + frameLen + ((4 - (frameLen & 3)) & 3) : 16 + frameLen;
        }

        void record(long tsNs, byte[] hdr, int hdrLen, byte[] data, int off, int len) throws IOException {
            int cap = hdrLen + len;
            int need = (int) recordSize(cap);
            if (pos + need > buf.length) flush();
            if (ng) {
                int pad = (4 - (cap & 3)) & 3;
                i32(6); i32(need); i32(0); i32((int) (tsNs >>> 32)); i32((int) tsNs); i32(cap); i32(cap);
                put(hdr, 0, hdrLen);
                put(data, off, len);
                zeros(pad);
                i32(need);
            } else {
                i32((int) (tsNs / 1_000_000_000L));
                i32((int) (tsNs % 1_000_000_000L / 1000));
                i32(cap); i32(cap);
                put(hdr, 0, hdrLen);
                put(data, off, len);
            }
            packets++;
        }

        void i32(int v) {
            buf[pos] = (byte) v; buf[pos + 1] = (byte) (v >>> 8); buf[pos + 2] = (byte) (v >>> 16); buf[pos + 3] = (byte) (v >>> 24);
            pos += 4;
        }

        void i16(int v) {
            buf[pos] = (byte) v; buf[pos + 1] = (byte) (v >>> 8);
            pos += 2;
        }

        void put(byte[] b, int off, int len) {
            if (len == 0) return;
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }

        void zeros(int n) {
            for (int i = 0; i < n; i++) buf[pos++] = 0;
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            bytes += pos;
            pos = 0;
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    /** Growable byte array with TLS-style big-endian helpers. */
    static final class Bytes {
        byte[] a;
        int n;

        Bytes() { this(256); }

        Bytes(int capacity) { a = new byte[capacity]; }

        Bytes(byte[] reuse) { a = reuse; }

        void ensure(int more) {
            if (n + more > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
        }

        Bytes u8(int v) { ensure(1); a[n++] = (byte) v; return this; }
        Bytes u16(int v) { ensure(2); a[n++] = (byte) (v >>> 8); a[n++] = (byte) v; return this; }
        Bytes u24(int v) { ensure(3); a[n++] = (byte) (v >>> 16); a[n++] = (byte) (v >>> 8); a[n++] = (byte) v; return this; }
        Bytes put(byte[] b) { return put(b, 0, b.length); }
        Bytes put(byte[] b, int off, int len) { ensure(len); System.arraycopy(b, off, a, n, len); n += len; return this; }
        Bytes put(Bytes b) { return put(b.a, 0, b.n); }
        byte[] toArray() { return Arrays.copyOf(a, n); }
        void setU16(int at, int v) { a[at] = (byte) (v >>> 8); a[at + 1] = (byte) v; }
        void setU24(int at, int v) { a[at] = (byte) (v >>> 16); a[at + 1] = (byte) (v >>> 8); a[at + 2] = (byte) v; }
    }

    // ------------------------------------------------------------------------------------------
    /** Addresses and per-direction state of one connection or UDP flow. */
    static final class Conn {
        final boolean v6;
        final byte[] cIp, sIp, cMac, sMac;
        final int cPort, sPort;
        int cIpId, sIpId;

        Conn(boolean v6, byte[] cIp, int cPort, byte[] sIp, int sPort, byte[] cMac, byte[] sMac, int ipId) {
            this.v6 = v6; this.cIp = cIp; this.cPort = cPort; this.sIp = sIp; this.sPort = sPort;
            this.cMac = cMac; this.sMac = sMac; this.cIpId = ipId; this.sIpId = ipId * 7 + 1;
        }
    }

    static final int FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10;
    static final byte[] SYN_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 1, 1};

    /** One planned TCP segment of a TLS connection; payload is an offset into that side's stream. */
    record Seg(boolean fromClient, int flags, long seq, long ack, int off, int len) { }

    interface Flow {
        /** Writes one packet; returns true when the flow has nothing more to write. */
        boolean emit(Generator g) throws IOException;
    }

    // ------------------------------------------------------------------------------------------
    static final class Generator {
        final Options o;
        final Pki pki;
        final SplittableRandom rng;
        final byte[] block = new byte[32 << 20];
        final byte[] hdr = new byte[128];
        CaptureWriter w;
        java.io.OutputStream expected;
        java.io.Writer keyLog;
        int tls13Count;
        final Map<String, byte[]> rowCache = new java.util.HashMap<>();
        final Map<List<byte[]>, Bytes> certMessages = new java.util.IdentityHashMap<>();
        final java.util.ArrayDeque<byte[]> pool = new java.util.ArrayDeque<>();
        long now = BASE_TIME_NS;
        long clientCounter;
        final Server[] servers;

        long committed;          // planned bytes of every flow started so far
        long udpBudget, udpCommitted, tlsCommitted;
        double tlsEstimate;      // bytes per TLS connection, until measured
        int tlsStarted, mutualCount, bulkStarted, udpStarted, oooCount, retxCount;
        long expectedRows;
        double appLo, appHi;     // log-uniform range of TLS application data per connection

        final List<Flow> tlsActive = new ArrayList<>();
        final List<Flow> bulkActive = new ArrayList<>();
        final List<Flow> udpActive = new ArrayList<>();

        record Server(int index, boolean v6, byte[] ip, int port, String sni, int chain, boolean mutualish, byte[] mac) { }

        Generator(Options o, Pki pki) {
            this.o = o;
            this.pki = pki;
            this.rng = new SplittableRandom(o.seed);
            SplittableRandom br = new SplittableRandom(o.seed * 0x9E3779B97F4A7C15L + 1);
            java.lang.invoke.VarHandle longs = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 8 <= block.length; i += 8) longs.set(block, i, br.nextLong());
            servers = new Server[o.servers];
            for (int k = 0; k < o.servers; k++) {
                int port = k < o.ports.length ? o.ports[k] : pickPort();
                boolean v6 = k % 8 == 5;
                byte[] ip = v6 ? v6Addr(0xfd00, 0x20, 0, 0, 0, 0, 0, k + 1)
                        : new byte[] {10, 20, (byte) (k / 250), (byte) (k % 250 + 1)};
                int chain = rng.nextInt(pki.serverChains.size());
                boolean mutualish = port == 5061 || rng.nextInt(4) == 0;
                byte[] mac = {0x00, 0x50, 0x56, 0x20, (byte) (k >>> 8), (byte) k};
                servers[k] = new Server(k, v6, ip, port, "srv" + k + ".bench.test", chain, mutualish, mac);
            }
        }

        int pickPort() {
            // 443 most often, the Cisco ports next, the odd ones now and then
            int[] p = o.ports;
            int r = rng.nextInt(100);
            if (p.length >= 7 && p[0] == 443) {
                if (r < 30) return 443;
                if (r < 50) return p[1];
                if (r < 62) return p[2];
                if (r < 76) return p[3];
                return p[4 + rng.nextInt(p.length - 4)];
            }
            return p[rng.nextInt(p.length)];
        }

        static byte[] v6Addr(int... groups) {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) { b[2 * i] = (byte) (groups[i] >>> 8); b[2 * i + 1] = (byte) groups[i]; }
            return b;
        }

        static String addr(byte[] ip, int port) {
            if (ip.length == 4) return (ip[0] & 255) + "." + (ip[1] & 255) + "." + (ip[2] & 255) + "." + (ip[3] & 255) + ":" + port;
            int[] g = new int[8];
            for (int i = 0; i < 8; i++) g[i] = ((ip[2 * i] & 255) << 8) | (ip[2 * i + 1] & 255);
            int bestStart = -1, bestLen = 0;
            for (int i = 0; i < 8; ) {
                if (g[i] == 0) {
                    int j = i;
                    while (j < 8 && g[j] == 0) j++;
                    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
                    i = j;
                } else i++;
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) { sb.append("::"); i += bestLen - 1; continue; }
                if (sb.length() > 1 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.append("]:").append(port).toString();
        }

        /** A fresh client endpoint: unique over the whole capture. */
        Conn newConn(boolean v6, byte[] sIp, int sPort, byte[] sMac) {
            long c = clientCounter++;
            int i = (int) (c % 16384);
            int port = 32768 + (int) ((c / 16384) % 28000);
            byte[] cIp = v6 ? v6Addr(0xfd00, 0xc1, 0, 0, 0, 0, (i >>> 8) + 1, i & 255)
                    : new byte[] {10, 1, (byte) (i >>> 8), (byte) (i & 255)};
            byte[] gw = {0x00, 0x1b, 0x54, (byte) 0xaa, (byte) 0xbb, 0x01};
            return new Conn(v6, cIp, port, sIp, sPort, gw, sMac, rng.nextInt(65536));
        }

        void tick() {
            now += 1000 + rng.nextInt(8000);
        }

        // ---- frame writing -------------------------------------------------------------------
        int ipHeader(Conn c, boolean fromClient, int proto, int l4Len) {
            byte[] h = hdr;
            byte[] dm = fromClient ? c.sMac : c.cMac, sm = fromClient ? c.cMac : c.sMac;
            System.arraycopy(dm, 0, h, 0, 6);
            System.arraycopy(sm, 0, h, 6, 6);
            byte[] src = fromClient ? c.cIp : c.sIp, dst = fromClient ? c.sIp : c.cIp;
            if (c.v6) {
                h[12] = (byte) 0x86; h[13] = (byte) 0xdd;
                h[14] = 0x60; h[15] = 0; h[16] = 0; h[17] = 0;
                h[18] = (byte) (l4Len >>> 8); h[19] = (byte) l4Len;
                h[20] = (byte) proto; h[21] = 64;
                System.arraycopy(src, 0, h, 22, 16);
                System.arraycopy(dst, 0, h, 38, 16);
                return 54;
            }
            h[12] = 0x08; h[13] = 0x00;
            int total = 20 + l4Len;
            int id = fromClient ? c.cIpId++ : c.sIpId++;
            h[14] = 0x45; h[15] = 0;
            h[16] = (byte) (total >>> 8); h[17] = (byte) total;
            h[18] = (byte) (id >>> 8); h[19] = (byte) id;
            h[20] = 0x40; h[21] = 0; // DF
            h[22] = (byte) (fromClient ? 64 : 63); h[23] = (byte) proto;
            h[24] = 0; h[25] = 0;
            System.arraycopy(src, 0, h, 26, 4);
            System.arraycopy(dst, 0, h, 30, 4);
            int sum = 0;
            for (int i = 14; i < 34; i += 2) sum += ((h[i] & 255) << 8) | (h[i + 1] & 255);
            while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
            sum = ~sum & 0xffff;
            h[24] = (byte) (sum >>> 8); h[25] = (byte) sum;
            return 34;
        }

        void tcp(Conn c, boolean fromClient, int flags, long seq, long ack, byte[] data, int off, int len) throws IOException {
            boolean synOpts = (flags & SYN) != 0;
            int tcpLen = synOpts ? 32 : 20;
            int p = ipHeader(c, fromClient, 6, tcpLen + len);
            byte[] h = hdr;
            int sp = fromClient ? c.cPort : c.sPort, dp = fromClient ? c.sPort : c.cPort;
            h[p] = (byte) (sp >>> 8); h[p + 1] = (byte) sp; h[p + 2] = (byte) (dp >>> 8); h[p + 3] = (byte) dp;
            h[p + 4] = (byte) (seq >>> 24); h[p + 5] = (byte) (seq >>> 16); h[p + 6] = (byte) (seq >>> 8); h[p + 7] = (byte) seq;
            h[p + 8] = (byte) (ack >>> 24); h[p + 9] = (byte) (ack >>> 16); h[p + 10] = (byte) (ack >>> 8); h[p + 11] = (byte) ack;
            h[p + 12] = (byte) ((tcpLen / 4) << 4); h[p + 13] = (byte) flags;
            int win = synOpts ? 64240 : 2048;
            h[p + 14] = (byte) (win >>> 8); h[p + 15] = (byte) win;
            h[p + 16] = 0; h[p + 17] = 0; h[p + 18] = 0; h[p + 19] = 0;
            if (synOpts) System.arraycopy(SYN_OPTIONS, 0, h, p + 20, 12);
            tick();
            w.record(now, h, p + tcpLen, data, off, len);
        }

        void udp(Conn c, boolean fromClient, byte[] data, int off, int len) throws IOException {
            int p = ipHeader(c, fromClient, 17, 8 + len);
            byte[] h = hdr;
            int sp = fromClient ? c.cPort : c.sPort, dp = fromClient ? c.sPort : c.cPort;
            int ul = 8 + len;
            h[p] = (byte) (sp >>> 8); h[p + 1] = (byte) sp; h[p + 2] = (byte) (dp >>> 8); h[p + 3] = (byte) dp;
            h[p + 4] = (byte) (ul >>> 8); h[p + 5] = (byte) ul; h[p + 6] = 0; h[p + 7] = 0;
            // UDP checksum (mandatory over IPv6): pseudo-header, header, payload
            byte[] src = fromClient ? c.cIp : c.sIp, dst = fromClient ? c.sIp : c.cIp;
            long sum = 17 + ul + sum16(src, 0, src.length) + sum16(dst, 0, dst.length) + sum16(h, p, 8) + sum16(data, off, len);
            while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
            int ck = (int) (~sum & 0xffff);
            if (ck == 0) ck = 0xffff;
            h[p + 6] = (byte) (ck >>> 8); h[p + 7] = (byte) ck;
            tick();
            w.record(now, h, p + 8, data, off, len);
        }

        static long sum16(byte[] b, int off, int len) {
            long sum = 0;
            int i = off, end = off + len;
            for (; i + 1 < end; i += 2) sum += ((b[i] & 255) << 8) | (b[i + 1] & 255);
            if (i < end) sum += (b[i] & 255) << 8;
            return sum;
        }

        /** Bytes a packet takes in a pcap file; the plan uses it for pcapng too, so both formats hold the same packets. */
        static long frameBytes(boolean v6, int l4HeaderAndPayload) {
            return 16 + 14 + (v6 ? 40 : 20) + l4HeaderAndPayload;
        }

        int randomOffset(int len) {
            return rng.nextInt(block.length - len);
        }

        void randomBytes(Bytes b, int len) {
            b.put(block, randomOffset(len), len);
        }

        // ---- the plan ------------------------------------------------------------------------
        void run() throws IOException {
            Path out = o.output;
            Path exp = Paths.get(out + ".expected.tsv");
            try (CaptureWriter cw = new CaptureWriter(out, o.pcapng, o.seed);
                 java.io.OutputStream ew = new java.io.BufferedOutputStream(Files.newOutputStream(exp), 1 << 16);
                 java.io.Writer kw = o.tls13 > 0 ? Files.newBufferedWriter(Paths.get(out + ".keys")) : java.io.Writer.nullWriter()) {
                w = cw;
                expected = ew;
                keyLog = kw;
                ew.write("server_ip:port\tsender\tposition\tsha256\n".getBytes(StandardCharsets.US_ASCII));
                plan();
                loop();
            }
        }

        void plan() {
            long size = o.size;
            long perHandshake = 6500; // packets of handshake and teardown, headers included
            double appMean = 0;
            if (o.handshakes > 0) {
                // TLS connections get at most about 35% of the bytes; bulk TCP most of the rest
                appMean = Math.max(512, Math.min(60_000, 0.35 * size / o.handshakes - perHandshake));
                appLo = Math.min(2048, appMean / 2);
                appHi = 300 * 1024;
                while (appHi > appLo * 1.01 && logUniformMean(appLo, appHi) > appMean) appHi *= 0.98;
                if (appHi < appLo * 1.01) appHi = appLo * 1.01;
            }
            tlsEstimate = perHandshake + logUniformMean(appLo, appHi);
            udpBudget = size / 33;
            double tlsBytes = o.handshakes * tlsEstimate;
            if (tlsBytes + udpBudget > size && !o.quiet) {
                System.err.printf(Locale.ROOT, "note: %,d handshakes need about %,d bytes: the file will be larger than --size%n",
                        o.handshakes, (long) tlsBytes);
            }
        }

        /** Bytes left for bulk TCP: the target less what is planned so far and what the TLS and UDP still to come need. */
        long bulkAvailable() {
            double tlsAvg = tlsStarted >= 50 ? tlsCommitted / (double) tlsStarted : tlsEstimate;
            return o.size - committed - (long) ((o.handshakes - tlsStarted) * tlsAvg) - Math.max(0, udpBudget - udpCommitted);
        }

        static double logUniformMean(double lo, double hi) {
            if (hi <= lo * 1.0001) return lo;
            return (hi - lo) / Math.log(hi / lo);
        }

        void loop() throws IOException {
            int tlsSlots = o.concurrency, bulkSlots = 3, udpSlots = 3;
            List<List<Flow>> pools = List.of(tlsActive, bulkActive, udpActive);
            while (true) {
                double progress = Math.min(1.0, committed / (double) o.size);
                boolean bulkLeft = bulkAvailable() >= 256 * 1024;
                while (bulkActive.size() < bulkSlots && bulkAvailable() >= 256 * 1024) bulkActive.add(newBulk());
                while (udpActive.size() < udpSlots && udpBudget > 0 && udpCommitted <= udpBudget * progress + 200_000) {
                    udpActive.add(newUdp());
                }
                while (tlsActive.size() < tlsSlots && tlsStarted < o.handshakes
                        && (tlsStarted <= o.handshakes * progress + 1 || !bulkLeft && bulkActive.isEmpty())) {
                    tlsActive.add(newTls());
                }
                int n = tlsActive.size() + bulkActive.size() + udpActive.size();
                if (n == 0) {
                    if (tlsStarted < o.handshakes) continue;  // cannot happen: the rule above starts one
                    if (udpBudget > 0 && udpCommitted < udpBudget) { udpActive.add(newUdp()); continue; }
                    break;
                }
                int pick = rng.nextInt(n);
                List<Flow> pool = null;
                for (List<Flow> p : pools) {
                    if (pick < p.size()) { pool = p; break; }
                    pick -= p.size();
                }
                Flow f = pool.get(pick);
                int burst = 1 + rng.nextInt(4);
                boolean done = false;
                for (int b = 0; b < burst && !done; b++) done = f.emit(this);
                if (done) {
                    pool.set(pick, pool.get(pool.size() - 1));
                    pool.remove(pool.size() - 1);
                }
            }
        }

        // ---- TLS -----------------------------------------------------------------------------
        Flow newTls() throws IOException {
            tlsStarted++;
            Server s = servers[rng.nextInt(servers.length)];
            Conn c = newConn(s.v6, s.ip, s.port, s.mac);
            boolean mutual = s.mutualish ? rng.nextInt(3) == 0 : rng.nextInt(50) == 0;
            if (mutual) mutualCount++;
            int chainIdx = s.chain;
            List<byte[]> chain = pki.serverChains.get(chainIdx);
            boolean ecdsa = pki.serverChainEcdsa.get(chainIdx);
            int clientIdx = rng.nextInt(pki.clientChains.size());
            List<byte[]> cchain = pki.clientChains.get(clientIdx);
            int r = rng.nextInt(100);
            int recordMax = r < 55 ? -1 : r < 97 ? 16384 : 800 + rng.nextInt(3000); // -1: one record per message
            // Drawn only when asked for, so that a capture without TLS 1.3 stays byte for byte what it was.
            boolean tls13 = o.tls13 > 0 && rng.nextInt(100) < o.tls13;

            expected.write(rows(s, "server", chainIdx, chain));
            expectedRows += chain.size();
            if (mutual) {
                expected.write(rows(s, "client", clientIdx, cchain));
                expectedRows += cchain.size();
            }

            // application data: one or a few request/response rounds
            double app = Math.exp(Math.log(appLo) + rng.nextDouble() * Math.log(appHi / appLo));
            int rounds = 1 + (rng.nextInt(4) == 0 ? 1 + rng.nextInt(3) : 0);
            int perRound = Math.max(64, (int) (app / rounds));
            Bytes cs = new Bytes(borrow(4096 + rounds * 1700)), ss = new Bytes(borrow(16384 + rounds * (perRound + (perRound / 1000 + 1) * 29)));
            List<Seg> segs = new ArrayList<>(64);
            long[] next = {rng.nextLong() & 0xffffffffL, rng.nextLong() & 0xffffffffL}; // client, server
            segs.add(new Seg(true, SYN, next[0], 0, 0, 0));
            segs.add(new Seg(false, SYN | ACK, next[1], next[0] + 1, 0, 0));
            next[0]++; next[1]++;
            segs.add(new Seg(true, ACK, next[0], next[1], 0, 0));

            // ClientHello
            int from = cs.n;
            Bytes hello = clientHello(s.sni, tls13);
            // Randoms cut from the shared random block can repeat; a key log needs each client random once.
            if (tls13) for (int i = 0; i < 4; i++) hello.a[6 + i] = (byte) (tls13Count >>> (24 - 8 * i));
            records(cs, 22, 0x0301, hello, 16384);
            send(segs, true, next, from, cs.n - from, 0, false);
            if (rng.nextBoolean()) segs.add(new Seg(false, ACK, next[1], next[0], 0, 0));
            if (tls13) {
                tls13Flights(segs, next, cs, ss, Arrays.copyOfRange(hello.a, 6, 38), chain, ecdsa, chainIdx, mutual, cchain,
                        clientIdx, recordMax);
            } else {

            // server flight
            int cipher = ecdsa ? (rng.nextBoolean() ? 0xc02b : 0xc02c) : (rng.nextBoolean() ? 0xc02f : 0xc030);
            List<Bytes> flight = new ArrayList<>();
            flight.add(hs(2, serverHello(cipher)));
            flight.add(certMessages.computeIfAbsent(chain, ch -> hs(11, certificate(ch))));
            flight.add(hs(12, serverKeyExchange(ecdsa, pki.serverChainSigLen.get(chainIdx))));
            if (mutual) flight.add(hs(13, certificateRequest()));
            flight.add(hs(14, new Bytes()));
            from = ss.n;
            handshakeRecords(ss, flight, recordMax);
            send(segs, false, next, from, ss.n - from, 0, true);

            // client flight
            List<Bytes> cflight = new ArrayList<>();
            if (mutual) cflight.add(certMessages.computeIfAbsent(cchain, ch -> hs(11, certificate(ch))));
            Bytes cke = new Bytes().u8(32);
            randomBytes(cke, 32);
            cflight.add(hs(16, cke));
            if (mutual) {
                Bytes cv = new Bytes().u16(0x0804);
                int len = pki.clientChainSigLen.get(clientIdx);
                cv.u16(len);
                randomBytes(cv, len);
                cflight.add(hs(15, cv));
            }
            from = cs.n;
            handshakeRecords(cs, cflight, recordMax);
            ccsAndFinished(cs);
            send(segs, true, next, from, cs.n - from, 0, false);

            // server CCS + Finished
            from = ss.n;
            ccsAndFinished(ss);
            send(segs, false, next, from, ss.n - from, 0, false);
            }

            for (int i = 0; i < rounds; i++) {
                from = cs.n;
                appData(cs, 80 + rng.nextInt(1500));
                send(segs, true, next, from, cs.n - from, 0, false);
                from = ss.n;
                appData(ss, perRound);
                send(segs, false, next, from, ss.n - from, 2 + rng.nextInt(6), false);
            }
            if (rng.nextBoolean()) segs.add(new Seg(true, ACK, next[0], next[1], 0, 0));
            // teardown, started by either side
            boolean clientCloses = rng.nextInt(3) != 0;
            int a = clientCloses ? 0 : 1, b = 1 - a;
            segs.add(new Seg(a == 0, FIN | ACK, next[a], next[b], 0, 0));
            next[a]++;
            segs.add(new Seg(b == 0, FIN | ACK, next[b], next[a], 0, 0));
            next[b]++;
            segs.add(new Seg(a == 0, ACK, next[a], next[b], 0, 0));

            byte[] cBytes = cs.a, sBytes = ss.a;
            long planned = 0;
            for (Seg sg : segs) planned += frameBytes(c.v6, ((sg.flags & SYN) != 0 ? 32 : 20) + sg.len);
            committed += planned;
            tlsCommitted += planned;
            Seg[] all = segs.toArray(new Seg[0]);
            return new Flow() {
                int i;

                @Override
                public boolean emit(Generator g) throws IOException {
                    Seg sg = all[i++];
                    g.tcp(c, sg.fromClient, sg.flags, sg.seq, sg.ack, sg.fromClient ? cBytes : sBytes, sg.off, sg.len);
                    if (i < all.length) return false;
                    g.pool.push(cBytes);
                    g.pool.push(sBytes);
                    return true;
                }
            };
        }

        /**
         * A TLS 1.3 handshake after the ClientHello (RFC 8446): ServerHello and the middlebox-compatibility
         * ChangeCipherSpec in clear, then EncryptedExtensions, Certificate, CertificateVerify and Finished
         * sealed with AES-128-GCM under the server's handshake traffic secret, and the client's
         * (Certificate, CertificateVerify,) Finished under its own; the secrets go to the key log.
         */
        void tls13Flights(List<Seg> segs, long[] next, Bytes cs, Bytes ss, byte[] clientRandom, List<byte[]> chain,
                          boolean ecdsa, int chainIdx, boolean mutual, List<byte[]> cchain, int clientIdx, int recordMax)
                throws IOException {
            tls13Count++;
            Bytes secrets = new Bytes(128);
            randomBytes(secrets, 128);
            byte[] clientSecret = Arrays.copyOfRange(secrets.a, 0, 32), serverSecret = Arrays.copyOfRange(secrets.a, 32, 64);
            String random = hex(clientRandom);
            keyLog.write("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + hex(clientSecret) + "\n"
                    + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + random + " " + hex(serverSecret) + "\n"
                    + "CLIENT_TRAFFIC_SECRET_0 " + random + " " + hex(Arrays.copyOfRange(secrets.a, 64, 96)) + "\n"
                    + "SERVER_TRAFFIC_SECRET_0 " + random + " " + hex(Arrays.copyOfRange(secrets.a, 96, 128)) + "\n");

            int from = ss.n;
            records(ss, 22, 0x0303, hs(2, serverHello13()), 16384);
            ss.u8(20).u16(0x0303).u16(1).u8(1);
            List<Bytes> flight = new ArrayList<>();
            flight.add(hs(8, new Bytes().u16(0)));
            if (mutual) flight.add(hs(13, new Bytes().u8(0).u16(8).u16(13).u16(4).u16(2).u16(0x0403)));
            flight.add(hs(11, certificate13(chain)));
            flight.add(hs(15, certificateVerify(ecdsa ? 72 : pki.serverChainSigLen.get(chainIdx))));
            flight.add(hs(20, finished()));
            sealHandshake(ss, new Tls13Sealer(serverSecret), flight, recordMax);
            send(segs, false, next, from, ss.n - from, 0, true);

            from = cs.n;
            cs.u8(20).u16(0x0303).u16(1).u8(1);
            List<Bytes> cflight = new ArrayList<>();
            if (mutual) {
                cflight.add(hs(11, certificate13(cchain)));
                cflight.add(hs(15, certificateVerify(pki.clientChainSigLen.get(clientIdx))));
            }
            cflight.add(hs(20, finished()));
            sealHandshake(cs, new Tls13Sealer(clientSecret), cflight, recordMax);
            send(segs, true, next, from, cs.n - from, 0, false);
        }

        /** Handshake messages as encrypted records: one record each (max &lt; 0), or packed into records of at most max bytes. */
        static void sealHandshake(Bytes out, Tls13Sealer sealer, List<Bytes> msgs, int max) {
            Bytes all = new Bytes(16384);
            for (Bytes m : msgs) {
                if (max < 0) {
                    for (int off = 0; off < m.n; off += 16384) sealer.seal(out, 22, m.a, off, Math.min(16384, m.n - off));
                } else {
                    all.put(m);
                }
            }
            for (int off = 0; off < all.n; off += max) sealer.seal(out, 22, all.a, off, Math.min(max, all.n - off));
        }

        Bytes serverHello13() {
            Bytes b = new Bytes().u16(0x0303);
            randomBytes(b, 32);
            b.u8(32);
            randomBytes(b, 32);
            b.u16(0x1301).u8(0);
            Bytes e = new Bytes();
            e.u16(0x002b).u16(2).u16(0x0304);
            e.u16(0x0033).u16(36).u16(0x001d).u16(32);
            randomBytes(e, 32);
            return b.u16(e.n).put(e);
        }

        static Bytes certificate13(List<byte[]> chain) {
            Bytes list = new Bytes(8192);
            for (byte[] der : chain) list.u24(der.length).put(der).u16(0);
            return new Bytes(4 + list.n).u8(0).u24(list.n).put(list);
        }

        Bytes certificateVerify(int sigLen) {
            Bytes b = new Bytes().u16(0x0804).u16(sigLen);
            randomBytes(b, sigLen);
            return b;
        }

        Bytes finished() {
            Bytes b = new Bytes();
            randomBytes(b, 32);
            return b;
        }

        /** Seals TLS 1.3 records (RFC 8446 section 5.2) with the keys of one traffic secret, counting its records. */
        static final class Tls13Sealer {
            private final javax.crypto.Cipher gcm;
            private final javax.crypto.spec.SecretKeySpec key;
            private final byte[] iv;
            private long sequence;

            Tls13Sealer(byte[] secret) {
                try {
                    key = new javax.crypto.spec.SecretKeySpec(expandLabel(secret, "key", 16), "AES");
                    iv = expandLabel(secret, "iv", 12);
                    gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }

            void seal(Bytes out, int type, byte[] data, int off, int len) {
                byte[] inner = Arrays.copyOfRange(data, off, off + len + 1);
                inner[len] = (byte) type;
                byte[] header = {23, 3, 3, (byte) ((inner.length + 16) >>> 8), (byte) (inner.length + 16)};
                byte[] nonce = iv.clone();
                for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
                sequence++;
                try {
                    gcm.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
                    gcm.updateAAD(header);
                    out.put(header).put(gcm.doFinal(inner));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }

            /** HKDF-Expand-Label(secret, label, "", length) with SHA-256 (RFC 8446 section 7.1); one block is enough here. */
            static byte[] expandLabel(byte[] secret, String label, int length) throws java.security.GeneralSecurityException {
                byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
                Bytes info = new Bytes().u16(length).u8(full.length).put(full).u8(0).u8(1);
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
                return Arrays.copyOf(mac.doFinal(info.toArray()), length);
            }
        }

        /** A byte array of at least cap bytes, reused from finished connections when one is big enough. */
        byte[] borrow(int cap) {
            for (java.util.Iterator<byte[]> it = pool.iterator(); it.hasNext(); ) {
                byte[] a = it.next();
                if (a.length >= cap) { it.remove(); return a; }
            }
            if (pool.size() > 32) pool.removeLast();
            return new byte[Math.max(cap, 64 * 1024)];
        }

        /** The expected.tsv rows of one Certificate message. */
        byte[] rows(Server s, String sender, int chainIdx, List<byte[]> chain) {
            return rowCache.computeIfAbsent(s.index + "/" + sender + "/" + chainIdx, k -> {
                StringBuilder sb = new StringBuilder();
                String server = addr(s.ip, s.port);
                for (int i = 0; i < chain.size(); i++) {
                    sb.append(server).append('\t').append(sender).append('\t').append(i).append('\t')
                            .append(pki.digests.get(chain.get(i))).append('\n');
                }
                return sb.toString().getBytes(StandardCharsets.US_ASCII);
            });
        }

        /**
         * Cuts [off, off+len) of one side's stream into segments of at most MSS. The other side ACKs every
         * ackEvery segments (0: never). For the server's handshake flight, about 1% of segments swap places
         * with the next and 1% are sent again a little later.
         */
        void send(List<Seg> segs, boolean fromClient, long[] next, int off, int len, int ackEvery, boolean flight) {
            int me = fromClient ? 0 : 1, peer = 1 - me;
            List<Seg> mine = new ArrayList<>();
            int done = 0;
            while (done < len) {
                int l = Math.min(MSS, len - done);
                boolean last = done + l == len;
                mine.add(new Seg(fromClient, ACK | (last ? PSH : 0), next[me], next[peer], off + done, l));
                next[me] += l;
                done += l;
            }
            if (flight) {
                List<Seg> order = new ArrayList<>(mine.size() + 2);
                for (int i = 0; i < mine.size(); i++) {
                    if (i + 1 < mine.size() && rng.nextInt(100) == 0) {
                        order.add(mine.get(i + 1));
                        order.add(mine.get(i));
                        oooCount++;
                        i++;
                    } else {
                        order.add(mine.get(i));
                    }
                }
                List<Seg> withRetx = new ArrayList<>(order.size() + 2);
                Seg pending = null;
                for (Seg sg : order) {
                    withRetx.add(sg);
                    if (pending != null) { withRetx.add(pending); pending = null; }
                    if (rng.nextInt(100) == 0) { pending = sg; retxCount++; }
                }
                if (pending != null) withRetx.add(pending);
                segs.addAll(withRetx);
                return;
            }
            int k = 0;
            for (Seg sg : mine) {
                segs.add(sg);
                if (ackEvery > 0 && ++k % ackEvery == 0) segs.add(new Seg(!fromClient, ACK, next[peer], sg.seq + sg.len, 0, 0));
            }
        }

        static Bytes hs(int type, Bytes body) {
            Bytes b = new Bytes(4 + body.n).u8(type).u24(body.n);
            return b.put(body);
        }

        /** Handshake messages as TLS records: one record each (max &lt; 0), or packed into records of at most max bytes. */
        static void handshakeRecords(Bytes out, List<Bytes> msgs, int max) {
            if (max < 0) {
                for (Bytes m : msgs) records(out, 22, 0x0303, m, 16384);
                return;
            }
            int total = 0;
            for (Bytes m : msgs) total += m.n;
            Bytes all = new Bytes(total);
            for (Bytes m : msgs) all.put(m);
            records(out, 22, 0x0303, all, max);
        }

        static void records(Bytes out, int type, int version, Bytes payload, int max) {
            int off = 0;
            do {
                int l = Math.min(max, payload.n - off);
                out.u8(type).u16(version).u16(l).put(payload.a, off, l);
                off += l;
            } while (off < payload.n);
        }

        void ccsAndFinished(Bytes out) {
            out.u8(20).u16(0x0303).u16(1).u8(1);
            out.u8(22).u16(0x0303).u16(40);
            randomBytes(out, 40);
        }

        void appData(Bytes out, int total) {
            while (total > 0) {
                int l = Math.min(total, rng.nextInt(4) == 0 ? 1000 + rng.nextInt(15000) : 16384);
                int rec = l + 24; // explicit nonce + GCM tag
                out.u8(23).u16(0x0303).u16(rec);
                randomBytes(out, rec);
                total -= l;
            }
        }

        Bytes clientHello(String sni, boolean tls13) {
            Bytes b = new Bytes().u16(0x0303);
            randomBytes(b, 32);
            if (rng.nextBoolean()) { b.u8(32); randomBytes(b, 32); } else b.u8(0);
            int[] suites = {0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014,
                    0x009c, 0x009d, 0x002f, 0x0035, 0x00ff};
            b.u16(suites.length * 2);
            for (int s : suites) b.u16(s);
            b.u8(1).u8(0);
            Bytes e = new Bytes();
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            e.u16(0x0000).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).put(name);
            e.u16(0x000b).u16(2).u8(1).u8(0);
            e.u16(0x000a).u16(8).u16(6).u16(0x001d).u16(0x0017).u16(0x0018);
            e.u16(0x0023).u16(0);
            e.u16(0x0016).u16(0);
            e.u16(0x0017).u16(0);
            int[] sigs = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601};
            e.u16(0x000d).u16(sigs.length * 2 + 2).u16(sigs.length * 2);
            for (int s : sigs) e.u16(s);
            if (tls13) {
                e.u16(0x002b).u16(3).u8(2).u16(0x0304);
                e.u16(0x0033).u16(38).u16(36).u16(0x001d).u16(32);
                randomBytes(e, 32);
            }
            b.u16(e.n).put(e);
            return hs(1, b);
        }

        Bytes serverHello(int cipher) {
            Bytes b = new Bytes().u16(0x0303);
            randomBytes(b, 32);
            b.u8(32);
            randomBytes(b, 32);
            b.u16(cipher).u8(0);
            Bytes e = new Bytes();
            e.u16(0xff01).u16(1).u8(0);
            e.u16(0x000b).u16(2).u8(1).u8(0);
            e.u16(0x0017).u16(0);
            b.u16(e.n).put(e);
            return b;
        }

        static Bytes certificate(List<byte[]> chain) {
            Bytes list = new Bytes(8192);
            for (byte[] der : chain) list.u24(der.length).put(der);
            return new Bytes(3 + list.n).u24(list.n).put(list);
        }

        Bytes serverKeyExchange(boolean ecdsa, int sigLen) {
            Bytes b = new Bytes().u8(3).u16(0x001d).u8(32);
            randomBytes(b, 32);
            if (ecdsa) {
                b.u16(0x0403).u16(70);
                b.u8(0x30).u8(68).u8(0x02).u8(32);
                int at = b.n;
                randomBytes(b, 32);
                b.a[at] &= 0x7f;
                b.u8(0x02).u8(32);
                at = b.n;
                randomBytes(b, 32);
                b.a[at] &= 0x7f;
            } else {
                b.u16(0x0804).u16(sigLen);
                randomBytes(b, sigLen);
            }
            return b;
        }

        Bytes certificateRequest() {
            Bytes b = new Bytes().u8(2).u8(1).u8(64);
            int[] sigs = {0x0403, 0x0804, 0x0401, 0x0501};
            b.u16(sigs.length * 2);
            for (int s : sigs) b.u16(s);
            Bytes names = new Bytes();
            for (byte[] n : pki.caNames) names.u16(n.length).put(n);
            return b.u16(names.n).put(names);
        }

        // ---- bulk TCP ------------------------------------------------------------------------
        Flow newBulk() {
            bulkStarted++;
            boolean v6 = rng.nextInt(10) == 0;
            int k = rng.nextInt(24);
            byte[] sIp = v6 ? v6Addr(0xfd00, 0x30, 0, 0, 0, 0, 0, k + 1) : new byte[] {10, 30, 0, (byte) (k + 1)};
            int port = BULK_PORTS[rng.nextInt(BULK_PORTS.length)];
            byte[] mac = {0x00, 0x50, 0x56, 0x30, 0, (byte) k};
            Conn c = newConn(v6, sIp, port, mac);
            long fits = bulkAvailable() * MSS / (frameBytes(v6, 20 + MSS) + frameBytes(v6, 20) / 8) - 4096;
            long body = Math.max(64 * 1024, Math.min(1_000_000L + (long) (rng.nextDouble() * 49_000_000L), fits));
            boolean upload = rng.nextInt(5) == 0;
            String host = "bulk" + k + ".bench.test";
            String path = "/data/" + Long.toHexString(rng.nextLong()) + ".bin";
            byte[] request = (upload
                    ? "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: bench/1.0\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + body + "\r\n\r\n"
                    : "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: bench/1.0\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] response = (upload
                    ? "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            long segsN = (body + MSS - 1) / MSS;
            long planned = segsN * frameBytes(v6, 20 + MSS) + (segsN / 8 + 10) * frameBytes(v6, 20)
                    + frameBytes(v6, 20 + request.length) + frameBytes(v6, 20 + response.length);
            committed += planned;
            long cIsn = rng.nextLong() & 0xffffffffL, sIsn = rng.nextLong() & 0xffffffffL;
            return new Flow() {
                int phase;
                long cSeq = cIsn, sSeq = sIsn, left = body;
                int sinceAck;

                @Override
                public boolean emit(Generator g) throws IOException {
                    switch (phase) {
                        case 0 -> { g.tcp(c, true, SYN, cSeq++, 0, null, 0, 0); phase++; }
                        case 1 -> { g.tcp(c, false, SYN | ACK, sSeq++, cSeq, null, 0, 0); phase++; }
                        case 2 -> { g.tcp(c, true, ACK, cSeq, sSeq, null, 0, 0); phase++; }
                        case 3 -> {
                            g.tcp(c, true, ACK | PSH, cSeq, sSeq, request, 0, request.length);
                            cSeq += request.length;
                            phase = upload ? 4 : 5;
                        }
                        case 4, 6 -> { // body segments from uploader (4: client, 6: server)
                            boolean fromClient = phase == 4;
                            int l = (int) Math.min(MSS, left);
                            int off = g.randomOffset(MSS);
                            if (fromClient) { g.tcp(c, true, ACK, cSeq, sSeq, g.block, off, l); cSeq += l; }
                            else { g.tcp(c, false, ACK, sSeq, cSeq, g.block, off, l); sSeq += l; }
                            left -= l;
                            if (++sinceAck == 8 || left == 0) {
                                sinceAck = 0;
                                g.tcp(c, !fromClient, ACK, fromClient ? sSeq : cSeq, fromClient ? cSeq : sSeq, null, 0, 0);
                            }
                            if (left == 0) phase = fromClient ? 5 : 7;
                        }
                        case 5 -> {
                            g.tcp(c, false, ACK | PSH, sSeq, cSeq, response, 0, response.length);
                            sSeq += response.length;
                            phase = upload ? 7 : 6;
                        }
                        case 7 -> { g.tcp(c, true, FIN | ACK, cSeq++, sSeq, null, 0, 0); phase++; }
                        case 8 -> { g.tcp(c, false, FIN | ACK, sSeq++, cSeq, null, 0, 0); phase++; }
                        case 9 -> { g.tcp(c, true, ACK, cSeq, sSeq, null, 0, 0); return true; }
                        default -> throw new IllegalStateException();
                    }
                    return false;
                }
            };
        }

        // ---- UDP noise -----------------------------------------------------------------------
        Flow newUdp() {
            udpStarted++;
            boolean v6 = rng.nextInt(10) == 0;
            if (rng.nextInt(3) == 0) return newRtp(v6);
            return newDns(v6);
        }

        Flow newDns(boolean v6) {
            byte[] sIp = v6 ? v6Addr(0xfd00, 0x53, 0, 0, 0, 0, 0, 0x53) : new byte[] {10, 0, 0, 53};
            Conn c = newConn(v6, sIp, 53, new byte[] {0x00, 0x50, 0x56, 0x53, 0, 0x53});
            int pairs = 1 + rng.nextInt(3);
            List<byte[]> dgrams = new ArrayList<>();
            long planned = 0;
            for (int i = 0; i < pairs; i++) {
                int id = rng.nextInt(65536);
                boolean aaaa = rng.nextBoolean();
                Bytes q = new Bytes().u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
                String name = (rng.nextBoolean() ? "srv" + rng.nextInt(Math.max(1, o.servers)) : "host" + rng.nextInt(5000)) + ".bench.test";
                for (String label : name.split("\\.")) q.u8(label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
                q.u8(0).u16(aaaa ? 28 : 1).u16(1);
                Bytes a = new Bytes().put(q);
                a.setU16(2, 0x8180);
                a.setU16(6, 1);
                a.u16(0xc00c).u16(aaaa ? 28 : 1).u16(1).u16(0).u16(300).u16(aaaa ? 16 : 4);
                randomBytes(a, aaaa ? 16 : 4);
                dgrams.add(q.toArray());
                dgrams.add(a.toArray());
                planned += frameBytes(v6, 8 + q.n) + frameBytes(v6, 8 + a.n);
            }
            committed += planned;
            udpCommitted += planned;
            return new Flow() {
                int i;

                @Override
                public boolean emit(Generator g) throws IOException {
                    byte[] d = dgrams.get(i);
                    g.udp(c, i % 2 == 0, d, 0, d.length);
                    return ++i == dgrams.size();
                }
            };
        }

        Flow newRtp(boolean v6) {
            int k = rng.nextInt(16);
            byte[] sIp = v6 ? v6Addr(0xfd00, 0x40, 0, 0, 0, 0, 0, k + 1) : new byte[] {10, 40, 0, (byte) (k + 1)};
            int mediaPort = 16384 + 2 * rng.nextInt(8000);
            Conn c = newConn(v6, sIp, mediaPort, new byte[] {0x00, 0x50, 0x56, 0x40, 0, (byte) k});
            int payload = 160 + rng.nextInt(1041);
            int count = (int) Math.min(100 + rng.nextInt(2900), Math.max(50, (udpBudget - udpCommitted) / frameBytes(v6, 8 + 12 + payload)));
            int pt = new int[] {0, 8, 9, 96, 111}[rng.nextInt(5)];
            long planned = (long) count * frameBytes(v6, 8 + 12 + payload);
            committed += planned;
            udpCommitted += planned;
            int[] seq = {rng.nextInt(65536), rng.nextInt(65536)};
            long[] ts = {rng.nextLong() & 0xffffffffL, rng.nextLong() & 0xffffffffL};
            int[] ssrc = {rng.nextInt(), rng.nextInt()};
            byte[] pkt = new byte[12 + payload];
            return new Flow() {
                int i;

                @Override
                public boolean emit(Generator g) throws IOException {
                    int d = i & 1;
                    pkt[0] = (byte) 0x80;
                    pkt[1] = (byte) (pt | (i < 2 ? 0x80 : 0));
                    pkt[2] = (byte) (seq[d] >>> 8); pkt[3] = (byte) seq[d];
                    long t = ts[d];
                    pkt[4] = (byte) (t >>> 24); pkt[5] = (byte) (t >>> 16); pkt[6] = (byte) (t >>> 8); pkt[7] = (byte) t;
                    int s = ssrc[d];
                    pkt[8] = (byte) (s >>> 24); pkt[9] = (byte) (s >>> 16); pkt[10] = (byte) (s >>> 8); pkt[11] = (byte) s;
                    System.arraycopy(g.block, g.randomOffset(payload), pkt, 12, payload);
                    seq[d] = (seq[d] + 1) & 0xffff;
                    ts[d] = (ts[d] + 160) & 0xffffffffL;
                    g.udp(c, d == 0, pkt, 0, pkt.length);
                    return ++i == count;
                }
            };
        }
    }
}
