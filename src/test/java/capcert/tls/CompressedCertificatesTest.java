package capcert.tls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 8879 bodies; brotli and zstd are covered by the GnuTLS captures (tls13-compressed-*.pcap). */
class CompressedCertificatesTest {

    private static byte[] body(int algorithm, int uncompressedLength, byte[] compressed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (algorithm >>> 8), (byte) algorithm});
        b.writeBytes(new byte[] {(byte) (uncompressedLength >>> 16), (byte) (uncompressedLength >>> 8), (byte) uncompressedLength});
        b.writeBytes(new byte[] {(byte) (compressed.length >>> 16), (byte) (compressed.length >>> 8), (byte) compressed.length});
        b.writeBytes(compressed);
        return b.toByteArray();
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        return Arrays.copyOf(out, n);
    }

    private static byte[] inflate(byte[] body, int limit) throws Bytes.Malformed, CompressedCertificates.OverLimit {
        return CompressedCertificates.inflate(new Bytes(body, 0, body.length), limit);
    }

    @Test
    void zlibInflatesToTheAnnouncedLength() throws Exception {
        byte[] message = new byte[100_000];
        for (int i = 0; i < message.length; i++) message[i] = (byte) (i % 7);
        assertArrayEquals(message, inflate(body(1, message.length, zlib(message)), 1 << 20));
    }

    @Test
    void lengthsThatDoNotFitTheDataAreRefused() {
        byte[] message = new byte[1000];
        Bytes.Malformed shorter = assertThrows(Bytes.Malformed.class, () -> inflate(body(1, 999, zlib(message)), 1 << 20));
        assertTrue(shorter.getMessage().contains("more than the 999 bytes announced"), shorter.getMessage());
        Bytes.Malformed longer = assertThrows(Bytes.Malformed.class, () -> inflate(body(1, 5000, zlib(message)), 1 << 20));
        assertTrue(longer.getMessage().contains("inflates to 1000 bytes, not the 5000 announced"), longer.getMessage());
        CompressedCertificates.OverLimit overLimit = assertThrows(CompressedCertificates.OverLimit.class,
                () -> inflate(body(1, 1 << 23, zlib(message)), 1 << 20));
        assertEquals("malformed CompressedCertificate from the server at frame 7: zlib-compressed Certificate claims"
                + " 8388608 bytes uncompressed, over the 1048576-byte limit (raise it)",
                new Note.CompressedCertificateOverLimit(Role.SERVER, 7, overLimit.algorithm, overLimit.uncompressedLength,
                        1 << 20).message(" (raise it)"));
        assertThrows(Bytes.Malformed.class, () -> inflate(body(2, 1000, new byte[] {1, 2, 3}), 1 << 20));
        assertThrows(Bytes.Malformed.class, () -> inflate(body(3, 1000, new byte[] {1, 2, 3}), 1 << 20));
        assertThrows(Bytes.Malformed.class, () -> inflate(body(9, 1000, new byte[] {1, 2, 3}), 1 << 20));
    }
}
