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
     * @param ports                ports to examine (either end of a connection); empty means all.
     *                             802.1X (EAPOL) frames, which have no port, are examined whatever it says.
     * @param maxBufferedPerStream bytes held per direction while waiting for a missing segment
     * @param maxBufferedTotal     the same, for all directions together
     * @param maxConnections       connections and flows tracked at once
     * @param budget               the scan's memory budget: connections, held segments and IP fragments are charged to it
     */
    public NetworkDecoder(ConnectionHandler handler, Consumer<Problem> problems, Set<Integer> ports,
                          int maxBufferedPerStream, long maxBufferedTotal, int maxConnections, MemoryBudget budget) {
        this(handler, new FrameClock(), new HeldBytes(maxBufferedTotal, problems, budget), problems, ports,
                maxBufferedPerStream, maxConnections, budget);
    }

    /**
     * The same, keeping {@code clock} at the frame being decoded for the handler's benefit, and holding
     * out-of-order segments against {@code heldByAll}, which the handler's own holders may share.
     */
    public NetworkDecoder(ConnectionHandler handler, FrameClock clock, HeldBytes heldByAll, Consumer<Problem> problems,
                          Set<Integer> ports, int maxBufferedPerStream, int maxConnections, MemoryBudget budget) {
        Set<Integer> examined = Set.copyOf(ports);
        FlowTable.PortFilter filter = examined.isEmpty()
                ? (source, destination) -> true
                : (source, destination) -> examined.contains(source) || examined.contains(destination);
        this.flows = new FlowTable(handler, problems, filter, maxBufferedPerStream, heldByAll, maxConnections, budget);
        this.decoder = new PacketDecoder(flows, clock, problems, budget);
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
