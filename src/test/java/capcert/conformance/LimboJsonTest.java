package capcert.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite written as x509-limbo's limbo.json (target/conformance/limbo.json), so that
 * bench/limbo.py, the runner for x509-limbo itself, can run it; and bench/limbo.py's mapping of a
 * testcase to check-cert arguments must be {@link Suite#arguments}, the one ConformanceTest runs.
 */
class LimboJsonTest {

    static final Path OUT = Path.of("target", "conformance", "limbo.json");

    @Test
    void theSuiteAsLimboJsonMapsToTheSameArgumentsInBenchLimboPy() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode limbo = json.createObjectNode().put("version", 1);
        ArrayNode testcases = limbo.putArray("testcases");
        for (Case c : Suite.cases()) {
            assertEquals(c.web(), c.id().startsWith("webpki::"), c.id() + ": the web profile goes with the webpki:: ids");
            testcases.add(testcase(json, c));
        }
        Files.createDirectories(OUT.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(OUT.toFile(), limbo);

        Path script = Path.of("bench", "limbo.py");
        Assumptions.assumeTrue(python(), "python3 not found");
        Process p = new ProcessBuilder("python3", script.toString(), "--dry-run", OUT.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join("\n", lines));
        assertEquals(Suite.cases().size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < lines.size(); i++) {
            Case c = Suite.cases().get(i);
            JsonNode line = json.readTree(lines.get(i));
            assertEquals(c.id(), line.get("id").asText());
            List<String> theirs = new ArrayList<>();
            line.get("args").forEach(a -> theirs.add(a.asText()));
            Path dir = Files.createTempDirectory("limbo-args");
            List<String> ours = Suite.arguments(c, dir).stream().map(a -> a.replace(dir + "/", "")).toList();
            assertEquals(ours, theirs, c.id());
        }
    }

    private static ObjectNode testcase(ObjectMapper json, Case c) {
        ObjectNode t = json.createObjectNode();
        t.put("id", c.id()).put("description", c.description()).put("validation_kind", c.client() ? "CLIENT" : "SERVER");
        ArrayNode trusted = t.putArray("trusted_certs");
        c.trusted().forEach(der -> trusted.add(Suite.pem("CERTIFICATE", der)));
        ArrayNode untrusted = t.putArray("untrusted_intermediates");
        c.untrusted().forEach(der -> untrusted.add(Suite.pem("CERTIFICATE", der)));
        t.put("peer_certificate", Suite.pem("CERTIFICATE", c.peer()));
        t.put("validation_time", c.time().toString());
        ArrayNode names = t.putArray("expected_peer_names");
        for (String name : c.peerNames()) {
            String kind = name.contains("@") ? "RFC822" : name.matches("[0-9.]+|.*:.*") ? "IP" : "DNS";
            names.addObject().put("kind", kind).put("value", name);
        }
        ArrayNode ekus = t.putArray("extended_key_usage");
        c.ekus().forEach(ekus::add);
        t.putArray("key_usage");
        t.putArray("signature_algorithms");
        t.putArray("features");
        if (c.maxDepth() != null) t.put("max_chain_depth", c.maxDepth());
        ArrayNode crls = t.putArray("crls");
        c.crls().forEach(der -> crls.add(Suite.pem("X509 CRL", der)));
        t.put("expected_result", c.expectSuccess() ? "SUCCESS" : "FAILURE");
        return t;
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
