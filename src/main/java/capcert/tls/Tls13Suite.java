package capcert.tls;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The five TLS 1.3 cipher suites (RFC 8446 appendix B.4): their hash, AEAD and, for QUIC and DTLS
 * 1.3, the cipher that masks packet and record numbers. AES-GCM and ChaCha20-Poly1305 come from the
 * JDK; AES-CCM, which the JDK lacks, from Bouncy Castle.
 */
enum Tls13Suite {
    AES_128_GCM_SHA256(0x1301, Hkdf.SHA256, 16, 16),
    AES_256_GCM_SHA384(0x1302, Hkdf.SHA384, 32, 16),
    CHACHA20_POLY1305_SHA256(0x1303, Hkdf.SHA256, 32, 16),
    AES_128_CCM_SHA256(0x1304, Hkdf.SHA256, 16, 16),
    AES_128_CCM_8_SHA256(0x1305, Hkdf.SHA256, 16, 8);

    static final int IV_LENGTH = 12;

    final int code;
    final Hkdf hkdf;
    final int keyLength;
    final int tagLength;

    Tls13Suite(int code, Hkdf hkdf, int keyLength, int tagLength) {
        this.code = code;
        this.hkdf = hkdf;
        this.keyLength = keyLength;
        this.tagLength = tagLength;
    }

    static Optional<Tls13Suite> of(int code) {
        for (Tls13Suite suite : values()) {
            if (suite.code == code) return Optional.of(suite);
        }
        return Optional.empty();
    }

    /** One key of this suite, ready to open records (not thread-safe: one per direction). */
    Aead aead(byte[] key) {
        return switch (this) {
            case AES_128_GCM_SHA256, AES_256_GCM_SHA384 -> new JdkAead("AES/GCM/NoPadding", "AES", key, tagLength, true);
            case CHACHA20_POLY1305_SHA256 -> new JdkAead("ChaCha20-Poly1305", "ChaCha20", key, tagLength, false);
            case AES_128_CCM_SHA256, AES_128_CCM_8_SHA256 -> new CcmAead(key, tagLength);
        };
    }

    /**
     * The 5-byte mask of QUIC header protection (RFC 9001 section 5.4) and DTLS 1.3 record number
     * encryption (RFC 9147 section 4.2.3) for a 16-byte {@code sample}.
     */
    byte[] mask(byte[] key, byte[] sample) {
        try {
            if (this == CHACHA20_POLY1305_SHA256) {
                int counter = (sample[0] & 0xff) | (sample[1] & 0xff) << 8 | (sample[2] & 0xff) << 16 | (sample[3] & 0xff) << 24;
                Cipher chacha = Cipher.getInstance("ChaCha20", Hkdf.JDK_CRYPTO);
                chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                        new ChaCha20ParameterSpec(Arrays.copyOfRange(sample, 4, 16), counter));
                return chacha.doFinal(new byte[5]);
            }
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding", Hkdf.JDK_CRYPTO);
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return Arrays.copyOf(aes.doFinal(sample, 0, 16), 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute a header protection mask", e);
        }
    }

    /** An AEAD key: opens a ciphertext with its tag, or says the tag did not match. */
    interface Aead {
        /** The plaintext, or empty when the authentication tag does not match. */
        Optional<byte[]> open(byte[] nonce, byte[] aad, byte[] data, int offset, int length);
    }

    private static final class JdkAead implements Aead {
        private final Cipher cipher;
        private final SecretKeySpec key;
        private final int tagLength;
        private final boolean gcm;

        JdkAead(String transformation, String algorithm, byte[] key, int tagLength, boolean gcm) {
            try {
                this.cipher = Cipher.getInstance(transformation, Hkdf.JDK_CRYPTO);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks " + transformation, e);
            }
            this.key = new SecretKeySpec(key, algorithm);
            this.tagLength = tagLength;
            this.gcm = gcm;
        }

        @Override
        public Optional<byte[]> open(byte[] nonce, byte[] aad, byte[] data, int offset, int length) {
            if (length < tagLength) return Optional.empty();
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, gcm ? new GCMParameterSpec(tagLength * 8, nonce) : new IvParameterSpec(nonce));
                cipher.updateAAD(aad);
                return Optional.of(cipher.doFinal(data, offset, length));
            } catch (AEADBadTagException e) {
                return Optional.empty();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot decrypt with " + cipher.getAlgorithm(), e);
            }
        }
    }

    private static final class CcmAead implements Aead {
        private final CCMModeCipher cipher = CCMBlockCipher.newInstance(AESEngine.newInstance());
        private final KeyParameter key;
        private final int tagLength;

        CcmAead(byte[] key, int tagLength) {
            this.key = new KeyParameter(key);
            this.tagLength = tagLength;
        }

        @Override
        public Optional<byte[]> open(byte[] nonce, byte[] aad, byte[] data, int offset, int length) {
            if (length < tagLength) return Optional.empty();
            cipher.init(false, new AEADParameters(key, tagLength * 8, nonce, aad));
            byte[] out = new byte[length - tagLength];
            try {
                int n = cipher.processBytes(data, offset, length, out, 0);
                cipher.doFinal(out, n);
                return Optional.of(out);
            } catch (InvalidCipherTextException e) {
                return Optional.empty();
            }
        }
    }
}
