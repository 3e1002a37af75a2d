package capcert.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/** An IP address and port. Written {@code ip:port}, or {@code [ipv6]:port}. */
public record IpEndpoint(InetAddress address, int port) implements Endpoint {

    @Override
    public String host() {
        String text = toString();
        String host = text.substring(0, text.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    @SuppressWarnings("UnnecessaryStringBuilder") // one sized builder instead of getHostAddress's string and then a concatenation
    public String toString() {
        if (address instanceof Inet6Address) return "[" + compact(address.getHostAddress()) + "]:" + port;
        byte[] a = address.getAddress();
        return new StringBuilder(21).append(a[0] & 0xff).append('.').append(a[1] & 0xff).append('.').append(a[2] & 0xff)
                .append('.').append(a[3] & 0xff).append(':').append(port).toString();
    }

    /** {@link InetAddress#getHostAddress()} never shortens zero runs; people expect {@code ::1}. */
    static String compact(String full) {
        String[] groups = full.split(":", -1);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) j++;
                if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) return full;
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
