package capcert.net;

/**
 * One side of a connection: an IP address and port, or, for 802.1X on a LAN, a MAC address.
 * {@code toString()} writes it as people do ({@code ip:port}, {@code [ipv6]:port}, {@code 02:00:5e:00:53:01}).
 */
public sealed interface Endpoint permits IpEndpoint, MacEndpoint {

    /** The address without the port: {@code 10.0.0.1}, {@code 2001:db8::1}, {@code 02:00:5e:00:53:01}. */
    String host();
}
