package capcert.bench;

import capcert.capture.CaptureReader;
import capcert.net.Side;
import capcert.net.StreamListener;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.ScanOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The three stages on one generated capture held in memory, each measured as the time to go
 * through the whole capture (divide its size by the score for bytes per second):
 * the reader alone, reader + link/IP/TCP decoding + reassembly with every byte consumed, and the
 * whole scan with TLS parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPaths {

    @Param({"64M"})
    public String size;

    @Param({"2000"})
    public int handshakes;

    private byte[] capture;

    @Setup(Level.Trial)
    public void generate() throws IOException, InterruptedException {
        capture = Captures.generated(size, handshakes);
        System.out.println("capture: " + capture.length + " bytes");
    }

    @Benchmark
    public long reader(Blackhole hole) throws IOException {
        return CaptureReader.read(Channels.newChannel(new ByteArrayInputStream(capture)),
                (frame, nanos, linkType, data, original) -> hole.consume(data.remaining()), problem -> { });
    }

    @Benchmark
    public void reassembly(Blackhole hole) throws IOException {
        Captures.reassemble(capture, connection -> new StreamListener() {
            @Override
            public void data(Side from, ByteBuffer bytes, long frame) {
                hole.consume(bytes.remaining());
            }

            @Override
            public void gap(Side from, long length, long frame) {
                hole.consume(length);
            }

            @Override
            public boolean wantsMore(Side from) {
                return true;
            }

            @Override
            public void closed() {
            }
        });
    }

    @Benchmark
    public CaptureResult scan() {
        return new CaptureScanner(ScanOptions.defaults())
                .scan(Path.of("in-memory.pcap"), Channels.newChannel(new ByteArrayInputStream(capture)));
    }
}
