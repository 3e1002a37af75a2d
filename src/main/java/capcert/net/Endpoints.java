package capcert.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Turns the packed 128-bit addresses of {@link Packet} into {@link IpEndpoint}s, once per connection. */
final class Endpoints {

    private Endpoints() {
    }

    static IpEndpoint source(Packet p) {
        return of(p.ipv6, p.srcHigh, p.srcLow, p.srcPort);
    }

    static IpEndpoint destination(Packet p) {
        return of(p.ipv6, p.dstHigh, p.dstLow, p.dstPort);
    }

    private static IpEndpoint of(boolean ipv6, long high, long low, int port) {
        byte[] address = ipv6
                ? ByteBuffer.allocate(16).putLong(high).putLong(low).array()
                : ByteBuffer.allocate(4).putInt((int) low).array();
        try {
            return new IpEndpoint(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always a valid address", e);
        }
    }
}
