package capcert.tls;

import com.github.luben.zstd.ZstdInputStream;
import org.brotli.dec.BrotliInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The body of a CompressedCertificate message (RFC 8879): the algorithm, the length the Certificate
 * message has uncompressed, and the compressed bytes, inflated by zlib (the JDK), brotli
 * ({@code org.brotli:dec}) or zstd (zstd-jni, which reads compressed captures too). Never inflates past the announced
 * length, so a small message cannot make a large allocation (a "zip bomb").
 */
final class CompressedCertificates {

    static final int ZLIB = 1;
    static final int BROTLI = 2;
    static final int ZSTD = 3;

    /** A Certificate message that would inflate past the limit on a handshake message: not inflated. */
    static final class OverLimit extends Exception {
        private static final long serialVersionUID = 1L;

        final int algorithm;
        final int uncompressedLength;

        OverLimit(int algorithm, int uncompressedLength) {
            super(null, null, false, false);
            this.algorithm = algorithm;
            this.uncompressedLength = uncompressedLength;
        }
    }

    private CompressedCertificates() {
    }

    static String algorithmName(int algorithm) {
        return switch (algorithm) {
            case ZLIB -> "zlib";
            case BROTLI -> "brotli";
            case ZSTD -> "zstd";
            default -> "algorithm " + algorithm;
        };
    }

    /**
     * The Certificate message body that {@code body} (a CompressedCertificate message body) holds,
     * at most {@code limit} bytes long.
     */
    static byte[] inflate(Bytes body, int limit) throws Bytes.Malformed, OverLimit {
        int algorithm = body.u16("compression algorithm");
        int uncompressedLength = body.u24("uncompressed length");
        int compressedLength = body.u24("compressed certificate message length");
        int start = body.position();
        body.skip(compressedLength, "compressed certificate message");
        if (uncompressedLength > limit) throw new OverLimit(algorithm, uncompressedLength);
        InputStream compressed = new ByteArrayInputStream(body.array(), start, compressedLength);
        try (InputStream in = switch (algorithm) {
            case ZLIB -> new InflaterInputStream(compressed, new Inflater());
            case BROTLI -> new BrotliInputStream(compressed);
            case ZSTD -> new ZstdInputStream(compressed);
            default -> throw new Bytes.Malformed("unknown certificate compression algorithm " + algorithm);
        }) {
            // Grown as the data inflates: the announced length sizes nothing the compressed bytes do not produce.
            byte[] out = new byte[Math.min(uncompressedLength, Math.max(4096, 4 * compressedLength))];
            int filled = 0;
            while (filled < uncompressedLength) {
                if (filled == out.length) out = java.util.Arrays.copyOf(out, (int) Math.min(uncompressedLength, 2L * out.length));
                int n = in.read(out, filled, out.length - filled);
                if (n < 0) break;
                filled += n;
            }
            if (filled < uncompressedLength) {
                throw new Bytes.Malformed(algorithmName(algorithm) + " data inflates to " + filled + " bytes, not the "
                        + uncompressedLength + " announced");
            }
            if (in.read() >= 0) {
                throw new Bytes.Malformed(algorithmName(algorithm) + " data inflates to more than the " + uncompressedLength
                        + " bytes announced");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            // The decoders signal damage with IOException or unchecked exceptions of their own.
            throw new Bytes.Malformed(algorithmName(algorithm) + " data is damaged: " + e.getMessage());
        }
    }
}
