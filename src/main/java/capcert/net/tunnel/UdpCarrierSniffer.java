package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.DatagramListener;
import capcert.net.Side;

import java.nio.ByteBuffer;

/** A UDP flow whose first datagram decides who reads it: a tunnel's decoder, or the DTLS reader. */
final class UdpCarrierSniffer implements DatagramListener {

    private final Connection connection;
    private final TunnelHandler tunnels;
    private DatagramListener reader;

    UdpCarrierSniffer(Connection connection, TunnelHandler tunnels) {
        this.connection = connection;
        this.tunnels = tunnels;
    }

    @Override
    public void datagram(Side from, ByteBuffer payload, long frame) {
        if (reader == null) reader = tunnels.udpFlow(connection, payload);
        reader.datagram(from, payload, frame);
    }

    @Override
    public void closed() {
        if (reader != null) reader.closed();
    }
}
