package capcert.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointTest {

    private static final byte[] LOOPBACK_V6 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};


    @Test
    void ipv4IsWrittenAsInetAddressWritesItWithThePort() throws UnknownHostException {
        SplittableRandom random = new SplittableRandom(4);
        byte[][] edges = {{0, 0, 0, 0}, {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, {10, 0, 0, 1}, {(byte) 192, (byte) 168, 100, 9}};
        for (byte[] edge : edges) check(edge, 0);
        for (int i = 0; i < 10_000; i++) {
            byte[] a = new byte[4];
            for (int k = 0; k < 4; k++) a[k] = (byte) random.nextInt(256);
            check(a, random.nextInt(65_536));
        }
    }

    private static void check(byte[] address, int port) throws UnknownHostException {
        InetAddress ip = InetAddress.getByAddress(address);
        assertEquals(ip.getHostAddress() + ":" + port, new IpEndpoint(ip, port).toString());
    }

    @Test
    void ipv6IsBracketedWithItsLongestZeroRunShortened() throws UnknownHostException {
        assertEquals("[2001:db8::1]:443", new IpEndpoint(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 443).toString());
        assertEquals("[::1]:5061", new IpEndpoint(InetAddress.getByAddress(LOOPBACK_V6), 5061).toString());
        assertEquals("[2001:db8:0:1:1:1:1:1]:7001", new IpEndpoint(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 7001).toString());
    }
}
