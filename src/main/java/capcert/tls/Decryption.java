package capcert.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the encrypted part of a TLS 1.3, QUIC or DTLS 1.3 handshake was read. A handshake has one only
 * when keys were at hand: a key log (a file, or a pcapng Decryption Secrets Block), or for QUIC the
 * Initial keys that every connection's first packet gives away.
 *
 * @param quicVersion  "QUIC v1", "QUIC v2", … when the handshake ran over QUIC
 * @param keySource    the key source whose secrets decrypted its handshake messages (the name of a
 *                     key log file, or the capture's Decryption Secrets Block); empty when none did,
 *                     in which case the notes say why
 * @param offeredAlpn  the application protocols the client offered, in its order
 * @param selectedAlpn the one the server chose, when its (encrypted) answer was read
 */
public record Decryption(Optional<String> quicVersion, Optional<String> keySource, List<String> offeredAlpn,
                         Optional<String> selectedAlpn) {

    public Decryption {
        Objects.requireNonNull(quicVersion);
        Objects.requireNonNull(keySource);
        offeredAlpn = List.copyOf(offeredAlpn);
        Objects.requireNonNull(selectedAlpn);
    }
}
