package capcert.tls;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * HKDF (RFC 5869) with the labels of TLS 1.3 (RFC 8446 section 7.1), which QUIC (RFC 9001 section 5)
 * and DTLS 1.3 (RFC 9147 section 5.9, prefix "dtls13") use too.
 */
enum Hkdf {
    SHA256("HmacSHA256", 32),
    SHA384("HmacSHA384", 48);

    /** The prefix every TLS 1.3 and QUIC label carries. */
    static final String TLS13 = "tls13 ";
    /** DTLS 1.3's prefix (no space). */
    static final String DTLS13 = "dtls13";

    /**
     * The JDK's own provider, named rather than searched for: looking a MAC up among all providers
     * was most of what deriving a connection's keys cost.
     */
    static final java.security.Provider JDK_CRYPTO = java.security.Security.getProvider("SunJCE");

    private final String macAlgorithm;
    private final int hashLength;

    Hkdf(String macAlgorithm, int hashLength) {
        this.macAlgorithm = macAlgorithm;
        this.hashLength = hashLength;
    }

    int hashLength() {
        return hashLength;
    }

    byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        return mac(salt.length == 0 ? new byte[hashLength] : salt, inputKeyingMaterial);
    }

    /** HKDF-Expand-Label(secret, label, "", length) with the TLS 1.3 prefix. */
    byte[] expandLabel(byte[] secret, String label, int length) {
        return expandLabel(secret, TLS13, label, new byte[0], length);
    }

    byte[] expandLabel(byte[] secret, String prefix, String label, byte[] context, int length) {
        return expand(secret, labelInfo(prefix, label, context, length), length);
    }

    /** The HkdfLabel structure (RFC 8446 section 7.1). */
    private static byte[] labelInfo(String prefix, String label, byte[] context, int length) {
        byte[] fullLabel = (prefix + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[3 + fullLabel.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + fullLabel.length, context.length);
        return info;
    }

    byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        return expander(pseudoRandomKey).expand(info, length);
    }

    /**
     * Several expansions of one secret with one keyed MAC: deriving a traffic secret's key, IV and
     * mask key this way is a third of what three separate expansions cost.
     */
    Expander expander(byte[] pseudoRandomKey) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm, JDK_CRYPTO);
            mac.init(new SecretKeySpec(pseudoRandomKey, macAlgorithm));
            return new Expander(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + macAlgorithm, e);
        }
    }

    /** HKDF-Expand with one pseudo-random key (not thread-safe). */
    final class Expander {
        private final Mac mac;

        private Expander(Mac mac) {
            this.mac = mac;
        }

        byte[] expandLabel(String prefix, String label, byte[] context, int length) {
            return expand(labelInfo(prefix, label, context, length), length);
        }

        byte[] expand(byte[] info, int length) {
            if (length > 255 * hashLength) throw new IllegalArgumentException("HKDF-Expand of " + length + " bytes");
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int filled = 0;
            for (int counter = 1; filled < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            }
            return out;
        }
    }

    private byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm, JDK_CRYPTO);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + macAlgorithm, e);
        }
    }
}
