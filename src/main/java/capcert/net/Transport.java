package capcert.net;

/**
 * How a handshake's bytes reached the capture: straight over TCP or UDP, or inside another
 * protocol that carries TLS (802.1X EAP, RADIUS, OpenVPN's control channel, CAPWAP, TURN).
 */
public enum Transport {
    TCP("tcp"),
    UDP("udp"),
    /** EAP over LAN (IEEE 802.1X), wired or Wi-Fi: the endpoints are MAC addresses. */
    EAPOL("eapol"),
    /** EAP inside RADIUS Access-Request / Access-Challenge over UDP. */
    RADIUS("radius"),
    /** OpenVPN's control channel over TCP (2-byte length framing). */
    OPENVPN_TCP("openvpn-tcp"),
    OPENVPN_UDP("openvpn-udp"),
    /** DTLS after the CAPWAP preamble (control and data channels). */
    CAPWAP("capwap"),
    /** DTLS between two peers, relayed by a TURN server (ChannelData, Send/Data indications) over UDP. */
    TURN_UDP("turn-udp"),
    TURN_TCP("turn-tcp");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** The word for it in JSON and listings, stable: {@code tcp}, {@code radius}, {@code openvpn-udp}… */
    public String label() {
        return label;
    }
}
