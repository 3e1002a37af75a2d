package capcert.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captures the benchmarks read: made once per run by bench/GenerateCapture.java, kept in memory. */
public final class Captures {

    private Captures() {
    }

    /**
     * A generated capture of {@code size} (e.g. "64M") with {@code handshakes} TLS handshakes.
     * Run from the repository root, or set -Dcapcert.root to it.
     */
    public static byte[] generated(String size, int handshakes) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("capcert.root", "."));
        Path generator = root.resolve("bench/GenerateCapture.java");
        if (!Files.exists(generator)) {
            throw new IllegalStateException(generator + " not found: run from the repository root or set -Dcapcert.root");
        }
        Path out = Files.createTempFile("capcert-jmh-", ".pcap");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    generator.toString(), "--size", size, "--seed", "7", "--handshakes", Integer.toString(handshakes),
                    "--servers", "20", "--format", "pcap", "--pki", root.resolve("test-captures/pki").toString(),
                    "-o", out.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) throw new IllegalStateException("the generator failed");
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(Path.of(out + ".expected.tsv"));
        }
    }
}
