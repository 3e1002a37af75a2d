package capcert.tls;

import capcert.capture.CaptureProblem;
import capcert.capture.FileKind;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The captures of test-captures/inputs/, made by make-input-captures.sh with real software. */
class InputCapturesTest {

    static final Path DIR = Path.of("test-captures", "inputs");
    static final Path PKI = Path.of("test-captures", "pki");

    /** The server chain every capture of this set sends: server.crt, intermediate-ca.crt, root-ca.crt. */
    static List<byte[]> serverChain() throws IOException {
        return List.of(der("server.crt"), der("intermediate-ca.crt"), der("root-ca.crt"));
    }

    static byte[] der(String pem) throws IOException {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(PKI.resolve(pem)))).getEncoded();
        } catch (CertificateException e) {
            throw new IOException(pem, e);
        }
    }

    static void assertServerChain(Handshake h, long frame) throws IOException {
        List<byte[]> expected = serverChain();
        List<CertificateEntry> sent = h.chain(Role.SERVER);
        assertEquals(expected.size(), sent.size(), () -> "server chain of " + h);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), sent.get(i).der(), "certificate #" + i);
            assertEquals(frame, sent.get(i).frame(), "frame that completed the Certificate message");
        }
    }

    /**
     * Python's ssl client read the first segment of the server's flight, then sent FIN and RST
     * (SO_LINGER 0); the server's last three segments, the end of the Certificate message among
     * them, arrive after both (frames 10 to 16, each answered by another RST).
     */
    @Test
    void theServersFlightAfterTheClientsFinAndRstIsRead() throws IOException {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("fin-rst-inflight.pcap"));
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.handshakes().size());
        Handshake h = r.handshakes().get(0);
        assertServerChain(h, 14);
        assertEquals(List.of(), h.notes());
        assertEquals("TLS 1.2", h.version().orElseThrow().toString());
    }

    // ---- other file formats: compressed by the real tools, converted by editcap -----------------

    /** Each file was made from a shipped capture by the tool its extension names; it must read exactly as its source. */
    @ParameterizedTest
    @CsvSource({
            "tls12-chain.pcap.gz, tls12-chain.pcap",
            "tls12-ipv6.pcapng.zst, tls12-ipv6.pcapng",
            "smtp-starttls.pcap.xz, smtp-starttls.pcap",
            "dtls12.pcap.bz2, dtls12.pcap",
            "tls12-mutual.pcap.lz4, tls12-mutual.pcap",
            "tls12-jdk.pcap.xz.gz, tls12-jdk.pcap",
            "tls12-chain.snoop, tls12-chain.pcap",
            "tls12-mutual.cap, tls12-mutual.pcap"})
    void compressedAndConvertedCapturesReadAsTheirSource(String converted, String source) {
        CaptureResult original = new CaptureScanner(ScanOptions.defaults()).scan(Path.of("test-captures", source));
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve(converted));
        assertEquals(List.of(), result.problems());
        assertFalse(original.handshakes().isEmpty());
        assertEquals(original.handshakes(), result.handshakes());
    }

    @ParameterizedTest
    @CsvSource({"tls12-chain.pcap.gz, gzip", "tls12-ipv6.pcapng.zst, zstd", "smtp-starttls.pcap.xz, xz",
            "dtls12.pcap.bz2, bzip2", "tls12-mutual.pcap.lz4, LZ4"})
    void aTruncatedCompressedCaptureSaysSoAndKeepsWhatCameBefore(String file, String format, @TempDir Path dir)
            throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve(file));
        Path cut = Files.write(dir.resolve(file), java.util.Arrays.copyOf(whole, whole.length * 9 / 10));
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(cut);
        assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
        Problem problem = result.problems().get(0);
        assertTrue(problem.message().startsWith(format + ": the compressed data ends early (the file is truncated)"),
                problem.message());
        CaptureProblem.DecompressionFailed failed = assertInstanceOf(CaptureProblem.DecompressionFailed.class, problem);
        assertEquals(format, failed.compression().formatName());
        assertTrue(failed.truncated());
        // gzip and LZ4 give their output as they go; zstd, xz and bzip2 decode whole blocks, and
        // these small files are one block each: nothing before the cut can be had from them.
        if (format.equals("gzip") || format.equals("LZ4")) {
            assertTrue(problem.frame() > 1, () -> "frames before the cut were read: " + problem.where() + ": " + problem.message());
        }
    }

    @Test
    void damagedCompressedDataIsReportedNotThrown(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve("tls12-chain.pcap.gz"));
        for (int i = bytes.length / 2; i < bytes.length - 8; i += 7) bytes[i] ^= 0x5a;
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(Files.write(dir.resolve("damaged.gz"), bytes));
        assertTrue(result.problems().stream().anyMatch(p -> p.message().startsWith("gzip: the compressed data is damaged")),
                () -> "problems: " + result.problems());
    }

    @Test
    void compressionNestedPastTheLimitIsNotUndone(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of("test-captures", "tls12-chain.pcap"));
        for (int i = 0; i < 4; i++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
                gzip.write(bytes);
            }
            bytes = out.toByteArray();
        }
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(Files.write(dir.resolve("four-times.gz"), bytes));
        assertEquals(List.of(), result.handshakes());
        assertEquals(1, result.problems().size());
        assertEquals(List.of(new CaptureProblem.TooDeeplyCompressed(List.of(FileKind.GZIP, FileKind.GZIP, FileKind.GZIP,
                FileKind.GZIP))), result.problems());
        assertEquals("compressed 4 times over (gzip, gzip, gzip, gzip): more is not undone",
                result.problems().get(0).message());
    }

    /** Files that are not captures capcert reads are named for what they are, with what to do. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tls12-chain.netmon1 | NETMON_1 | a Microsoft Network Monitor 1.x file, which capcert does not read; convert it with `editcap",
            "tls12-chain.ngsniffer | SNIFFER_DOS | a Sniffer (DOS) capture",
            "tls12-chain.hexdump.txt | TEXT | a text file, not a capture; a text dump of packets",
            "tls12-chain.pdml | XML | an XML file",
            "tls12-chain.zip | ZIP | a ZIP archive; extract the capture from it",
            "tls12-chain.tar.gz | TAR | a tar archive; extract the capture from it and read that (inside gzip)",
            "server.pem | PEM | a PEM file (certificates or keys), not a capture; check certificate files in Checker.checkChain"})
    void filesThatAreNotCapturesAreNamed(String file, FileKind kind, String description) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("not-captures").resolve(file));
        assertEquals(List.of(), result.handshakes());
        assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
        assertEquals(kind, assertInstanceOf(CaptureProblem.NotACapture.class, result.problems().get(0)).kind());
        assertTrue(result.problems().get(0).message().startsWith(description), result.problems().get(0).message());
    }

    @Test
    void anEventTraceIsNamedWithTheCommandThatConvertsIt(@TempDir Path dir) throws IOException {
        // Hand-built: nothing here writes ETL. A 0x48-byte buffer header, then the first event's
        // SYSTEM_TRACE_HEADER marker for a 64-bit session (0xC0020002, little-endian).
        byte[] etl = new byte[0x100];
        etl[0] = 0x00;
        etl[1] = 0x00;
        etl[2] = 0x01;
        etl[0x48] = 0x02;
        etl[0x4a] = 0x02;
        etl[0x4b] = (byte) 0xc0;
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(Files.write(dir.resolve("trace.etl"), etl));
        assertTrue(result.problems().get(0).message().contains("`pktmon etl2pcap FILE`"), result.problems().toString());
    }

    @Test
    void libpcapIsGivenTheDecompressedCaptureAndTheFormatsItCannotReadAreNamed() {
        try {
            LibpcapReader.version();
        } catch (LibpcapUnavailableException e) {
            assumeTrue(false, "libpcap not installed: " + e.getMessage());
        }
        ScanOptions libpcap = new ScanOptions(java.util.Set.of(), Limits.defaults(), ScanOptions.Reader.LIBPCAP,
                java.util.Optional.empty());
        CaptureResult nested = new CaptureScanner(libpcap).scan(DIR.resolve("tls12-jdk.pcap.xz.gz"));
        assertEquals(List.of(), nested.problems());
        assertEquals(new CaptureScanner(ScanOptions.defaults()).scan(Path.of("test-captures", "tls12-jdk.pcap")).handshakes(),
                nested.handshakes());
        CaptureResult snoop = new CaptureScanner(libpcap).scan(DIR.resolve("tls12-chain.snoop"));
        assertEquals(List.of(), snoop.handshakes());
        assertEquals(FileKind.SNOOP, assertInstanceOf(CaptureProblem.NotForLibpcap.class, snoop.problems().get(0)).kind());
        assertEquals("libpcap reads only pcap and pcapng files, and this is a snoop file, which the built-in reader reads",
                snoop.problems().get(0).message());
    }

    // ---- link types: the shipped captures rewritten as 802.11, Cisco HDLC, NFLOG (recipe/relink.py) ----

    @ParameterizedTest
    @CsvSource({"tls12-chain.ieee80211.pcap, tls12-chain.pcap", "tls12-chain.radiotap.pcap, tls12-chain.pcap",
            "tls12-mutual.radiotap.pcap, tls12-mutual.pcap", "tls12-chain.ppi.pcap, tls12-chain.pcap",
            "tls12-chain.avs.pcap, tls12-chain.pcap", "tls12-chain.prism.pcap, tls12-chain.pcap",
            "tls12-chain.chdlc.pcap, tls12-chain.pcap", "tls12-chain.nflog.pcap, tls12-chain.pcap"})
    void otherLinkLayersCarryTheSameHandshakes(String relinked, String source) {
        CaptureResult original = new CaptureScanner(ScanOptions.defaults()).scan(Path.of("test-captures", source));
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("links").resolve(relinked));
        assertEquals(List.of(), result.problems());
        assertEquals(original.handshakes().size(), result.handshakes().size());
        for (int i = 0; i < original.handshakes().size(); i++) {
            Handshake o = original.handshakes().get(i), h = result.handshakes().get(i);
            assertEquals(List.of(o.client(), o.server(), o.version(), o.sni(), o.cipherSuite(), o.notes()),
                    List.of(h.client(), h.server(), h.version(), h.sni(), h.cipherSuite(), h.notes()));
            assertEquals(o.certificates().stream().map(c -> c.role() + " " + c.position() + " " + c.derValue().hashCode()).toList(),
                    h.certificates().stream().map(c -> c.role() + " " + c.position() + " " + c.derValue().hashCode()).toList());
        }
    }

    // ---- evidence and the rule against phantoms (make-input-captures.sh evidence) ---------------

    /** curl uploaded tls12-chain.pcap (POST, application/vnd.tcpdump.pcap), then downloaded it: the TLS inside is no handshake. */
    @Test
    void aCaptureUploadedAndDownloadedOverHttpYieldsNoHandshake() {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("http-upload-pcap.pcap"));
        assertEquals(List.of(), r.handshakes());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.evidence());
    }

    /** curl fetched a certificate, a CRL (sent chunked) and a PKCS#7 bundle over one kept-alive connection. */
    @Test
    void certificatesAndCrlsDownloadedOverHttpAreEvidence() throws IOException {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("http-aia-crl.pcap"));
        assertEquals(List.of(), r.handshakes());
        assertEquals(List.of(Evidence.Kind.CERTIFICATE, Evidence.Kind.CRL, Evidence.Kind.PKCS7),
                r.evidence().stream().map(Evidence::kind).toList());
        Evidence certificate = r.evidence().get(0);
        assertEquals("http://10.191.0.1:8080/intermediate-ca.cer", certificate.url().orElseThrow());
        assertEquals("application/pkix-cert", certificate.contentType().orElseThrow());
        assertEquals(Der.copyOf(der("intermediate-ca.crt")), certificate.content());
        assertEquals("10.191.0.2", certificate.client().host());
        byte[] crl;
        try (var in = Files.newInputStream(Path.of("test-captures", "trust", "intermediate-ca.crl"))) {
            crl = ((java.security.cert.X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in)).getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        assertEquals(Der.copyOf(crl), r.evidence().get(1).content(), "the chunked CRL put back together");
        assertEquals("http://10.191.0.1:8080/chain.p7c", r.evidence().get(2).url().orElseThrow());
    }

    /** openssl ocsp asked openssl's responder about server.crt and expe-revoked.crt (POST). */
    @Test
    void ocspOverHttpIsEvidence() {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("ocsp-http.pcap"));
        assertEquals(List.of(Evidence.Kind.OCSP_REQUEST, Evidence.Kind.OCSP_RESPONSE), r.evidence().stream().map(Evidence::kind).toList());
        assertEquals(Evidence.Carrier.HTTP_REQUEST, r.evidence().get(0).carrier());
        assertEquals("application/ocsp-response", r.evidence().get(1).contentType().orElseThrow());
    }

    /** openssl s_server -status_file stapled an OCSP response (TLS 1.2 CertificateStatus). */
    @Test
    void aStapledOcspResponseIsEvidenceNotChain() {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("ocsp-stapled.pcap"));
        assertEquals(1, r.handshakes().size());
        assertEquals(2, r.handshakes().get(0).certificates().size());
        assertEquals(1, r.evidence().size());
        Evidence stapled = r.evidence().get(0);
        assertEquals(Evidence.Kind.OCSP_RESPONSE, stapled.kind());
        assertEquals(Evidence.Carrier.TLS_STAPLED, stapled.carrier());
        assertEquals("expe.capcert.test", stapled.sni().orElseThrow());
        assertEquals(r.handshakes().get(0).server(), stapled.server());
        assertEquals(r.handshakes().get(0).firstFrame(), stapled.connectionFrame());
    }

    /**
     * openssl s_server -tls1_3 -status_file stapled the response in the leaf's status_request entry
     * extension, inside the encrypted Certificate message; the capture carries its key log.
     */
    @Test
    void aResponseStapledInTls13IsEvidenceLikeATls12One() {
        CaptureResult r = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("ocsp-stapled-tls13.pcapng"));
        assertEquals(1, r.handshakes().size());
        Handshake handshake = r.handshakes().get(0);
        assertEquals(2, handshake.certificates().size());
        assertEquals(1, r.evidence().size());
        Evidence stapled = r.evidence().get(0);
        assertEquals(Evidence.Kind.OCSP_RESPONSE, stapled.kind());
        assertEquals(Evidence.Carrier.TLS_STAPLED, stapled.carrier());
        assertEquals("expe.capcert.test", stapled.sni().orElseThrow());
        assertEquals(handshake.server(), stapled.server());
        assertEquals(handshake.firstFrame(), stapled.connectionFrame());
        CertificateEntry leaf = handshake.certificates().get(0);
        assertEquals(leaf.frame(), stapled.frame());
        assertEquals(leaf.stapledOcsp().orElseThrow(), stapled.content());
        assertTrue(handshake.certificates().get(1).stapledOcsp().isEmpty());
    }
}
