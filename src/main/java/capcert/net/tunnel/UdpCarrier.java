package capcert.net.tunnel;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

/** The protocols carrying TLS or DTLS that a UDP flow is recognised as, by the content of one datagram. */
enum UdpCarrier {
    RADIUS, OPENVPN, CAPWAP, TURN;

    /**
     * What carries {@code payload}, or null. Asked of every datagram of a flow not yet followed, so
     * each test looks at the first byte before anything else.
     *
     * @param epochNanos the datagram's capture time: OpenVPN's replay protection carries the sender's clock
     * @param dtls       whether bytes start with a DTLS record, for the protocols that wrap DTLS
     */
    static UdpCarrier of(ByteBuffer payload, long epochNanos, Predicate<ByteBuffer> dtls) {
        if (CapwapFlow.startsDtls(payload, dtls)) return CAPWAP;
        if (TurnRelay.startsUdp(payload, dtls)) return TURN;
        if (RadiusPacket.carriesEap(payload)) return RADIUS;
        if (OpenVpnPacket.startsSession(payload, epochNanos)) return OPENVPN;
        return null;
    }
}
