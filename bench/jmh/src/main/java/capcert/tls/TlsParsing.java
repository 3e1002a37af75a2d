package capcert.tls;

import capcert.bench.Captures;
import capcert.net.Connection;
import capcert.net.Side;
import capcert.net.StreamListener;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS layer alone: the record and handshake parsers reading every TLS connection of a
 * generated capture, whose byte streams the reassembler took out once at setup. Each side's bytes
 * come in 1,448-byte pieces, as segments would bring them; the score is the time for all of them
 * (divide the handshakes by it for handshakes per millisecond). In this package because the
 * parsers are not public.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsParsing {

    private static final int SEGMENT = 1448;
    /** Enough for any handshake of the generator's; the rest of a connection is encrypted anyway. */
    private static final int KEPT_PER_SIDE = 64 * 1024;

    @Param({"64M"})
    public String size;

    @Param({"2000"})
    public int handshakes;

    private record Streams(Connection connection, byte[] fromOriginator, byte[] fromResponder) {
    }

    private final List<Streams> connections = new ArrayList<>();

    @Setup(Level.Trial)
    public void reassemble() throws IOException, InterruptedException {
        byte[] capture = Captures.generated(size, handshakes);
        List<Streams> all = new ArrayList<>();
        Captures.reassemble(capture, connection -> {
            ByteArrayOutputStream[] sides = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
            return new StreamListener() {
                @Override
                public void data(Side from, ByteBuffer bytes, long frame) {
                    byte[] chunk = new byte[bytes.remaining()];
                    bytes.duplicate().get(chunk);
                    sides[from.ordinal()].write(chunk, 0, chunk.length);
                }

                @Override
                public void gap(Side from, long length, long frame) {
                }

                @Override
                public boolean wantsMore(Side from) {
                    return sides[from.ordinal()].size() < KEPT_PER_SIDE;
                }

                @Override
                public void closed() {
                    all.add(new Streams(connection, sides[0].toByteArray(), sides[1].toByteArray()));
                }
            };
        });
        for (Streams s : all) {
            if (startsWithHandshakeRecord(s.fromOriginator()) && startsWithHandshakeRecord(s.fromResponder())) connections.add(s);
        }
        System.out.println("TLS connections: " + connections.size());
    }

    private static boolean startsWithHandshakeRecord(byte[] stream) {
        return stream.length > 5 && stream[0] == 22 && stream[1] == 3;
    }

    @Benchmark
    public void parse(Blackhole hole) {
        DistinctDer distinctDer = new DistinctDer();
        HandshakeBuffer.Spares spares = new HandshakeBuffer.Spares();
        for (Streams s : connections) {
            HandshakeFacts facts = new HandshakeFacts(s.connection(), Limits.defaults(), problem -> { }, distinctDer);
            TlsConnectionTracker tracker = new TlsConnectionTracker(facts, hole::consume, spares);
            feed(tracker, Side.ORIGINATOR, s.fromOriginator());
            feed(tracker, Side.RESPONDER, s.fromResponder());
            tracker.closed();
        }
    }

    private static void feed(TlsConnectionTracker tracker, Side side, byte[] stream) {
        for (int at = 0; at < stream.length && tracker.wantsMore(side); at += SEGMENT) {
            tracker.data(side, ByteBuffer.wrap(stream, at, Math.min(SEGMENT, stream.length - at)), at);
        }
    }
}
