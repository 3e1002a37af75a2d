package capcert.cli;

import capcert.net.EapMethod;
import capcert.net.Transport;
import capcert.testing.SharedData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import static capcert.cli.EndToEndTest.capcert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every JSON document the commands write, on every shipped capture (and the public ones when
 * ../shared is there), valid against the schemas in docs/schema/: one certificate schema for
 * list, check, check-cert, export's index.json and the report zip's.
 */
class JsonSchemaTest {

    private static final Path SCHEMAS = Path.of("docs/schema");
    private static final String ID = "https://capcert.io/schema/";
    /** The schemas' ids are where they will be published; here each is read from docs/schema/, nothing is fetched. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(iri -> iri.startsWith(ID) ? read(SCHEMAS.resolve(iri.substring(ID.length()))) : null));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Schema schema(String name) {
        return REGISTRY.getSchema(SchemaLocation.of(ID + name));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertValid(String schemaName, JsonNode document, String what) {
        List<Error> errors = schema(schemaName).validate(document);
        assertTrue(errors.isEmpty(), what + " against " + schemaName + ": " + errors.stream().limit(10).map(Error::toString).toList());
    }

    /** Every capture shipped in test-captures/ (its recipes, PKI and trust lists are not captures). */
    private static List<String> shippedCaptures() throws IOException {
        List<String> captures = new ArrayList<>();
        try (Stream<Path> top = Files.list(Path.of("test-captures"))) {
            top.filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)$")).sorted().forEach(p -> captures.add(p.toString()));
        }
        try (Stream<Path> inputs = Files.list(Path.of("test-captures/inputs"))) {
            inputs.filter(Files::isRegularFile).sorted().forEach(p -> captures.add(p.toString()));
        }
        return captures;
    }

    private static String[] args(List<String> head, List<String> captures) {
        List<String> all = new ArrayList<>(head);
        all.addAll(captures);
        return all.toArray(String[]::new);
    }

    @Test
    void listAndCheckOfEveryShippedCapture() throws Exception {
        List<String> captures = shippedCaptures();
        JsonNode list = MAPPER.readTree(capcert(args(List.of("list", "--json", "-q"), captures)).out());
        assertEquals(captures.size(), list.get("captures").size());
        assertValid("capture-list.schema.json", list, "list --json");
        assertTrue(list.toString().contains("\"extendedKeyUsage\""), "the schema is not vacuous");
        assertTrue(list.toString().contains("\"eap\":{") && list.toString().contains("\"relay\":"),
                "the tunnel captures' fields are covered");
        JsonNode check = MAPPER.readTree(capcert(args(List.of("check", "--json", "-q", "--trust",
                "test-captures/trust/root-only.pem", "--crl", "test-captures/trust/root-ca.crl"), captures)).out());
        assertValid("capture-list.schema.json", check, "check --json");
        assertTrue(check.toString().contains("\"verdicts\""), check.toString().substring(0, 200));
    }

    @Test
    void theSchemaKnowsEveryTransportAndEapMethod() throws Exception {
        JsonNode defs = MAPPER.readTree(SCHEMAS.resolve("certificate.schema.json").toFile()).get("$defs");
        assertEquals(Stream.of(Transport.values()).map(Transport::label).toList(), texts(defs.get("transport").get("enum")));
        assertEquals(Stream.of(EapMethod.values()).map(EapMethod::label).toList(),
                texts(defs.get("eap").get("properties").get("method").get("enum")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void decryptedHandshakesWithTheirKeyLogs() throws Exception {
        try (Stream<Path> keys = Files.list(Path.of("test-captures/keylogs"))) {
            for (Path keyLog : keys.filter(p -> p.toString().endsWith(".keys")).sorted().toList()) {
                Path capture = Path.of("test-captures", keyLog.getFileName().toString().replace(".keys", ".pcap"));
                if (!Files.exists(capture)) continue;
                JsonNode list = MAPPER.readTree(capcert("list", "--json", "-q", "--keylog", keyLog.toString(), capture.toString()).out());
                assertValid("capture-list.schema.json", list, "list --json --keylog " + keyLog);
            }
        }
    }

    @Test
    void theSharedPublicCaptures() throws Exception {
        Path shared = SharedData.captures();
        assumeTrue(Files.isDirectory(shared), "no " + shared + " here: skipped");
        List<String> captures;
        try (Stream<Path> files = Files.list(shared)) {
            captures = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().map(Path::toString).toList();
        }
        assumeFalse(captures.isEmpty(), "no captures in " + shared + ": skipped");
        JsonNode check = MAPPER.readTree(capcert(args(List.of("check", "--json", "-q"), captures)).out());
        assertValid("capture-list.schema.json", check, "check --json of " + shared);
    }

    @Test
    void exportIndexAndTheReportZipsIndex() throws Exception {
        List<String> captures = shippedCaptures();
        Path out = dir.resolve("export");
        capcert(args(List.of("export", "-q", "-o", out.toString()), captures));
        JsonNode index = MAPPER.readTree(out.resolve("index.json").toFile());
        assertValid("export-index.schema.json", index, "export index.json");
        assertTrue(index.get("evidence").size() > 0, "evidence is covered too");

        Path zip = dir.resolve("case.zip");
        capcert("report", "-q", "-o", zip.toString(), "--trust", "test-captures/trust/root-only.pem",
                "test-captures/tls12-mutual.pcap", "test-captures/inputs/ocsp-stapled.pcap");
        JsonNode zipped = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("index.json")) zipped = MAPPER.readTree(in.readAllBytes());
            }
        }
        assertValid("export-index.schema.json", zipped, "the report zip's index.json");
    }

    @Test
    void checkCert() throws Exception {
        JsonNode checked = MAPPER.readTree(capcert("check-cert", "--json", "--trust", "test-captures/trust/root-only.pem",
                "--chain", "test-captures/pki/intermediate-ca.crt", "--pattern", "Subject:.*CN=(?<cn>[^,]*)",
                "--username-format", "#cn#", "test-captures/pki/server.crt").out());
        assertValid("check-cert.schema.json", checked, "check-cert --json");
        JsonNode ecdsa = MAPPER.readTree(capcert("check-cert", "--json", "test-captures/pki/server-ecdsa-fullchain.pem").out());
        assertValid("check-cert.schema.json", ecdsa, "check-cert --json of an ECDSA chain");
        assertEquals("EC", ecdsa.get("certificates").get(0).get("keyAlgorithm").asText());
        assertEquals("P-256", ecdsa.get("certificates").get(0).get("curve").asText());
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRefused() throws Exception {
        JsonNode list = MAPPER.readTree(capcert("list", "--json", "test-captures/tls12-mutual.pcap").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) list.get("captures").get(0).get("handshakes").get(0)
                .get("certificates").get(0)).put("keySize", "2048");
        assertTrue(!schema("capture-list.schema.json").validate(list).isEmpty(), "a key size as text is not valid");
        JsonNode unknown = MAPPER.readTree(capcert("list", "--json", "test-captures/tls12-mutual.pcap").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) unknown.get("captures").get(0).get("handshakes").get(0)
                .get("certificates").get(0)).put("keyLength", 2048);
        assertTrue(!schema("capture-list.schema.json").validate(unknown).isEmpty(), "a field the schema does not know is not valid");
    }
}
