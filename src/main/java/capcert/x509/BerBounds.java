package capcert.x509;

import java.util.Optional;

/**
 * The shape of BER/DER bytes checked before any decoder sees them. The JDK's and Bouncy Castle's
 * parsers descend one call per level of nesting (the JDK also rewrites indefinite lengths into
 * definite ones, level by level), so a 42 KB certificate of nested {@code 30 80} exhausts the stack
 * of the thread that decodes it. This walk is a loop with a fixed stack of its own: it reads every
 * tag and length without decoding anything, and refuses bytes nested deeper than any certificate
 * needs, or holding more indefinite lengths than a certificate can (DER has none).
 *
 * <p>Strings can hold DER of their own (an extension's value is an OCTET STRING around its DER, a
 * public key a BIT STRING around its own): their content is walked too, where it reads as BER, and
 * counts toward the same depth, since the decoders parse it on demand.
 */
public final class BerBounds {

    /** Deeper than any certificate, CRL or OCSP response in the wild (a certificate nests about 12 deep). */
    public static final int MAX_DEPTH = 64;
    /** Certificates are DER: BER's indefinite lengths are tolerated, a few of them. */
    public static final int MAX_INDEFINITE_LENGTHS = 256;

    private static final int CONSTRUCTED = 0x20;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int HIGH_TAG_NUMBER = 0x1f;
    private static final int INDEFINITE = 0x80;
    /** Marks a level whose end is its end-of-contents octets. */
    private static final int UNTIL_END_OF_CONTENTS = -1;
    private static final long INDEFINITE_LENGTH = -1;
    private static final long MALFORMED = -2;

    private BerBounds() {
    }

    /** Why {@code der} must not reach a decoder; empty when its nesting and indefinite lengths are within bounds. */
    public static Optional<String> exceeded(byte[] der) {
        return exceeded(der, 0, der.length);
    }

    /** The same for {@code length} bytes at {@code offset}. */
    public static Optional<String> exceeded(byte[] b, int offset, int length) {
        // ends[d] is where level d ends (or UNTIL_END_OF_CONTENTS); stringAt[d] says level d is the
        // inside of a string, where bytes that do not read as BER are data, not damage.
        int[] ends = new int[MAX_DEPTH + 1];
        boolean[] stringAt = new boolean[MAX_DEPTH + 1];
        int depth = 0;
        ends[0] = offset + length;
        int indefinite = 0;
        int at = offset;
        while (true) {
            int end = ends[depth];
            int limit = end == UNTIL_END_OF_CONTENTS ? enclosingEnd(ends, depth) : end;
            if (end == UNTIL_END_OF_CONTENTS && limit - at >= 2 && b[at] == 0 && b[at + 1] == 0) {
                at += 2;
                depth--;
                continue;
            }
            if (end != UNTIL_END_OF_CONTENTS && at >= end) {
                if (depth == 0) return Optional.empty();
                depth--;
                continue;
            }
            int header = headerLength(b, at, limit);
            long contentLength = header > 0 ? contentLength(b, at, header, limit) : MALFORMED;
            int tag = header > 0 ? b[at] & 0xff : 0;
            boolean constructed = (tag & CONSTRUCTED) != 0;
            if (contentLength == INDEFINITE_LENGTH && !constructed) contentLength = MALFORMED;
            if (contentLength == MALFORMED) {
                // Not BER: inside a string that is just data, so the walk resumes after the string;
                // anywhere else the decoders refuse it before they go deeper.
                while (depth > 0 && !stringAt[depth]) depth--;
                if (depth == 0) return Optional.empty();
                at = ends[depth];
                depth--;
                continue;
            }
            int contentStart = at + header;
            boolean string = tag == OCTET_STRING || tag == BIT_STRING;
            if (!constructed && !string) {
                at = (int) (contentStart + contentLength);
                continue;
            }
            if (depth == MAX_DEPTH) return Optional.of("nested more than " + MAX_DEPTH + " levels deep");
            depth++;
            stringAt[depth] = string;
            if (contentLength == INDEFINITE_LENGTH) {
                if (++indefinite > MAX_INDEFINITE_LENGTHS) {
                    return Optional.of("more than " + MAX_INDEFINITE_LENGTHS + " indefinite lengths (certificates are DER)");
                }
                ends[depth] = UNTIL_END_OF_CONTENTS;
                at = contentStart;
            } else {
                ends[depth] = (int) (contentStart + contentLength);
                // A BIT STRING's first content byte counts its unused bits.
                at = tag == BIT_STRING ? Math.min(contentStart + 1, ends[depth]) : contentStart;
            }
        }
    }

    /**
     * Where the definite-length element at {@code at} ends, or -1 when its header is malformed, its
     * length indefinite, or it runs past {@code end}: for counting a SEQUENCE's entries without
     * decoding them.
     */
    public static int elementEnd(byte[] b, int at, int end) {
        int header = headerLength(b, at, end);
        if (header <= 0) return -1;
        long length = contentLength(b, at, header, end);
        return length < 0 ? -1 : (int) (at + header + length);
    }

    /** Where the content of the element at {@code at} starts, or -1 when its header is malformed. */
    public static int contentStart(byte[] b, int at, int end) {
        int header = headerLength(b, at, end);
        return header <= 0 ? -1 : at + header;
    }

    /** The end of the nearest level around {@code depth} whose end is known. */
    private static int enclosingEnd(int[] ends, int depth) {
        for (int d = depth; d >= 0; d--) {
            if (ends[d] != UNTIL_END_OF_CONTENTS) return ends[d];
        }
        return ends[0];
    }

    /** The bytes of tag and length at {@code at}, or 0 when they do not fit before {@code limit} or are malformed. */
    private static int headerLength(byte[] b, int at, int limit) {
        int i = at;
        if (i >= limit) return 0;
        if ((b[i++] & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
            // Tag numbers past 30 take base-128 bytes; four of them reach 2^28, more than any OID arc here.
            int count = 0;
            while (true) {
                if (i >= limit || ++count > 4) return 0;
                if ((b[i++] & 0x80) == 0) break;
            }
        }
        if (i >= limit) return 0;
        int first = b[i++] & 0xff;
        if (first > INDEFINITE) {
            int count = first & 0x7f;
            if (count > 4 || limit - i < count) return 0;
            i += count;
        }
        return i - at;
    }

    /** The content length of the header at {@code at}: {@link #INDEFINITE_LENGTH}, or {@link #MALFORMED} when it runs past {@code limit}. */
    private static long contentLength(byte[] b, int at, int header, int limit) {
        int lengthAt = at + 1;
        if ((b[at] & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
            while ((b[lengthAt] & 0x80) != 0) lengthAt++;
            lengthAt++;
        }
        int first = b[lengthAt] & 0xff;
        long length;
        if (first == INDEFINITE) {
            return INDEFINITE_LENGTH;
        } else if (first < INDEFINITE) {
            length = first;
        } else {
            length = 0;
            for (int k = lengthAt + 1; k < at + header; k++) length = length << 8 | (b[k] & 0xff);
        }
        return at + header + length > limit ? MALFORMED : length;
    }
}
