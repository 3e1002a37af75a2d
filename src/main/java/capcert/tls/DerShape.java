package capcert.tls;

/**
 * Whether bytes have the shape of an X.509 certificate, read without decoding it: a SEQUENCE that
 * holds a SEQUENCE (the to-be-signed part), a SEQUENCE (the signature algorithm) and a BIT STRING
 * (the signature), each length within its parent (RFC 5280 section 4.1, X.690 definite lengths).
 * Bytes after the certificate are allowed: a real certificate sent with trailing bytes is still a
 * certificate worth showing, with what is wrong with it. Anything else, such as bytes of another
 * protocol's framing caught inside a record, is not one.
 */
final class DerShape {

    private static final int SEQUENCE = 0x30;
    private static final int BIT_STRING = 0x03;

    private DerShape() {
    }

    /** Null when {@code length} bytes at {@code offset} are shaped like a certificate, else why not. */
    static String whyNotACertificate(byte[] b, int offset, int length) {
        int end = offset + length;
        long outer = header(b, offset, end, SEQUENCE);
        if (outer < 0) return length < 2 ? "too short to be DER" : "not a DER SEQUENCE";
        int contentStart = (int) (outer >>> 32);
        int contentEnd = (int) outer;
        if (contentEnd > end) return "its DER length runs " + (contentEnd - end) + " bytes past the entry";
        int at = contentStart;
        for (int tag : new int[] {SEQUENCE, SEQUENCE, BIT_STRING}) {
            long field = header(b, at, contentEnd, tag);
            if (field < 0 || (int) field > contentEnd) return "not a certificate structure (to-be-signed, algorithm, signature)";
            at = (int) field;
        }
        return at == contentEnd ? null : "not a certificate structure (" + (contentEnd - at) + " bytes after the signature)";
    }

    /** Whether the bytes are exactly one DER SEQUENCE. */
    static boolean isOneSequence(byte[] b) {
        long outer = header(b, 0, b.length, SEQUENCE);
        return outer >= 0 && (int) outer == b.length;
    }

    /**
     * The TLV header at {@code i} with tag {@code tag}: (content start << 32 | content end), or -1
     * when the tag differs or the length is not a definite DER length readable before {@code end}.
     */
    private static long header(byte[] b, int i, int end, int tag) {
        if (end - i < 2 || (b[i] & 0xff) != tag) return -1;
        int first = b[i + 1] & 0xff;
        int start = i + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || end - start < count) return -1;
            length = 0;
            for (int k = 0; k < count; k++) length = length << 8 | (b[start + k] & 0xff);
            start += count;
        }
        long contentEnd = start + length;
        if (contentEnd > Integer.MAX_VALUE) return -1;
        return (long) start << 32 | contentEnd;
    }
}
