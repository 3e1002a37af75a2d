package capcert.net;

/** IP protocol numbers and IPv6 extension header types (IANA "Assigned Internet Protocol Numbers"). */
final class IpProtocol {

    static final int HOP_BY_HOP_OPTIONS = 0;
    static final int IPV4_IN_IP = 4;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int IPV6_IN_IP = 41;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int GRE = 47;
    static final int AUTHENTICATION_HEADER = 51;
    static final int DESTINATION_OPTIONS = 60;
    static final int MOBILITY = 135;
    static final int HOST_IDENTITY = 139;
    static final int SHIM6 = 140;

    private IpProtocol() {
    }
}
