package capcert.export;

import capcert.testing.TestCaptures;
import capcert.testing.TestCertificates;
import capcert.tls.CaptureResult;
import capcert.tls.Role;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.concat;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExporterTest {

    private static final Set<CertificateFormat> BOTH = EnumSet.allOf(CertificateFormat.class);
    private static final byte[] LEAF = TestCertificates.withCommonName("leaf.example");
    private static final byte[] CA = TestCertificates.withCommonName("Example CA");
    private static final byte[] OTHER = TestCertificates.withCommonName("other.example");
    private static final byte[] GARBAGE = HexFormat.of().parseHex("30053084fffffffa04");

    @TempDir
    Path tmp;

    private Path out() {
        return tmp.resolve("out");
    }

    private static String name(byte[] der) {
        CertificateDetails d = CertificateDetails.decode(der);
        return SafeNames.certificate(d.sha256(), d.commonName());
    }

    private static CaptureResult twoConnectionsSharingACa() {
        return capture("/captures/site.pcap",
                tls12(1, chain(Role.SERVER, 4, LEAF, CA)),
                tls12(20, chain(Role.SERVER, 23, OTHER, CA)));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void writesEachCertificateOnceChainsAsSentAndAnIndex() throws Exception {
        ExportSummary summary = new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        String other = name(OTHER);
        assertEquals(List.of(
                name(CA) + ".cer", name(CA) + ".pem",
                "chains/site_23_server_" + other + ".pem",
                "chains/site_4_server_" + name(LEAF) + ".pem",
                "index.json",
                name(LEAF) + ".cer", name(LEAF) + ".pem",
                other + ".cer", other + ".pem").stream().sorted().toList(), listing(out()));
        assertEquals(3, summary.certificates());
        assertEquals(2, summary.chains());
        assertEquals(out().resolve("index.json"), summary.files().get(summary.files().size() - 1));
    }

    @Test
    void filesReadBackByteForByte() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        assertArrayEquals(LEAF, Files.readAllBytes(out().resolve(name(LEAF) + ".cer")));
        Certificate fromPem = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(out().resolve(name(LEAF) + ".pem"))));
        assertArrayEquals(LEAF, fromPem.getEncoded());
        var bundle = CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(Files.readAllBytes(out().resolve("chains/site_4_server_" + name(LEAF) + ".pem"))));
        assertEquals(2, bundle.size());
        assertArrayEquals(CA, bundle.stream().skip(1).findFirst().orElseThrow().getEncoded());
    }

    @Test
    void opensslReadsThePem() throws Exception {
        OpenSsl.assumeAvailable();
        new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        assertArrayEquals(CA, OpenSsl.pemToDer(out().resolve(name(CA) + ".pem")));
    }

    @Test
    void indexSaysWhatCarriedATunnelledHandshake() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(capture("/captures/ise.pcap",
                TestCaptures.eapTlsOverRadius(3, "alice", chain(Role.CLIENT, 7, LEAF)))));

        JsonNode seen = new ObjectMapper().readTree(out().resolve("index.json").toFile()).get("certificates").get(0)
                .get("seen").get(0);
        assertEquals("radius", seen.get("transport").asText());
        assertEquals("192.0.2.7:1645", seen.get("client").asText());
        assertEquals("EAP-TLS", seen.get("eap").get("method").asText());
        assertEquals("alice", seen.get("eap").get("identity").asText());
    }

    @Test
    void indexListsCertificatesWithWhereTheyWereSeenAndChains() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        JsonNode index = new ObjectMapper().readTree(out().resolve("index.json").toFile());
        JsonNode certs = index.get("certificates");
        assertEquals(3, certs.size());
        JsonNode leaf = certs.get(0);
        assertEquals(CertificateDetails.decode(LEAF).sha256(), leaf.get("sha256").asText());
        assertEquals("CN=leaf.example,O=Example", leaf.get("subject").asText());
        assertEquals("CN=Example CA,O=Example", leaf.get("issuer").asText());
        assertEquals("1234abcd", leaf.get("serial").asText());
        assertEquals("2024-01-01T00:00:00Z", leaf.get("notBefore").asText());
        assertEquals("2026-01-01T00:00:00Z", leaf.get("notAfter").asText());
        assertEquals(List.of(name(LEAF) + ".cer", name(LEAF) + ".pem"),
                List.of(leaf.get("files").get(0).asText(), leaf.get("files").get(1).asText()));
        assertFalse(leaf.has("parseError"));
        JsonNode seen = leaf.get("seen").get(0);
        assertEquals("/captures/site.pcap", seen.get("capture").asText());
        assertEquals("tcp", seen.get("transport").asText());
        assertEquals("192.0.2.10:51234", seen.get("client").asText());
        assertEquals("198.51.100.7:443", seen.get("server").asText());
        assertEquals(4, seen.get("frame").asLong());
        assertEquals("server", seen.get("role").asText());
        assertEquals(0, seen.get("position").asInt());

        JsonNode ca = certs.get(1);
        assertEquals(2, ca.get("seen").size());
        assertEquals(1, ca.get("seen").get(0).get("position").asInt());
        assertEquals(23, ca.get("seen").get(1).get("frame").asLong());

        JsonNode chain = index.get("chains").get(0);
        assertEquals("chains/site_4_server_" + name(LEAF) + ".pem", chain.get("file").asText());
        assertEquals(4, chain.get("frame").asLong());
        assertEquals("server", chain.get("role").asText());
        assertEquals(CertificateDetails.decode(CA).sha256(), chain.get("certificates").get(1).asText());
    }

    @Test
    void unparseableCertificateIsStillExportedAndFlagged() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(capture("bad.pcap", tls12(1, chain(Role.SERVER, 3, GARBAGE)))));

        String sha = CertificateDetails.decode(GARBAGE).sha256();
        assertArrayEquals(GARBAGE, Files.readAllBytes(out().resolve(sha.substring(0, 16) + ".cer")));
        assertEquals(CertificateFiles.pem(GARBAGE), Files.readString(out().resolve(sha.substring(0, 16) + ".pem")));
        JsonNode cert = new ObjectMapper().readTree(out().resolve("index.json").toFile()).get("certificates").get(0);
        assertEquals(sha, cert.get("sha256").asText());
        assertFalse(cert.get("parseError").asText().isEmpty());
        assertTrue(cert.get("notAfter").isNull());
    }

    @Test
    void onlyTheChosenFormatIsWritten() throws Exception {
        new Exporter(out(), EnumSet.of(CertificateFormat.PEM), false).export(List.of(twoConnectionsSharingACa()));

        assertTrue(listing(out()).stream().noneMatch(f -> f.endsWith(".cer")));
        assertTrue(Files.exists(out().resolve(name(LEAF) + ".pem")));
    }

    @Test
    void traversalInCommonNameStaysInsideTheDirectory() throws Exception {
        byte[] evil = TestCertificates.withCommonName("../../etc/passwd");
        new Exporter(out(), BOTH, false).export(List.of(capture("x.pcap", tls12(1, chain(Role.SERVER, 2, evil)))));

        String expected = CertificateDetails.decode(evil).sha256().substring(0, 16) + "__._etc_passwd";
        assertTrue(Files.isRegularFile(out().resolve(expected + ".cer")), listing(out()).toString());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertTrue(all.allMatch(p -> p.startsWith(out()) || p.equals(tmp)));
        }
    }

    @Test
    void hostileCommonNamesGiveHarmlessNames() throws Exception {
        byte[] device = TestCertificates.withCommonName("CON");
        byte[] control = TestCertificates.withCommonName("a\u001b[2Jb\u0007");
        byte[] huge = TestCertificates.withCommonName("h".repeat(300));
        new Exporter(out(), BOTH, false).export(List.of(capture("x.pcap",
                tls12(1, chain(Role.SERVER, 2, device, control, huge)))));

        List<String> files = listing(out());
        assertTrue(files.contains(name(device) + ".cer"));
        assertTrue(name(device).endsWith("_CON"));
        assertTrue(files.contains(name(control) + ".cer"));
        assertTrue(name(control).endsWith("_a_2Jb"));
        assertEquals(16 + 1 + SafeNames.MAX_COMPONENT, name(huge).length());
        assertTrue(files.contains(name(huge) + ".pem"));
    }

    @Test
    void symlinkPlantedAsATargetIsRefused() throws Exception {
        Files.createDirectories(out());
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "precious");
        Files.createSymbolicLink(out().resolve("index.json"), outside);

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> new Exporter(out(), BOTH, true).export(List.of(twoConnectionsSharingACa())));

        assertTrue(e.getMessage().contains("index.json"), e.getMessage());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("precious", Files.readString(outside));
        assertEquals(List.of(), listing(out()).stream().filter(f -> !f.equals("index.json")).toList());
    }

    @Test
    void symlinkPlantedAsTheChainsFolderIsRefused() throws Exception {
        Files.createDirectories(out());
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(out().resolve("chains"), elsewhere);

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> new Exporter(out(), BOTH, true).export(List.of(twoConnectionsSharingACa())));

        assertTrue(e.getMessage().contains("chains"), e.getMessage());
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
        try (Stream<Path> files = Files.list(out())) {
            assertEquals(List.of(out().resolve("chains")), files.toList());
        }
    }

    @Test
    void existingFileStopsTheExportBeforeAnythingIsWritten() throws Exception {
        Files.createDirectories(out());
        Files.writeString(out().resolve(name(CA) + ".pem"), "mine");

        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa())));

        assertTrue(e.getMessage().contains(name(CA) + ".pem"), e.getMessage());
        assertEquals(List.of(name(CA) + ".pem"), listing(out()));
        assertEquals("mine", Files.readString(out().resolve(name(CA) + ".pem")));
    }

    @Test
    void forceOverwrites() throws Exception {
        Files.createDirectories(out());
        Files.writeString(out().resolve(name(CA) + ".pem"), "mine");

        new Exporter(out(), BOTH, true).export(List.of(twoConnectionsSharingACa()));

        assertEquals(CertificateFiles.pem(CA), Files.readString(out().resolve(name(CA) + ".pem")));
    }

    @Test
    void exportingTwiceNeedsForce() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        assertThrows(FileAlreadyExistsException.class,
                () -> new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa())));
        new Exporter(out(), BOTH, true).export(List.of(twoConnectionsSharingACa()));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(twoConnectionsSharingACa()));

        assertTrue(listing(out()).stream().noneMatch(f -> f.contains(".tmp") || f.startsWith(".")));
    }

    @Test
    void outputThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");

        FileSystemException e = assertThrows(FileSystemException.class,
                () -> new Exporter(file, BOTH, false).export(List.of(twoConnectionsSharingACa())));

        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void capturesWithTheSameNameGetDistinctChainFiles() throws Exception {
        new Exporter(out(), BOTH, false).export(List.of(
                capture("a/site.pcap", tls12(1, chain(Role.SERVER, 4, LEAF))),
                capture("b/site.pcap", tls12(1, chain(Role.SERVER, 4, LEAF)))));

        List<String> chains = listing(out()).stream().filter(f -> f.startsWith("chains/")).toList();
        assertEquals(List.of("chains/site-2_4_server_" + name(LEAF) + ".pem",
                "chains/site_4_server_" + name(LEAF) + ".pem"), chains);
    }

    @Test
    void bothRolesAndRenegotiationGiveSeparateBundles() throws Exception {
        byte[] client = TestCertificates.withCommonName("client.example");
        new Exporter(out(), BOTH, false).export(List.of(capture("m.pcap", tls12(1, concat(
                chain(Role.SERVER, 4, LEAF, CA),
                chain(Role.CLIENT, 6, client),
                chain(Role.SERVER, 40, LEAF, CA))))));

        assertEquals(List.of("chains/m_40_server_" + name(LEAF) + ".pem",
                        "chains/m_4_server_" + name(LEAF) + ".pem",
                        "chains/m_6_client_" + name(client) + ".pem"),
                listing(out()).stream().filter(f -> f.startsWith("chains/")).toList());
    }

    @Test
    void sharedShortFingerprintFallsBackToTheFullHash() {
        String prefix = "0123456789abcdef";
        CertificateDetails a = fake(prefix + "a".repeat(48), "Same");
        CertificateDetails b = fake(prefix + "b".repeat(48), "same");
        CertificateDetails c = fake("f".repeat(64), "Same");
        Map<String, CertificateDetails> all = new LinkedHashMap<>();
        all.put("a", a);
        all.put("b", b);
        all.put("c", c);

        Map<String, String> names = ExportPlan.fileNames(all);

        assertEquals(a.sha256() + "_Same", names.get("a"));
        assertEquals(b.sha256() + "_same", names.get("b"));
        assertEquals("ffffffffffffffff_Same", names.get("c"));
    }

    private static CertificateDetails fake(String sha256, String cn) {
        return new CertificateDetails(sha256, "", "", "", "", Optional.empty(), Optional.empty(), cn, List.of(),
                Optional.empty(), Optional.empty());
    }
}
