package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.testing.TestCertificates;
import capcert.tls.Role;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportCommandTest {

    private static final byte[] LEAF = TestCertificates.withCommonName("leaf.example");
    private static final byte[] CA = TestCertificates.withCommonName("Example CA");
    private static final String LEAF_NAME = CertificateDetails.decode(LEAF).sha256().substring(0, 16) + "_leaf.example";

    @TempDir
    Path tmp;
    Path site;
    Path out;

    @BeforeEach
    void files() throws Exception {
        site = Files.createFile(tmp.resolve("site.pcap"));
        out = tmp.resolve("out");
    }

    private Cli cli() {
        return new Cli().answer(site, capture("x", tls12(1, chain(Role.SERVER, 4, LEAF, CA))));
    }

    private List<String> written() throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void exportsCertificatesChainsAndIndex() throws Exception {
        Cli.Run run = cli().run("export", "-o", out.toString(), site.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals("Wrote 2 certificates, 1 chain and index.json (6 files) to " + out + "\n", run.out());
        assertArrayEquals(LEAF, Files.readAllBytes(out.resolve(LEAF_NAME + ".cer")));
        assertTrue(Files.isRegularFile(out.resolve("chains/site_4_server_" + LEAF_NAME + ".pem")));
        JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
        assertEquals(site.toString(), index.get("certificates").get(0).get("seen").get(0).get("capture").asText());
    }

    @Test
    void formatChoosesTheCertificateFiles() throws Exception {
        Cli.Run run = cli().run("export", "--format", "PEM", "-o", out.toString(), site.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(written().stream().noneMatch(f -> f.endsWith(".cer")), written().toString());
        assertTrue(written().contains(LEAF_NAME + ".pem"));
    }

    @Test
    void existingFileRefusesTheExportAndNamesIt() throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.json"), "mine");

        Cli.Run run = cli().run("export", "-o", out.toString(), site.toString());

        assertEquals(ExitCodes.FAILED, run.code());
        assertEquals(List.of("capcert: " + out.resolve("index.json") + ": already exists (use --force to overwrite)"),
                run.errLines());
        assertEquals(List.of("index.json"), written());
        assertEquals("", run.out());

        Cli.Run forced = cli().run("export", "--force", "-o", out.toString(), site.toString());

        assertEquals(0, forced.code(), forced.err());
        assertFalse(Files.readString(out.resolve("index.json")).equals("mine"));
    }

    @Test
    void plantedSymlinkIsRefusedInOneLine() throws Exception {
        Files.createDirectories(out);
        Path outside = Files.writeString(tmp.resolve("outside"), "keep");
        Files.createSymbolicLink(out.resolve(LEAF_NAME + ".pem"), outside);

        Cli.Run run = cli().run("export", "--force", "-o", out.toString(), site.toString());

        assertEquals(ExitCodes.FAILED, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains(LEAF_NAME + ".pem: is a symbolic link"), run.err());
        assertEquals("keep", Files.readString(outside));
    }

    @Test
    void problemsStillExportAndExitOne() throws Exception {
        Cli cli = new Cli().answer(site, capture("x", List.of(new CaptureProblem.Damaged(9, -1, "truncated frame")),
                tls12(1, chain(Role.SERVER, 4, LEAF))));

        Cli.Run run = cli.run("export", "-o", out.toString(), site.toString());

        assertEquals(1, run.code());
        assertEquals(List.of(site + ": frame 9: truncated frame"), run.errLines());
        assertTrue(written().contains(LEAF_NAME + ".cer"));
    }

    @Test
    void nothingReadableWritesNothing() {
        Cli.Run run = cli().run("export", "-o", out.toString(), tmp.resolve("nope.pcap").toString());

        assertEquals(1, run.code());
        assertEquals(List.of("capcert: " + tmp.resolve("nope.pcap") + ": no such file"), run.errLines());
        assertFalse(Files.exists(out));
    }

    @Test
    void outputIsRequiredAndFormatsChecked() {
        assertEquals(2, cli().run("export", site.toString()).code());
        assertEquals(2, cli().run("export", "-o", out.toString(), "--format", "p12", site.toString()).code());
        assertEquals(2, cli().run("export", "-o", out.toString()).code());
    }
}
