package capcert.tls;

import java.util.Optional;

/**
 * The keys of one direction at one stage of a TLS 1.3 handshake, derived from its traffic secret
 * (RFC 8446 section 7.3): the AEAD key and IV, and for QUIC (RFC 9001 section 5.1) and DTLS 1.3
 * (RFC 9147 section 4.2.3) the key that masks packet or record numbers. Labels differ by protocol:
 * "key"/"iv" for TLS, "quic key"/"quic iv"/"quic hp" for QUIC v1, "quicv2 …" for v2, and the
 * "dtls13" prefix with "key"/"iv"/"sn" for DTLS 1.3.
 */
final class TrafficKeys {

    /** The labels a protocol derives its keys with. */
    enum Labels {
        TLS(Hkdf.TLS13, "key", "iv", null, "traffic upd"),
        QUIC_V1(Hkdf.TLS13, "quic key", "quic iv", "quic hp", "quic ku"),
        QUIC_V2(Hkdf.TLS13, "quicv2 key", "quicv2 iv", "quicv2 hp", "quicv2 ku"),
        DTLS13(Hkdf.DTLS13, "key", "iv", "sn", "traffic upd");

        final String prefix;
        final String key;
        final String iv;
        final String mask;
        final String update;

        Labels(String prefix, String key, String iv, String mask, String update) {
            this.prefix = prefix;
            this.key = key;
            this.iv = iv;
            this.mask = mask;
            this.update = update;
        }
    }

    final Tls13Suite suite;
    private final Labels labels;
    private final byte[] secret;
    private final byte[] iv;
    private final byte[] maskKey;
    private final Tls13Suite.Aead aead;

    TrafficKeys(Tls13Suite suite, Labels labels, byte[] secret) {
        this.suite = suite;
        this.labels = labels;
        this.secret = secret.clone();
        byte[] none = new byte[0];
        Hkdf.Expander expander = suite.hkdf.expander(secret);
        this.aead = suite.aead(expander.expandLabel(labels.prefix, labels.key, none, suite.keyLength));
        this.iv = expander.expandLabel(labels.prefix, labels.iv, none, Tls13Suite.IV_LENGTH);
        this.maskKey = labels.mask == null ? null : expander.expandLabel(labels.prefix, labels.mask, none, suite.keyLength);
    }

    /** The keys after a KeyUpdate (RFC 8446 section 7.2) or a QUIC key update (RFC 9001 section 6). */
    TrafficKeys next() {
        byte[] nextSecret = suite.hkdf.expandLabel(secret, labels.prefix, labels.update, new byte[0], suite.hkdf.hashLength());
        return new TrafficKeys(suite, labels, nextSecret);
    }

    byte[] iv() {
        return iv.clone();
    }

    /** The 5-byte mask for a 16-byte sample of the ciphertext. */
    byte[] mask(byte[] sample) {
        if (maskKey == null) throw new IllegalStateException("TLS over TCP masks no record numbers");
        return suite.mask(maskKey, sample);
    }

    byte[] maskKey() {
        return maskKey == null ? null : maskKey.clone();
    }

    /**
     * Opens the ciphertext {@code data[offset, offset + length)} (tag included) sent with sequence
     * or packet number {@code sequence}; empty when the tag does not match.
     */
    Optional<byte[]> open(long sequence, byte[] aad, byte[] data, int offset, int length) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        return aead.open(nonce, aad, data, offset, length);
    }
}
