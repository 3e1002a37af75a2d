package capcert.net;

/** EtherType values (IEEE "EtherType" registry) and the other link-layer numbers the decoder meets. */
final class EtherType {

    static final int IPV4 = 0x0800;
    static final int IPV6 = 0x86dd;
    static final int VLAN = 0x8100;
    static final int QINQ = 0x88a8;
    /** Vendor QinQ tags from before 802.1ad. */
    static final int QINQ_LEGACY_1 = 0x9100;
    static final int QINQ_LEGACY_2 = 0x9200;
    static final int PPPOE_SESSION = 0x8864;
    static final int MPLS = 0x8847;
    static final int MPLS_MULTICAST = 0x8848;
    static final int TRANSPARENT_BRIDGING = 0x6558;
    static final int ERSPAN_2 = 0x88be;
    /** EAP over LAN (IEEE 802.1X). */
    static final int EAPOL = 0x888e;
    /** PPP inside GRE (PPTP). */
    static final int PPP = 0x880b;

    /** PPP protocol field values (RFC 1332, RFC 5072). */
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;

    /** BSD loopback address families: AF_INET everywhere, AF_INET6 per OS (Linux, OpenBSD, FreeBSD, macOS). */
    static final int AF_INET = 2;
    static final int AF_INET6_LINUX = 10;
    static final int AF_INET6_OPENBSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private EtherType() {
    }
}
