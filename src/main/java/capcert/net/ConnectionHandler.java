package capcert.net;

import java.nio.ByteBuffer;

/** What the next stage attaches to each connection the network layer finds. */
public interface ConnectionHandler {

    StreamListener openTcp(Connection connection);

    /**
     * Whether a datagram on a flow not yet followed is worth following. Asked for every such
     * datagram, so it must be cheap: it keeps flow state away from plain UDP noise.
     */
    boolean startsUdpFlow(ByteBuffer payload);

    DatagramListener openUdp(Connection connection);
}
