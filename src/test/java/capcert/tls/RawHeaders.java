package capcert.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Finds IP headers in raw capture bytes by pattern, without any of the product's decoding, to
 * check claims about a capture independently.
 */
final class RawHeaders {

    private RawHeaders() {
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** IPv4 headers without options whose source or destination is {@code address} and whose protocol is {@code protocol}. */
    static int ipv4(byte[] file, byte[] address, int protocol) {
        int count = 0;
        for (int i = 0; i + 20 <= file.length; i++) {
            if (file[i] != 0x45 || (file[i + 9] & 0xff) != protocol) continue;
            if (matches(file, i + 12, address) || matches(file, i + 16, address)) count++;
        }
        return count;
    }

    /** IPv6 headers from or to {@code address} carrying TCP (next header 6) with {@code port} at either end. */
    static int ipv6TcpPort(byte[] file, byte[] address, int port) {
        int count = 0;
        for (int i = 0; i + 44 <= file.length; i++) {
            if ((file[i] & 0xf0) != 0x60 || file[i + 6] != 6) continue;
            if (!matches(file, i + 8, address) && !matches(file, i + 24, address)) continue;
            int source = (file[i + 40] & 0xff) << 8 | file[i + 41] & 0xff;
            int destination = (file[i + 42] & 0xff) << 8 | file[i + 43] & 0xff;
            if (source == port || destination == port) count++;
        }
        return count;
    }

    private static boolean matches(byte[] file, int at, byte[] address) {
        if (at + address.length > file.length) return false;
        for (int k = 0; k < address.length; k++) {
            if (file[at + k] != address[k]) return false;
        }
        return true;
    }
}
