package capcert.net;

import java.nio.ByteBuffer;

/** Receives the datagrams of one UDP flow. */
public interface DatagramListener {

    /** One datagram's payload, a view valid only during the call. */
    void datagram(Side from, ByteBuffer payload, long frame);

    /** End of capture. Called once. */
    void closed();
}
