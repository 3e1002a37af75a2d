package capcert.net;

import capcert.capture.PacketSink;
import capcert.capture.Problem;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The network stage: link-layer frames in, TCP byte streams and UDP datagrams out, per connection.
 * Feed it every packet, then call {@link #finish()} once at the end of the capture.
 */
public final class NetworkDecoder {

    private final PacketDecoder decoder;
    private final FlowTable flows;

    /**
     * @param ports                ports to examine (either end of a connection); empty means all
     * @param maxBufferedPerStream bytes held per direction while waiting for a missing segment
     * @param maxBufferedTotal     the same, for all directions together
     * @param maxConnections       connections and flows tracked at once
     */
    public NetworkDecoder(ConnectionHandler handler, Consumer<Problem> problems, Set<Integer> ports,
                          int maxBufferedPerStream, long maxBufferedTotal, int maxConnections) {
        this(handler, new FrameClock(), problems, ports, maxBufferedPerStream, maxBufferedTotal, maxConnections);
    }

    /** The same, keeping {@code clock} at the frame being decoded for the handler's benefit. */
    public NetworkDecoder(ConnectionHandler handler, FrameClock clock, Consumer<Problem> problems, Set<Integer> ports,
                          int maxBufferedPerStream, long maxBufferedTotal, int maxConnections) {
        Set<Integer> examined = Set.copyOf(ports);
        FlowTable.PortFilter filter = examined.isEmpty()
                ? (source, destination) -> true
                : (source, destination) -> examined.contains(source) || examined.contains(destination);
        this.flows = new FlowTable(handler, problems, filter, maxBufferedPerStream, new HeldBytes(maxBufferedTotal, problems),
                maxConnections);
        this.decoder = new PacketDecoder(flows, clock, problems);
    }

    public PacketSink packets() {
        return decoder;
    }

    /** End of capture: held segments are delivered (their holes reported) and every connection closed. */
    public void finish() {
        decoder.finish();
        flows.finish();
    }
}
