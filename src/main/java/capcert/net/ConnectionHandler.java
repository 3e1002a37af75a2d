package capcert.net;

import java.nio.ByteBuffer;

/** What the next stage attaches to each connection the network layer finds. */
public interface ConnectionHandler {

    /** A TCP connection; also any in-order stream of TLS records a tunnel unwraps (EAP, OpenVPN). */
    StreamListener openTcp(Connection connection);

    /**
     * Whether a datagram on a flow not yet followed is worth following. Asked for every such
     * datagram, so it must be cheap: it keeps flow state away from plain UDP noise.
     */
    boolean startsUdpFlow(ByteBuffer payload);

    DatagramListener openUdp(Connection connection);

    /** A MAC address the link layer did not give (a Linux cooked capture names only the sender). */
    long UNKNOWN_MAC = -1;

    /**
     * One EAPOL frame (IEEE 802.1X, EtherType 0x888e) from Ethernet or Wi-Fi: its payload, a view
     * valid only during the call. {@code source} and {@code destination} are 48-bit MAC addresses
     * or {@link #UNKNOWN_MAC}.
     */
    default void eapol(long frame, long epochNanos, long source, long destination, ByteBuffer payload) {
    }
}
