package capcert.tls;

/**
 * The version of the protocol that carried a handshake, as far as its encryption goes: a TLS or
 * DTLS version, or the QUIC version whose packets carried TLS 1.3. Its {@code toString()} names it as
 * people write it ("TLS 1.3", "DTLS 1.3", "QUIC v1").
 */
public sealed interface ProtocolVersion permits TlsVersion, QuicVersion {
}
