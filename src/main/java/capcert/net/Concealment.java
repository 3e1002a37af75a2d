package capcert.net;

/** Why a tunnel's TLS handshake cannot be read: the carrier encrypts it. */
public enum Concealment {
    /** OpenVPN {@code tls-crypt}: the control channel is encrypted with a pre-shared key. */
    OPENVPN_TLS_CRYPT,
    /** OpenVPN {@code tls-crypt-v2}: the same with a key per client. */
    OPENVPN_TLS_CRYPT_V2,
    /**
     * An OpenVPN renegotiation between two OpenVPN 2.6 peers: its control channel is encrypted with
     * a key derived from the session before ("dynamic tls-crypt"), whatever the configuration.
     */
    OPENVPN_DYNAMIC_TLS_CRYPT
}
