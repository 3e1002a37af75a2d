package capcert.bench;

import capcert.capture.CaptureReader;
import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.NetworkDecoder;
import capcert.net.StreamListener;
import capcert.tls.Limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Reads {@code capture} through link/IP/TCP decoding and reassembly, with the default limits, into
     * the listener {@code tcp} gives each connection; UDP flows are not followed.
     */
    public static void reassemble(byte[] capture, Function<Connection, StreamListener> tcp) throws IOException {
        ConnectionHandler handler = new ConnectionHandler() {
            @Override
            public StreamListener openTcp(Connection connection) {
                return tcp.apply(connection);
            }

            @Override
            public boolean startsUdpFlow(ByteBuffer payload) {
                return false;
            }

            @Override
            public DatagramListener openUdp(Connection connection) {
                throw new AssertionError("no UDP flow is started");
            }
        };
        Limits limits = Limits.defaults();
        NetworkDecoder network = new NetworkDecoder(handler, problem -> { }, Set.of(), limits.maxBufferedPerStream(),
                limits.maxBufferedTotal(), limits.maxConnections());
        CaptureReader.read(Channels.newChannel(new ByteArrayInputStream(capture)), network.packets(), problem -> { });
        network.finish();
    }
}
