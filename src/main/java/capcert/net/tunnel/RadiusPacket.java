package capcert.net.tunnel;

import capcert.net.IpEndpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The parts of a RADIUS packet (RFC 2865, RFC 3579 for EAP) that carry or name an EAP
 * authentication. Read only when the whole packet is well formed: its length within the datagram,
 * every attribute's length in bounds and adding up exactly.
 */
record RadiusPacket(int code, int identifier, byte[] authenticator, Optional<byte[]> state, Optional<String> userName,
                    Optional<String> nasIdentifier, Optional<String> nasAddress, Optional<String> callingStation,
                    Optional<ByteBuffer> eap) {

    static final int ACCESS_REQUEST = 1;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int ACCESS_CHALLENGE = 11;

    private static final int HEADER = 20;
    private static final int USER_NAME = 1;
    private static final int NAS_IP_ADDRESS = 4;
    private static final int STATE = 24;
    private static final int CALLING_STATION_ID = 31;
    private static final int NAS_IDENTIFIER = 32;
    private static final int EAP_MESSAGE = 79;
    private static final int NAS_IPV6_ADDRESS = 95;
    /** Longest EAP packet that fits one RADIUS packet (4096 bytes at most, RFC 2865 section 3). */
    private static final int MAX_PACKET = 4096;

    /**
     * Whether {@code payload} is an Access-Request, -Accept, -Reject or -Challenge carrying
     * EAP-Message attributes: cheap enough to ask of every datagram of a flow not yet followed.
     */
    static boolean carriesEap(ByteBuffer payload) {
        int p = payload.position();
        int available = payload.remaining();
        if (available < HEADER || !accessCode(payload.get(p) & 0xff)) return false;
        int length = payload.getShort(p + 2) & 0xffff;
        if (length < HEADER || length > available || length > MAX_PACKET) return false;
        boolean eap = false;
        for (int a = p + HEADER, end = p + length; a < end; ) {
            if (end - a < 2) return false;
            int attributeLength = payload.get(a + 1) & 0xff;
            if (attributeLength < 2 || attributeLength > end - a) return false;
            if ((payload.get(a) & 0xff) == EAP_MESSAGE) eap = true;
            a += attributeLength;
        }
        return eap;
    }

    private static boolean accessCode(int code) {
        return code == ACCESS_REQUEST || code == ACCESS_ACCEPT || code == ACCESS_REJECT || code == ACCESS_CHALLENGE;
    }

    /** The packet, or empty when it is not an Access packet or not well formed. */
    static Optional<RadiusPacket> read(ByteBuffer payload) {
        int p = payload.position();
        int available = payload.remaining();
        if (available < HEADER || !accessCode(payload.get(p) & 0xff)) return Optional.empty();
        int length = payload.getShort(p + 2) & 0xffff;
        if (length < HEADER || length > available || length > MAX_PACKET) return Optional.empty();
        byte[] authenticator = new byte[16];
        payload.get(p + 4, authenticator);
        byte[] state = null;
        String userName = null, nasIdentifier = null, nasAddress = null, callingStation = null;
        byte[] eap = new byte[length];
        int eapLength = 0;
        for (int a = p + HEADER, end = p + length; a < end; ) {
            if (end - a < 2) return Optional.empty();
            int type = payload.get(a) & 0xff;
            int attributeLength = payload.get(a + 1) & 0xff;
            if (attributeLength < 2 || attributeLength > end - a) return Optional.empty();
            int value = a + 2;
            int valueLength = attributeLength - 2;
            switch (type) {
                case USER_NAME -> userName = text(payload, value, valueLength);
                case NAS_IDENTIFIER -> nasIdentifier = text(payload, value, valueLength);
                case CALLING_STATION_ID -> callingStation = text(payload, value, valueLength);
                case NAS_IP_ADDRESS -> nasAddress = address(payload, value, valueLength, 4).orElse(nasAddress);
                case NAS_IPV6_ADDRESS -> nasAddress = address(payload, value, valueLength, 16).orElse(nasAddress);
                case STATE -> {
                    state = new byte[valueLength];
                    payload.get(value, state);
                }
                case EAP_MESSAGE -> {
                    // RFC 3579 section 3.1: an EAP packet longer than 253 bytes is split over
                    // consecutive EAP-Message attributes, to be joined in order.
                    payload.get(value, eap, eapLength, valueLength);
                    eapLength += valueLength;
                }
                default -> {
                    // Other attributes do not bear on the TLS inside.
                }
            }
            a += attributeLength;
        }
        return Optional.of(new RadiusPacket(payload.get(p) & 0xff, payload.get(p + 1) & 0xff, authenticator,
                Optional.ofNullable(state), Optional.ofNullable(userName), Optional.ofNullable(nasIdentifier),
                Optional.ofNullable(nasAddress), Optional.ofNullable(callingStation),
                eapLength > 0 ? Optional.of(ByteBuffer.wrap(Arrays.copyOf(eap, eapLength))) : Optional.empty()));
    }

    boolean request() {
        return code == ACCESS_REQUEST;
    }

    /** Accept or Reject: the authentication is over. */
    boolean ends() {
        return code == ACCESS_ACCEPT || code == ACCESS_REJECT;
    }

    private static String text(ByteBuffer b, int p, int length) {
        byte[] bytes = new byte[length];
        b.get(p, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Optional<String> address(ByteBuffer b, int p, int length, int size) {
        if (length != size) return Optional.empty();
        byte[] bytes = new byte[size];
        b.get(p, bytes);
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            return Optional.of(new IpEndpoint(address, 0).host()); // written as endpoints write addresses
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
