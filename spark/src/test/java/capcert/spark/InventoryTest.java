package capcert.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import capcert.tls.CaptureScanner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inventory job in local mode over the shipped captures, checked against what {@code capcert list --json}
 * and {@code capcert check --json} (the root build's target/capcert.jar) say of the same files.
 */
class InventoryTest {

    static final Path ROOT = Path.of(System.getProperty("capcert.root", "..")).toAbsolutePath().normalize();
    static final Path CAPTURES = ROOT.resolve("test-captures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path TRUST = CAPTURES.resolve("trust/root-only.pem");
    /** {@code --keylog FILE} for each shipped key log that belongs to a shipped capture (of the same name). */
    private static final List<String> KEYLOGS = keyLogs();
    /** The same key logs in one file, for capcert's command line, which takes one --keylog. */
    private static Path allKeyLogs;

    /**
     * The shipped captures' inventory as JSON lines, with their key logs, checked with the Expressway profile
     * and a trust list.
     */
    @TempDir
    static Path shared;
    private static Path checked;
    private static Result checkedRun;

    @TempDir
    Path temp;

    @BeforeAll
    static void inventoryOfTheShippedCaptures() {
        checked = shared.resolve("checked");
        allKeyLogs = shared.resolve("shipped.keys");
        try {
            for (int i = 1; i < KEYLOGS.size(); i += 2) {
                Files.write(allKeyLogs, Files.readAllBytes(Path.of(KEYLOGS.get(i))), java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--input", CAPTURES.toString(), "--output", checked.toString(),
                "--format", "json", "--profile", "expressway", "--trust", TRUST.toString()));
        args.addAll(KEYLOGS);
        checkedRun = inventory(args.toArray(String[]::new));
        assertEquals(0, checkedRun.code, checkedRun.err);
    }

    private static List<String> keyLogs() {
        List<String> args = new ArrayList<>();
        try (Stream<Path> logs = Files.list(CAPTURES.resolve("keylogs"))) {
            for (Path log : logs.sorted().toList()) {
                String capture = log.getFileName().toString().replaceFirst("\\.keys$", ".pcap");
                if (Files.exists(CAPTURES.resolve(capture))) args.addAll(List.of("--keylog", log.toString()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(args.size() >= 20, "the key logs of the TLS 1.3 and QUIC captures: " + args);
        return args;
    }

    private static JsonNode listed;

    /** {@code capcert list --json} with the key logs, on every shipped capture, read once. */
    private static synchronized JsonNode listed() throws IOException, InterruptedException {
        if (listed == null) listed = capcertWithKeyLogs("list", "--json");
        return listed;
    }

    /** capcert's command line with the key logs, on every shipped capture. */
    private static JsonNode capcertWithKeyLogs(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--keylog", allKeyLogs.toString()));
        all.add(CAPTURES.toString());
        return capcert(all.toArray(String[]::new));
    }

    @Test
    void occurrencesNameExactlyTheCertificatesListNames() throws Exception {
        Path out = checked;
        Result result = checkedRun;

        JsonNode list = listed();
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, JsonNode> expectedFields = new HashMap<>();
        Map<String, Integer> problems = new TreeMap<>();
        int handshakes = 0;
        for (JsonNode capture : list.get("captures")) {
            String file = Path.of(capture.get("file").asText()).getFileName().toString();
            for (JsonNode p : capture.get("problems")) {
                problems.merge(String.join(" ", file, p.get("frame").asText(), p.get("offset").asText(), p.get("message").asText()), 1, Integer::sum);
            }
            for (JsonNode h : capture.get("handshakes")) {
                handshakes++;
                for (JsonNode c : h.get("certificates")) {
                    String key = occurrence(file, h.get("firstFrame").asLong(), h.get("client").asText(), h.get("server").asText(),
                            c.get("role").asText(), c.get("position").asInt(), c.get("frame").asLong(), c.get("sha256").asText());
                    expected.merge(key, 1, Integer::sum);
                    expectedFields.put(c.get("sha256").asText(), c);
                }
            }
        }
        assertTrue(expected.size() > 40, "the shipped captures hold dozens of certificates: " + expected.size());

        List<JsonNode> occurrences = rows(out.resolve(Inventory.OCCURRENCES));
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode o : occurrences) {
            String file = Path.of(o.get("capture").asText()).getFileName().toString();
            found.merge(occurrence(file, o.get("firstFrame").asLong(), o.get("client").asText(), o.get("server").asText(),
                    o.get("role").asText(), o.get("position").asInt(), o.get("frame").asLong(), o.get("sha256").asText()), 1, Integer::sum);
            JsonNode listed = expectedFields.get(o.get("sha256").asText());
            for (String field : List.of("subject", "issuer", "serial")) {
                assertEquals(listed.get(field).asText(), o.get(field).asText(), field + " of " + o);
            }
            for (String field : List.of("notBefore", "notAfter")) {
                assertEquals(Instant.parse(listed.get(field).asText()), Instant.parse(o.get(field).asText()), field + " of " + o);
            }
            assertEquals(listed.has("parseError"), !o.get("parseError").isNull(), "parseError of " + o);
            assertTrue(o.get("subjectAltNames").isArray(), "every decoded field, SANs too: " + o);
            assertEquals(64, o.get("sha256").asText().length());
        }
        assertEquals(expected, found);

        List<JsonNode> handshakeRows = rows(out.resolve(Inventory.HANDSHAKES));
        assertEquals(handshakes, handshakeRows.size());
        long certificates = handshakeRows.stream().mapToLong(h -> h.get("certificates").asLong()).sum();
        assertEquals(occurrences.size(), certificates);
        assertTrue(handshakeRows.stream().anyMatch(h -> h.get("notes").toString().contains("TLS 1.3")), "TLS 1.3 handshake noted");

        List<JsonNode> distinct = rows(out.resolve(Inventory.CERTIFICATES));
        assertEquals(expectedFields.keySet(), distinct.stream().map(d -> d.get("sha256").asText()).collect(java.util.stream.Collectors.toSet()));
        Map<String, Integer> perCertificate = new HashMap<>();
        for (JsonNode o : occurrences) perCertificate.merge(o.get("sha256").asText(), 1, Integer::sum);
        for (JsonNode d : distinct) {
            assertEquals(perCertificate.get(d.get("sha256").asText()).intValue(), d.get("occurrences").asInt(), d.toString());
            assertFalse(Instant.parse(d.get("firstSeen").asText()).isAfter(Instant.parse(d.get("lastSeen").asText())), d.toString());
        }

        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode e : rows(out.resolve(Inventory.ERRORS))) {
            assertTrue(e.get("kind").asText().matches("\\w+Problem\\.\\w+|\\w+LimitReached"), "a problem kind: " + e);
            errors.merge(String.join(" ", Path.of(e.get("capture").asText()).getFileName().toString(), e.get("frame").asText(),
                    e.get("offset").asText(), e.get("message").asText()), 1, Integer::sum);
        }
        assertEquals(problems, errors, "the problems list reports");
        List<JsonNode> captures = rows(out.resolve(Inventory.CAPTURES));
        assertEquals(list.get("captures").size(), captures.size());
        for (JsonNode c : captures) {
            assertEquals(c.get("size").asLong(), c.get("bytesRead").asLong(), "read to the end: " + c);
            assertEquals(c.get("problems").asLong() == 0 ? "read" : "problems", c.get("status").asText(), c.toString());
        }
        assertTrue(result.out.contains(String.format("%,d certificate occurrences", expected.values().stream().mapToInt(Integer::intValue).sum())), result.out);
    }

    @Test
    void tls13CertificatesComeThroughKeyLogsAndSecretsBlocks() throws Exception {
        // With the key logs: every certificate capcert list decrypts, credited to the key log that decrypted it.
        Set<String> expected = new TreeSet<>();
        for (JsonNode capture : listed().get("captures")) {
            String file = Path.of(capture.get("file").asText()).getFileName().toString();
            for (JsonNode h : capture.get("handshakes")) {
                if (!h.path("decryption").path("certificatesDecrypted").asBoolean()) continue;
                for (JsonNode c : h.get("certificates")) {
                    expected.add(String.join(" ", file, h.get("firstFrame").asText(), h.get("version").asText(),
                            c.get("role").asText(), c.get("position").asText(), c.get("sha256").asText()));
                }
            }
        }
        for (String capture : List.of("tls13-aes-128-gcm.pcap", "tls13-mutual.pcap", "quic-v1.pcap", "tls13-secrets-block.pcapng")) {
            assertTrue(expected.stream().anyMatch(k -> k.startsWith(capture + " ")), capture + " decrypted: " + expected);
        }
        Set<String> found = new TreeSet<>();
        for (JsonNode o : rows(checked.resolve(Inventory.OCCURRENCES))) {
            if (o.get("keySource").isNull()) continue;
            String file = Path.of(o.get("capture").asText()).getFileName().toString();
            found.add(String.join(" ", file, o.get("firstFrame").asText(), o.get("version").asText(), o.get("role").asText(),
                    o.get("position").asText(), o.get("sha256").asText()));
            // Each decrypted by its own key log (the secrets block's capture by the key log its secrets came from).
            String own = file.replaceFirst("\\.pcap$", ".keys");
            if (KEYLOGS.stream().anyMatch(log -> log.endsWith("/" + own))) assertEquals(own, o.get("keySource").asText(), o.toString());
        }
        assertEquals(expected, found);

        // Without them, a TLS 1.3 capture shows no certificate and says why; a pcapng capture carrying its own
        // secrets (a Decryption Secrets Block) still shows its chain.
        Path out = temp.resolve("without-key-logs");
        Result result = inventory("--input", CAPTURES.resolve("tls13-aes-128-gcm.pcap").toString(),
                CAPTURES.resolve("tls13-secrets-block.pcapng").toString(), "--output", out.toString(), "--format", "json");
        assertEquals(0, result.code, result.err);
        Map<String, String> sources = new TreeMap<>();
        for (JsonNode o : rows(out.resolve(Inventory.OCCURRENCES))) {
            sources.merge(Path.of(o.get("capture").asText()).getFileName().toString(), o.get("keySource").asText(), (a, b) -> a);
        }
        assertEquals(Map.of("tls13-secrets-block.pcapng", CaptureScanner.SECRETS_BLOCK), sources);
        Map<String, String> notes = new TreeMap<>();
        for (JsonNode h : rows(out.resolve(Inventory.HANDSHAKES))) {
            List<String> kinds = new ArrayList<>();
            for (JsonNode n : h.get("notes")) kinds.add(n.get("kind").asText() + ": " + n.get("message").asText());
            notes.put(Path.of(h.get("capture").asText()).getFileName().toString(), String.join("; ", kinds));
        }
        assertEquals(Map.of("tls13-aes-128-gcm.pcap", "Note.CertificatesEncrypted: certificates encrypted (TLS 1.3)",
                "tls13-secrets-block.pcapng", ""), notes);
    }

    @Test
    void evidenceIsWhatListFindsOutsideHandshakes() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode capture : listed().get("captures")) {
            String file = Path.of(capture.get("file").asText()).getFileName().toString();
            for (JsonNode e : capture.path("evidence")) expected.merge(evidence(file, e), 1, Integer::sum);
        }
        assertTrue(expected.keySet().stream().anyMatch(k -> k.contains(" crl ")), "a CRL download: " + expected.keySet());
        assertTrue(expected.keySet().stream().anyMatch(k -> k.contains(" ocsp-response tls-stapled ")), "a stapled OCSP response");
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode e : rows(checked.resolve(Inventory.EVIDENCE))) {
            found.merge(evidence(Path.of(e.get("capture").asText()).getFileName().toString(), e), 1, Integer::sum);
            for (JsonNode c : e.get("certificates")) assertTrue(c.get("subjectAltNames").isArray(), "fully decoded: " + c);
        }
        assertEquals(expected, found);
    }

    /** What says which piece of evidence it is and what it holds, in list's JSON and in the table alike. */
    private static String evidence(String file, JsonNode e) {
        List<String> certificates = new ArrayList<>();
        for (JsonNode c : e.get("certificates")) certificates.add(c.get("sha256").asText());
        List<String> answers = new ArrayList<>();
        JsonNode ocsp = e.get("ocsp");
        boolean isOcsp = ocsp != null && !ocsp.isNull();
        if (isOcsp) {
            JsonNode list = ocsp.has("certificates") ? ocsp.get("certificates") : ocsp.get("answers");
            for (JsonNode a : list) answers.add(a.get("serial").asText() + "=" + a.get("status").asText());
        }
        JsonNode crl = e.get("crl");
        return String.join(" ", file, e.get("kind").asText(), e.get("carrier").asText(), e.get("frame").asText(),
                e.get("connectionFrame").asText(), e.get("url").asText(), e.get("sha256").asText(), e.get("length").asText(),
                String.join(",", certificates), isOcsp ? ocsp.get("status").asText() + " " + answers : "-",
                crl == null || crl.isNull() ? "-" : crl.get("issuer").asText() + " " + crl.get("revoked").asText(),
                Boolean.toString(e.has("parseError") && !e.get("parseError").isNull()));
    }

    private static String occurrence(String file, long firstFrame, String client, String server, String role, int position,
                                     long frame, String sha256) {
        return String.join(" ", file, Long.toString(firstFrame), client, server, role, Integer.toString(position),
                Long.toString(frame), sha256);
    }

    @Test
    void verdictsAreCheck() throws Exception {
        Path out = checked;
        Result result = checkedRun;
        JsonNode check = capcertWithKeyLogs("check", "--json", "--profile", "expressway", "--trust", TRUST.toString());
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, String> worst = new TreeMap<>();
        for (JsonNode capture : check.get("captures")) {
            String file = Path.of(capture.get("file").asText()).getFileName().toString();
            for (JsonNode h : capture.get("handshakes")) {
                String severity = "PASS";
                for (JsonNode v : h.get("verdicts")) {
                    expected.merge(verdict(file, h.get("firstFrame").asLong(), v), 1, Integer::sum);
                    if (rank(v.get("severity").asText()) > rank(severity)) severity = v.get("severity").asText();
                }
                worst.put(file + " " + h.get("firstFrame").asLong(), severity);
            }
        }
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode v : rows(out.resolve(Inventory.VERDICTS))) {
            found.merge(verdict(Path.of(v.get("capture").asText()).getFileName().toString(), v.get("firstFrame").asLong(), v), 1, Integer::sum);
        }
        assertEquals(expected, found);
        assertTrue(expected.keySet().stream().anyMatch(k -> k.contains(" FAIL ")), "some chain fails: " + expected.keySet());

        Map<String, String> foundWorst = new TreeMap<>();
        for (JsonNode h : rows(out.resolve(Inventory.HANDSHAKES))) {
            foundWorst.put(Path.of(h.get("capture").asText()).getFileName() + " " + h.get("firstFrame").asLong(), h.get("worst").asText());
        }
        assertEquals(worst, foundWorst);
        assertTrue(result.out.contains(String.format("%,d verdicts", found.values().stream().mapToInt(Integer::intValue).sum())), result.out);
    }

    @Test
    void crlFilesJudgeRevocationAsCheckDoes() throws Exception {
        List<JsonNode> verdicts = verdictsAsCheckGives(CAPTURES.resolve("revoked.pcap"),
                "--trust", TRUST.toString(), "--crl", CAPTURES.resolve("trust/intermediate-ca.crl").toString());
        assertTrue(verdicts.stream().anyMatch(v -> is(v, "VD2", "FAIL") && v.get("message").asText().contains("was revoked")),
                verdicts.toString());
    }

    /** The path validation options and --at are check's: an intermediate trusted alone, a time after every expiry. */
    @Test
    void pathOptionsAndTheCheckTimeJudgeAsCheckDoes() throws Exception {
        Path capture = CAPTURES.resolve("tls12-chain.pcap");
        String intermediate = CAPTURES.resolve("trust/intermediate-only.pem").toString();
        List<JsonNode> rootsOnly = verdictsAsCheckGives(capture, "--trust", intermediate);
        assertTrue(rootsOnly.stream().anyMatch(v -> is(v, "CH2", "FAIL") && v.get("remedy").asText().contains("(--partial-chain)")),
                "a trusted intermediate is no anchor without --partial-chain, and the remedy names the inventory's option: " + rootsOnly);
        List<JsonNode> partial = verdictsAsCheckGives(capture, "--trust", intermediate, "--partial-chain", "--max-depth", "0",
                "--at", "2050-01-01");
        assertTrue(partial.stream().noneMatch(v -> is(v, "CH2", "FAIL")), partial.toString());
        assertTrue(partial.stream().anyMatch(v -> is(v, "VD1", "FAIL") && v.get("message").asText().contains("2050-01-01")),
                "judged at --at: " + partial);
        Result refused = inventory("--input", capture.toString(), "--output", temp.resolve("refused").toString(), "--at", "tomorrow");
        assertEquals(Main.USAGE, refused.code);
        assertTrue(refused.err.contains("'tomorrow' is not a time"), refused.err);
    }

    /** The scan limits are the command line's options, and a limit reached is an errors row saying how to raise it. */
    @Test
    void scanLimitsAreCapcertsOptions() throws Exception {
        Path out = temp.resolve("limited");
        Result result = inventory("--input", CAPTURES.resolve("tls12-chain.pcap").toString(), "--output", out.toString(),
                "--format", "json", "--max-certificates", "1", "--max-memory", "64M");
        assertEquals(0, result.code, result.err);
        assertEquals(1, rows(out.resolve(Inventory.OCCURRENCES)).size(), "one certificate of the three kept");
        List<JsonNode> errors = rows(out.resolve(Inventory.ERRORS));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("CERTIFICATES_PER_MESSAGE", errors.get(0).get("limit").asText());
        assertTrue(errors.get(0).get("message").asText().endsWith("the first 1 are kept (raise the limit with --max-certificates)"),
                errors.toString());
        Result refused = inventory("--input", CAPTURES.toString(), "--output", temp.resolve("refused").toString(), "--max-memory", "lots");
        assertEquals(Main.USAGE, refused.code);
        assertTrue(refused.err.contains("Invalid size 'lots' for --max-memory"), refused.err);
    }

    private static boolean is(JsonNode verdict, String rule, String severity) {
        return verdict.get("rule").asText().equals(rule) && verdict.get("severity").asText().equals(severity);
    }

    /**
     * The verdicts table of an inventory of {@code capture} with {@code options}, asserted to hold the
     * verdicts {@code capcert check --json} gives with the same options.
     */
    private List<JsonNode> verdictsAsCheckGives(Path capture, String... options) throws Exception {
        Path out = temp.resolve("verdicts-" + Integer.toHexString(List.of(options).hashCode()));
        List<String> args = new ArrayList<>(List.of("--input", capture.toString(), "--output", out.toString(), "--format", "json"));
        args.addAll(List.of(options));
        Result result = inventory(args.toArray(String[]::new));
        assertEquals(0, result.code, result.err);
        String file = capture.getFileName().toString();
        List<String> check = new ArrayList<>(List.of("check", "--json"));
        check.addAll(List.of(options));
        check.add(capture.toString());
        Map<String, Integer> expected = new TreeMap<>();
        for (JsonNode c : capcert(check.toArray(String[]::new)).get("captures")) {
            for (JsonNode h : c.get("handshakes")) {
                for (JsonNode v : h.get("verdicts")) expected.merge(verdict(file, h.get("firstFrame").asLong(), v), 1, Integer::sum);
            }
        }
        List<JsonNode> verdicts = rows(out.resolve(Inventory.VERDICTS));
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode v : verdicts) found.merge(verdict(file, v.get("firstFrame").asLong(), v), 1, Integer::sum);
        assertEquals(expected, found);
        return verdicts;
    }

    private static String verdict(String file, long firstFrame, JsonNode v) {
        return String.join(" ", file, Long.toString(firstFrame), v.get("rule").asText(), v.get("severity").asText(),
                v.get("certificate").isNull() ? "-" : v.get("certificate").asText(), v.get("message").asText());
    }

    private static int rank(String severity) {
        return List.of("PASS", "INFO", "WARN", "FAIL").indexOf(severity);
    }

    @Test
    void sqlQueriesTheTables() throws Exception {
        Map<String, Integer> fails = new TreeMap<>();
        for (JsonNode v : rows(checked.resolve(Inventory.VERDICTS))) {
            if (v.get("severity").asText().equals("FAIL")) fails.merge(v.get("site").asText() + "\t" + v.get("rule").asText(), 1, Integer::sum);
        }
        Result bySite = sql("SELECT site, rule, count(*) AS fails FROM verdicts WHERE severity = 'FAIL' GROUP BY site, rule");
        assertEquals(0, bySite.code, bySite.err);
        List<String> lines = bySite.out.lines().toList();
        assertEquals("site\trule\tfails", lines.get(0));
        Map<String, Integer> found = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.lastIndexOf('\t');
            found.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
        }
        assertEquals(fails, found);

        Result expiring = sql("SELECT subject, notAfter FROM certificates WHERE notAfter < current_timestamp() + INTERVAL 30 DAYS");
        assertEquals(0, expiring.code, expiring.err);
        assertTrue(expiring.out.contains("CN=expe.capcert.test,OU=Expressway-E,O=capcert\t2025-06-30T23:59:59Z"), expiring.out);

        Result unknown = sql("SELECT nothing FROM verdicts");
        assertEquals(Main.USAGE, unknown.code);
        assertTrue(unknown.err.contains("nothing"), unknown.err);
    }

    private static Result sql(String query) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sql", "--inventory", checked.toString(), "--format", "json", "--master", "local[1]", query},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void damagedMissingAndFailingCapturesAreErrorRowsNotAFailedJob() throws Exception {
        Path captures = Files.createDirectories(temp.resolve("captures/site-a"));
        Files.copy(CAPTURES.resolve("tls12-mutual.pcap"), captures.resolve("good.pcap"));
        try (java.io.OutputStream gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(captures.resolve("packed.pcap.gz")))) {
            Files.copy(CAPTURES.resolve("tls12-mutual.pcap"), gzip);
        }
        Files.writeString(captures.resolve("notes.pcap"), "this is not a capture\n");
        byte[] chain = Files.readAllBytes(CAPTURES.resolve("tls12-chain.pcap"));
        Files.write(captures.resolve("cut.pcap"), Arrays.copyOf(chain, chain.length * 2 / 3));
        // A file system whose streams break after 5000 bytes, past the server's Certificate message of this capture.
        Path failing = Files.createDirectories(temp.resolve("captures/site-b"));
        Files.copy(CAPTURES.resolve("tls12-mutual.pcap"), failing.resolve("reset.pcap"));
        Path out = temp.resolve("inventory");
        Result result = inventory("--input", captures.toString(), temp.resolve("absent.pcap").toString(),
                FailingFileSystem.SCHEME + "://" + failing, "--output", out.toString(), "--format", "json",
                "--site-pattern", "captures/([^/]+)/",
                "--conf", "spark.hadoop.fs." + FailingFileSystem.SCHEME + ".impl=" + FailingFileSystem.class.getName());
        assertEquals(0, result.code, result.err);

        Map<String, List<String>> errors = new TreeMap<>();
        for (JsonNode e : rows(out.resolve(Inventory.ERRORS))) {
            errors.computeIfAbsent(Path.of(e.get("capture").asText()).getFileName().toString(), k -> new ArrayList<>())
                    .add(e.get("message").asText());
        }
        assertEquals(List.of("absent.pcap", "cut.pcap", "notes.pcap", "reset.pcap"), List.copyOf(errors.keySet()), errors.toString());
        assertTrue(errors.get("absent.pcap").get(0).contains("no such file"), errors.toString());
        assertTrue(errors.get("notes.pcap").get(0).contains("not a capture"), errors.toString());
        assertTrue(errors.get("reset.pcap").toString().contains(FailingFileSystem.MESSAGE), errors.toString());
        assertEquals(1, FailingFileSystem.OPENED.get("reset.pcap"), "read once for all the tables");

        List<JsonNode> occurrences = rows(out.resolve(Inventory.OCCURRENCES));
        assertEquals(4, occurrences.stream().filter(o -> o.get("capture").asText().endsWith("good.pcap")).count(),
                "both chains of the mutual-TLS capture");
        assertEquals(4, occurrences.stream().filter(o -> o.get("capture").asText().endsWith("packed.pcap.gz")).count(),
                "a compressed capture, found by the default --glob and read as capcert reads it");
        assertTrue(occurrences.stream().anyMatch(o -> o.get("capture").asText().endsWith("reset.pcap")),
                "the chain read before the failure is kept: " + occurrences);
        Map<String, String> sites = new TreeMap<>();
        for (JsonNode o : occurrences) sites.put(Path.of(o.get("capture").asText()).getFileName().toString(), o.get("site").asText());
        assertEquals(Map.of("cut.pcap", "site-a", "good.pcap", "site-a", "packed.pcap.gz", "site-a", "reset.pcap", "site-b"), sites,
                "site from --site-pattern; what was read before the damage is kept");
        Map<String, String> status = new TreeMap<>();
        for (JsonNode c : rows(out.resolve(Inventory.CAPTURES))) {
            status.put(Path.of(c.get("capture").asText()).getFileName().toString(), c.get("status").asText());
        }
        assertEquals(Map.of("cut.pcap", "problems", "good.pcap", "read", "notes.pcap", "problems", "packed.pcap.gz", "read",
                "reset.pcap", "problems"), status);
        assertTrue(result.out.contains(" errors"), result.out);
    }

    @Test
    void parquetAndCsvHoldTheSameRows() throws Exception {
        Path json = checked;
        Path parquet = temp.resolve("parquet");
        List<String> args = new ArrayList<>(List.of("--input", CAPTURES.toString(), "--output", parquet.toString(),
                "--format", "parquet"));
        args.addAll(KEYLOGS);
        Result result = inventory(args.toArray(String[]::new));
        assertEquals(0, result.code, result.err);
        assertFalse(Files.exists(parquet.resolve(Inventory.VERDICTS)), "no verdicts without --trust or --profile");
        // CSV for the captures with evidence, whose nested columns become JSON.
        Path inputs = CAPTURES.resolve("inputs");
        Path csv = temp.resolve("csv");
        result = inventory("--input", inputs.toString(), "--output", csv.toString(), "--format", "csv");
        assertEquals(0, result.code, result.err);

        List<String> expected = rows(json.resolve(Inventory.OCCURRENCES)).stream()
                .map(o -> o.get("capture").asText() + " " + o.get("firstFrame") + " " + o.get("role").asText() + " "
                        + o.get("position") + " " + o.get("sha256").asText() + " " + o.get("subjectAltNames"))
                .sorted().toList();
        List<String> expectedInInputs = expected.stream().filter(o -> o.contains(inputs + "/")).toList();
        assertTrue(expectedInInputs.size() > 10, "the inputs folder's certificates: " + expectedInInputs);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> fromParquet = spark.read().parquet(parquet.resolve(Inventory.OCCURRENCES).toString());
            List<String> parquetRows = fromParquet.collectAsList().stream()
                    .map(r -> r.getAs("capture") + " " + r.getAs("firstFrame") + " " + r.getAs("role") + " "
                            + r.getAs("position") + " " + r.getAs("sha256") + " " + sans(r.getList(r.fieldIndex("subjectAltNames"))))
                    .sorted().toList();
            assertEquals(expected, parquetRows);

            Dataset<Row> fromCsv = spark.read().option("header", "true").csv(csv.resolve(Inventory.OCCURRENCES).toString());
            assertEquals(Arrays.asList(fromParquet.columns()), Arrays.asList(fromCsv.columns()));
            List<String> csvRows = fromCsv.collectAsList().stream()
                    .map(r -> r.getAs("capture") + " " + r.getAs("firstFrame") + " " + r.getAs("role") + " "
                            + r.getAs("position") + " " + r.getAs("sha256") + " "
                            + sans(r.<String>getAs("subjectAltNames") == null ? List.of() : List.of(r.<String>getAs("subjectAltNames").split("; "))))
                    .sorted().toList();
            assertEquals(expectedInInputs, csvRows);
            assertEquals(rows(json.resolve(Inventory.HANDSHAKES)).stream().filter(h -> inInputs(h, inputs)).count(),
                    spark.read().option("header", "true").csv(csv.resolve(Inventory.HANDSHAKES).toString()).count());
            List<String> evidence = rows(json.resolve(Inventory.EVIDENCE)).stream().filter(e -> inInputs(e, inputs))
                    .map(e -> e.get("sha256").asText() + " " + e.get("certificates").size()).sorted().toList();
            assertFalse(evidence.isEmpty());
            List<String> csvEvidence = spark.read().option("header", "true")
                    .csv(csv.resolve(Inventory.EVIDENCE).toString()).collectAsList().stream()
                    .map(r -> r.getAs("sha256") + " " + readTree(r.getAs("certificates")).size()).sorted().toList();
            assertEquals(evidence, csvEvidence, "the evidence's certificates as JSON in CSV");
        } finally {
            spark.stop();
        }
    }

    private static boolean inInputs(JsonNode row, Path inputs) {
        return row.get("capture").asText().contains(inputs + "/");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sans(List<?> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anExistingOutputNeedsForceAndUsageErrorsSaySo() throws Exception {
        Path out = Files.createDirectories(temp.resolve("existing"));
        Result refused = inventory("--input", CAPTURES.resolve("tls13.pcap").toString(), "--output", out.toString());
        assertEquals(Main.USAGE, refused.code);
        assertTrue(refused.err.contains("give --force"), refused.err);

        Result forced = inventory("--input", CAPTURES.resolve("tls13.pcap").toString(), "--output", out.toString(), "--force");
        assertEquals(0, forced.code, forced.err);
        assertTrue(Files.exists(out.resolve(Inventory.HANDSHAKES).resolve("_SUCCESS")));

        Result format = inventory("--input", CAPTURES.toString(), "--output", temp.resolve("x").toString(), "--format", "xml");
        assertEquals(Main.USAGE, format.code);
        assertTrue(format.err.contains("parquet, json or csv"), format.err);

        Result keylog = inventory("--input", CAPTURES.toString(), "--output", temp.resolve("y").toString(),
                "--keylog", temp.resolve("absent.keys").toString());
        assertEquals(Main.USAGE, keylog.code);
        assertTrue(keylog.err.contains("--keylog") && keylog.err.contains("absent.keys: no such file"), keylog.err);

        Result crl = inventory("--input", CAPTURES.toString(), "--output", temp.resolve("y").toString(), "--profile", "generic",
                "--crl", TRUST.toString());
        assertEquals(Main.USAGE, crl.code);
        assertTrue(crl.err.contains("--crl") && crl.err.contains("root-only.pem: no CRL"), crl.err);

        Result nothing = inventory("--input", temp.resolve("nothing-*.pcap").toString(), "--output", temp.resolve("z").toString());
        assertEquals(Main.USAGE, nothing.code);
        assertTrue(nothing.err.contains("no capture found"), nothing.err);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    record Result(int code, String out, String err) {
    }

    /** Runs the command in this JVM on local[2], without the web UI. */
    static Result inventory(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("inventory"));
        all.addAll(List.of(args));
        all.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Every row of a table written as JSON lines. */
    static List<JsonNode> rows(Path table) throws IOException {
        assertTrue(Files.exists(table.resolve("_SUCCESS")), "table written: " + table);
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(table)) {
            for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }

    /** capcert's own command line (the root build's jar), as a user runs it. */
    static JsonNode capcert(String... args) throws IOException, InterruptedException {
        Path jar = ROOT.resolve("target/capcert.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build the root project first (mvn package at the root)");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertTrue(process.exitValue() == 0 || process.exitValue() == 3, "capcert " + String.join(" ", args) + ": exit " + process.exitValue());
        return JSON.readTree(stdout);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
