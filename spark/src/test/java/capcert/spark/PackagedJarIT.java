package capcert.spark;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static capcert.spark.InventoryTest.CAPTURES;
import static capcert.spark.InventoryTest.ROOT;
import static capcert.spark.InventoryTest.capcert;
import static capcert.spark.InventoryTest.javaExecutable;
import static capcert.spark.InventoryTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as users run it: {@code java -jar} with no JVM flag, reading a capture larger than the
 * whole heap, and {@code spark-submit} (Spark's SparkSubmit, as bin/spark-submit runs it) onto a standalone
 * cluster whose executor is a JVM of its own.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("capcert.spark.jar", "target/capcert-spark.jar"));
    /** A Spark installation made of the Maven artifacts: Spark and Hadoop, without capcert (pre-integration-test). */
    private static final Path SPARK_HOME = Path.of(System.getProperty("capcert.spark.home", "target/spark-home"));

    @TempDir
    Path temp;

    @Test
    void javaDashJarNeedsNoFlagsAndStreamsACaptureLargerThanTheHeap() throws Exception {
        Path capture = temp.resolve("big/big.pcap");
        Files.createDirectories(capture.getParent());
        Run generated = run(List.of(javaExecutable(), ROOT.resolve("bench/GenerateCapture.java").toString(), "--size", "1G",
                "--seed", "22", "--handshakes", "4000", "--servers", "20", "--format", "pcap",
                "--pki", CAPTURES.resolve("pki").toString(), "-q", "-o", capture.toString()), Map.of());
        assertEquals(0, generated.code, generated.output);
        long size = Files.size(capture);
        long heap = 512L << 20;
        assertTrue(size > 2 * heap, "the capture is over twice the heap: " + size);

        // One JVM, as a user starts it (no flag but the heap's), for the shipped captures and the large one.
        Path out = temp.resolve("inventory");
        Run run = run(List.of(javaExecutable(), "-Xmx512m", "-jar", JAR.toString(), "inventory", "--input", CAPTURES.toString(),
                capture.toString(), "--output", out.toString(), "--format", "json", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false"), Map.of());
        assertEquals(0, run.code, run.output);
        assertTrue(run.output.contains("Wrote json tables to " + out), run.output);
        Files.delete(capture);

        Map<String, Integer> shipped = occurrences(out);
        shipped.keySet().removeIf(key -> key.startsWith("big.pcap "));
        assertEquals(listed(List.of(CAPTURES.toString())), shipped, "the same certificates as capcert list --json");

        Map<String, Integer> expected = new TreeMap<>();
        List<String> lines = Files.readAllLines(Path.of(capture + ".expected.tsv"));
        for (String line : lines.subList(1, lines.size())) expected.merge(line, 1, Integer::sum);
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode o : rows(out.resolve(Inventory.OCCURRENCES))) {
            if (!o.get("capture").asText().endsWith("/big.pcap")) continue;
            found.merge(String.join("\t", o.get("server").asText(), o.get("role").asText(), o.get("position").asText(),
                    o.get("sha256").asText()), 1, Integer::sum);
        }
        assertEquals(expected, found, "every certificate the generator wrote, as many times");
        List<JsonNode> big = rows(out.resolve(Inventory.CAPTURES)).stream()
                .filter(c -> c.get("capture").asText().endsWith("/big.pcap")).toList();
        assertEquals(1, big.size());
        assertEquals(size, big.get(0).get("bytesRead").asLong(), "read to the end");
        assertEquals(List.of(), rows(out.resolve(Inventory.ERRORS)).stream()
                .filter(e -> e.get("capture").asText().endsWith("/big.pcap")).toList());
    }

    @Test
    void sparkSubmitOntoAStandaloneCluster() throws Exception {
        assertTrue(Files.isDirectory(SPARK_HOME.resolve("jars")), SPARK_HOME + "/jars is made before the integration tests");
        Files.writeString(SPARK_HOME.resolve("RELEASE"), "Spark assembled from its Maven artifacts for capcert's tests\n");
        Path out = temp.resolve("inventory");
        String keyLog = CAPTURES.resolve("keylogs/tls13-aes-128-gcm.keys").toString();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", SPARK_HOME.resolve("jars") + "/*"));
        command.addAll(List.of(System.getProperty("capcert.spark.opens", "").split(" ")));
        // What bin/spark-submit runs: a worker whose executor is a JVM of its own, to which the key log travels.
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local-cluster[1,2,1024]",
                "--conf", "spark.ui.enabled=false", "--class", "capcert.spark.Main", JAR.toAbsolutePath().toString(),
                "inventory", "--input", CAPTURES.toString(), "--output", out.toString(), "--format", "json",
                "--keylog", keyLog));
        Run run = run(command, Map.of("SPARK_HOME", SPARK_HOME.toAbsolutePath().toString(), "SPARK_SCALA_VERSION", "2.13"));
        assertEquals(0, run.code, run.output);
        Map<String, Integer> expected = listed(List.of("--keylog", keyLog, CAPTURES.toString()));
        assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("tls13-aes-128-gcm.pcap ")), "decrypted: " + expected);
        assertEquals(expected, occurrences(out), "the same certificates as capcert list --json");
        assertTrue(Files.list(SPARK_HOME.resolve("work")).findAny().isPresent(), "executors ran in workers: " + SPARK_HOME.resolve("work"));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** The certificates {@code capcert list --json ARGS} lists. */
    private static Map<String, Integer> listed(List<String> args) throws IOException, InterruptedException {
        Map<String, Integer> expected = new TreeMap<>();
        List<String> command = new ArrayList<>(List.of("list", "--json"));
        command.addAll(args);
        for (JsonNode capture : capcert(command.toArray(String[]::new)).get("captures")) {
            String file = Path.of(capture.get("file").asText()).getFileName().toString();
            for (JsonNode h : capture.get("handshakes")) {
                for (JsonNode c : h.get("certificates")) {
                    expected.merge(String.join(" ", file, h.get("firstFrame").asText(), c.get("role").asText(),
                            c.get("position").asText(), c.get("sha256").asText()), 1, Integer::sum);
                }
            }
        }
        return expected;
    }

    private static Map<String, Integer> occurrences(Path inventory) throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        for (JsonNode o : rows(inventory.resolve(Inventory.OCCURRENCES))) {
            found.merge(String.join(" ", Path.of(o.get("capture").asText()).getFileName().toString(), o.get("firstFrame").asText(),
                    o.get("role").asText(), o.get("position").asText(), o.get("sha256").asText()), 1, Integer::sum);
        }
        return found;
    }

    private record Run(int code, String output) {
    }

    private Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
