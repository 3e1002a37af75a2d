package capcert.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile inputs of issue 16, made at test time into {@code target/hostile/} and read by the
 * jar as built, in a JVM of its own with a 256 MB heap and the default limits. Each run ends with
 * a clean exit code and a message, the capture after the hostile one is still read, and the
 * valid certificates before the damage are still listed. {@code bench/hostile.sh} times the same
 * runs for the README.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "FIFOs and /dev/zero")
class HostileInputIT {

    private static final Path TARGET = Path.of(System.getProperty("capcert.target", "target"));
    private static final Path JAR = TARGET.resolve("capcert.jar");
    private static final Path DIR = TARGET.resolve("hostile");
    /** Read after each hostile input: its server leaf must be listed. */
    private static final String LATER = "test-captures/tls12-mutual.pcap";
    private static final String LATER_LEAF = "df8e548936b37ac7";
    private static final String BUDGET = "memory budget of 32 MB reached";
    private static final String RAISE_BUDGET = "(raise it with --max-memory";

    private static String validLeaf;

    private record Run(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n--- out\n" + cut(out) + "\n--- err\n" + cut(err);
        }

        private static String cut(String text) {
            return text.length() > 4000 ? text.substring(0, 4000) + "…" : text;
        }
    }

    @BeforeAll
    static void inputs() throws Exception {
        Files.createDirectories(DIR);
        byte[] leaf = MakeHostileInputs.validChain().get(0);
        validLeaf = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf)).substring(0, 16);
    }

    /** Reproduction 1: a certificate entry of 10,000 nested {@code 30 80}, in every command and both readers. */
    @Test
    void nestedIndefiniteLengthsCostOneCertificate() throws Exception {
        Path capture = MakeHostileInputs.berBomb(DIR);
        String why = "not decoded: nested more than 64 levels deep";

        Run json = capcert("list", "--json", capture.toString(), LATER);
        assertEquals(0, json.code(), json.all());
        JsonNode document = new ObjectMapper().readTree(json.out());
        JsonNode bomb = document.at("/captures/0/handshakes/1/certificates/1");
        assertEquals(why, bomb.path("parseError").asText(), json.all());
        assertTrue(document.at("/captures/0/handshakes/0/certificates/0/sha256").asText().startsWith(validLeaf), json.all());
        assertTrue(document.at("/captures/1/handshakes/0/certificates/0/sha256").asText().startsWith(LATER_LEAF), json.all());

        for (List<String> command : List.of(List.of("list", "--width", "400"), List.of("list", "--reader", "libpcap", "--width", "400"),
                List.of("diff"))) {
            if (command.contains("libpcap") && !libpcapInstalled()) continue;
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of(capture.toString(), LATER));
            Run run = capcert(args.toArray(String[]::new));
            // diff, like diff(1), exits 1 because the two captures' chains differ; nothing goes to standard error.
            assertEquals(command.get(0).equals("diff") ? 1 : 0, run.code(), run.all());
            assertFalse(run.err().contains("Error"), run.all());
            if (command.get(0).equals("list")) {
                assertTrue(run.out().contains(why) && run.out().contains(validLeaf) && run.out().contains(LATER_LEAF), run.all());
            }
        }
        Run check = capcert("check", "--wide", capture.toString(), LATER);
        assertEquals(3, check.code(), check.all());
        assertTrue(check.out().contains("cannot be read as a certificate: " + why) && check.out().contains(LATER), check.all());

        Path exported = DIR.resolve("ber-bomb-export");
        deleteTree(exported);
        Run export = capcert("export", "-o", exported.toString(), capture.toString(), LATER);
        assertEquals(0, export.code(), export.all());
        try (Stream<Path> files = Files.list(exported)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith(validLeaf)) && names.stream().anyMatch(n -> n.startsWith(LATER_LEAF)),
                    names.toString());
        }

        Path report = DIR.resolve("ber-bomb.html");
        Files.deleteIfExists(report);
        Run reported = capcert("report", "-o", report.toString(), capture.toString(), LATER);
        assertEquals(3, reported.code(), reported.all());
        String html = Files.readString(report);
        assertTrue(html.contains(why) && html.contains(LATER_LEAF) && html.endsWith("</html>\n"), reported.all());
    }

    /** 150,000 levels of definite-length nesting: refused by the same bound. */
    @Test
    void deepDefiniteNestingCostsOneCertificate() throws Exception {
        Path capture = MakeHostileInputs.deepDefinite(DIR);
        Run run = capcert("list", "--width", "400", capture.toString(), LATER);
        assertEquals(0, run.code(), run.all());
        assertTrue(run.out().contains("is not a certificate") || run.out().contains("nested more than 64 levels deep"), run.all());
        assertTrue(run.out().contains(validLeaf) && run.out().contains(LATER_LEAF), run.all());
    }

    /** Reproduction 2: 24 connections each gathering a 15 MB Certificate message (a 380 MB capture). */
    @Test
    void messagesBeingGatheredAreChargedToTheBudget() throws Exception {
        Path capture = MakeHostileInputs.gathering(DIR);
        try {
            assertBudgetReached(capcert("list", capture.toString(), LATER));
        } finally {
            Files.deleteIfExists(capture);
        }
    }

    /** Reproduction 3: 190,000 half-open connections, under the default --max-connections. */
    @Test
    void halfOpenConnectionsAreChargedToTheBudget() throws Exception {
        Path capture = MakeHostileInputs.halfOpen(DIR);
        assertBudgetReached(capcert("list", capture.toString(), LATER));
    }

    /**
     * Reproduction 8: running out of memory anyway (a budget set above what the heap holds) ends the
     * same way in every command: exit 4 and the memory hint, once.
     */
    @Test
    void outOfMemoryAnywhereIsExitFourAndTheHintOnce() throws Exception {
        Path capture = MakeHostileInputs.halfOpen(DIR);
        for (String command : List.of("list", "check")) {
            Run run = capcert(command, "--max-memory", "4G", capture.toString(), LATER);
            assertEquals(4, run.code(), run.all());
            assertEquals(1, occurrences(run.err(), "out of memory"), run.all());
            assertTrue(run.err().contains("-Xmx4g"), run.all());
            assertFalse(run.err().contains("internal error") || run.err().contains("Exception"), run.all());
        }
    }

    /** Reproduction 5: a pcapng with 10 million Interface Description Blocks (200 MB). */
    @Test
    void interfaceTablesAreChargedToTheBudget() throws Exception {
        Path capture = MakeHostileInputs.interfaces(DIR);
        try {
            Run run = assertBudgetReached(capcert("list", capture.toString(), LATER));
            assertTrue(run.err().contains("and those after it are past the memory budget: their packets are not read"), run.all());
        } finally {
            Files.deleteIfExists(capture);
        }
    }

    private static Run assertBudgetReached(Run run) {
        assertEquals(1, run.code(), run.all());
        assertEquals(1, occurrences(run.err(), BUDGET), run.all());
        assertEquals(1, occurrences(run.err(), RAISE_BUDGET), run.all());
        assertTrue(run.out().contains(validLeaf) && run.out().contains(LATER_LEAF), run.all());
        assertFalse(run.err().contains("internal error") || run.err().contains("out of memory"), run.all());
        return run;
    }

    /**
     * 300 servers each stapling its own 1 MB OCSP response (a 315 MB capture): evidence is kept to the
     * end of the scan and cannot be reclaimed, so it holds at most its share of the budget.
     */
    @Test
    void stapledResponsesHoldTheirShareOfTheBudget() throws Exception {
        Path capture = MakeHostileInputs.stapling(DIR);
        try {
            Run json = capcert("list", "--json", capture.toString(), LATER);
            assertEquals(1, json.code(), json.all());
            JsonNode document = new ObjectMapper().readTree(json.out());
            JsonNode stapling = document.at("/captures/0");
            assertEquals(300, stapling.get("handshakes").size(), json.all());
            int kept = stapling.get("evidence").size();
            assertTrue(kept > 0 && kept < 300, "some responses listed, not all: " + kept);
            assertEquals(1, occurrences(json.err(), "certificates, OCSP messages and CRLs outside handshakes over 16777216 bytes,"
                    + " their share of the memory budget; the rest are not listed " + RAISE_BUDGET), json.all());
            assertTrue(document.at("/captures/1/handshakes/0/certificates/0/sha256").asText().startsWith(LATER_LEAF), json.all());
            assertFalse(json.err().contains("internal error") || json.err().contains("out of memory"), json.all());
        } finally {
            Files.deleteIfExists(capture);
        }
    }

    /** Reproduction 4: a certificate of 1,000,000 SANs, listed and checked with the cut said. */
    @Test
    void sanBombIsCutInDecodingAndChecking() throws Exception {
        Path capture = MakeHostileInputs.sanBomb(DIR);
        String cut = "subjectAltName holds 1000000 entries; the first 10000 read";
        Run check = capcert("check", "--wide", "--profile", "expressway", capture.toString(), LATER);
        assertEquals(3, check.code(), check.all());
        assertTrue(check.out().contains(cut) && check.out().contains(LATER), check.all());
        Run json = capcert("list", "--json", capture.toString(), LATER);
        assertEquals(0, json.code(), json.all());
        JsonNode certificate = new ObjectMapper().readTree(json.out()).at("/captures/0/handshakes/0/certificates/0");
        assertEquals(1_000_000, certificate.at("/entriesCut/entries").asInt(), json.all());
        assertEquals(10_000, certificate.at("/entriesCut/kept").asInt(), json.all());
    }

    /** Reproduction 6: a report of 20,000 handshakes, written as it is made. */
    @Test
    void reportOfTwentyThousandHandshakesIsWrittenAsItIsMade() throws Exception {
        Path capture = DIR.resolve("report-20000.pcap");
        if (!Files.exists(capture)) {
            Run generated = run(List.of(java(), "bench/GenerateCapture.java", "--size", "40M", "--seed", "16", "--handshakes",
                    "20000", "--servers", "50", "--format", "pcap", "-o", capture.toString()));
            assertEquals(0, generated.code(), generated.all());
        }
        Path report = DIR.resolve("report-20000.html");
        Files.deleteIfExists(report);
        Run run = capcert("report", "-o", report.toString(), capture.toString(), LATER);
        assertEquals(3, run.code(), run.all());
        assertTrue(run.out().contains("20001 handshakes"), run.all());
        String end = tail(report, 64);
        assertTrue(end.endsWith("</html>\n"), end);
    }

    /** Reproduction 7: a file planted in the output folder mid-run is never replaced without --force. */
    @Test
    void exportNeverReplacesAFilePlantedMidRun() throws Exception {
        Path capture = DIR.resolve("report-20000.pcap");
        if (!Files.exists(capture)) reportOfTwentyThousandHandshakesIsWrittenAsItIsMade();
        Path out = DIR.resolve("race-export");
        deleteTree(out);
        Path index = out.resolve("index.json");
        byte[] planted = "planted\n".getBytes(StandardCharsets.US_ASCII);
        Thread planter = new Thread(() -> {
            try {
                while (!Files.isDirectory(out.resolve("chains"))) Thread.sleep(1);
                Files.write(index, planted);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        planter.start();
        Run run = capcert("export", "-o", out.toString(), capture.toString());
        planter.join(TimeUnit.MINUTES.toMillis(1));
        assertEquals(4, run.code(), run.all());
        assertTrue(run.err().contains("index.json: already exists (use --force to overwrite)"), run.all());
        assertTrue(Arrays.equals(planted, Files.readAllBytes(index)), "index.json was replaced");
    }

    /** Reproduction 9: trust inputs without a size (a device, a FIFO), and damaged keystores named by their kind. */
    @Test
    void trustInputsAreBoundedAndNamed() throws Exception {
        Run zero = capcert("check", "--trust", "/dev/zero", LATER);
        assertEquals(1, zero.code(), zero.all());
        assertTrue(zero.err().contains("/dev/zero: too large for a certificate file"), zero.all());

        Path fifo = DIR.resolve("endless.fifo");
        Files.deleteIfExists(fifo);
        assertEquals(0, run(List.of("mkfifo", fifo.toString())).code());
        Thread writer = new Thread(() -> {
            byte[] block = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(fifo)) {
                while (true) out.write(block);
            } catch (IOException e) {
                // The reader stopped reading: the bound held.
            }
        });
        writer.setDaemon(true);
        writer.start();
        Run endless = capcert("check", "--trust", fifo.toString(), LATER);
        assertEquals(1, endless.code(), endless.all());
        assertTrue(endless.err().contains("too large for a certificate file"), endless.all());

        for (String type : List.of("JKS", "PKCS12")) {
            Path damaged = MakeHostileInputs.damagedKeystore(DIR, type);
            Run run = capcert("check", "--trust", damaged.toString(), LATER);
            assertEquals(1, run.code(), run.all());
            assertTrue(run.err().contains(type.equals("JKS") ? "damaged JKS keystore" : "damaged PKCS#12 keystore"), run.all());
        }

        Run missingFolder = capcert("report", "-o", DIR.resolve("no/such/folder/report.html").toString(), LATER);
        assertEquals(4, missingFolder.code(), missingFolder.all());
        assertEquals("capcert: " + DIR.resolve("no/such/folder").toAbsolutePath() + ": no such folder to write the report in\n",
                missingFolder.err());
    }

    private static Run capcert(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(DIR, "out", ".txt");
        Path err = Files.createTempFile(DIR, "err", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 5 minutes: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean libpcapInstalled() {
        return Stream.of("/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8")
                .anyMatch(p -> Files.exists(Path.of(p)));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }

    private static String tail(Path file, int bytes) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(bytes, channel.size()));
            channel.read(buffer, channel.size() - buffer.capacity());
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
