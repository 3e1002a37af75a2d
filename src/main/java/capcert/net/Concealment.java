package capcert.net;

/** Why a tunnel's TLS handshake cannot be read: the carrier encrypts it. */
public enum Concealment {
    /** OpenVPN {@code tls-crypt}: the control channel is encrypted with a pre-shared key. */
    OPENVPN_TLS_CRYPT,
    /** OpenVPN {@code tls-crypt-v2}: the same with a key per client. */
    OPENVPN_TLS_CRYPT_V2
}
