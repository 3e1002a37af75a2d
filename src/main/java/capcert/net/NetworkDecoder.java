package capcert.net;

import capcert.capture.MemoryBudget;
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
     * @param budget               the scan's memory budget: connections, held segments and IP fragments are charged to it
     */
    public NetworkDecoder(ConnectionHandler handler, Consumer<Problem> problems, Set<Integer> ports,
                          int maxBufferedPerStream, long maxBufferedTotal, int maxConnections, MemoryBudget budget) {
        Set<Integer> examined = Set.copyOf(ports);
        FlowTable.PortFilter filter = examined.isEmpty()
                ? (source, destination) -> true
                : (source, destination) -> examined.contains(source) || examined.contains(destination);
        this.flows = new FlowTable(handler, problems, filter, maxBufferedPerStream,
                new HeldBytes(maxBufferedTotal, problems, budget), maxConnections, budget);
        this.decoder = new PacketDecoder(flows, problems, budget);
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
