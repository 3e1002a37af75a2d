package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * A certificate's bytes as {@code openssl asn1parse} lists them (offset, depth, header and content
 * length, tag, value) and as Wireshark's bytes pane shows them (offset, hex, ASCII): for the engineer
 * who must see exactly what was sent, a malformed certificate above all. Lengths are checked against
 * the bytes at hand; where they do not fit, the listing says so and stops that branch.
 */
public final class Asn1Listing {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_VALUE = 48;
    private static final String[] UNIVERSAL = new String[31];
    private static final Map<String, String> NAMES = Map.of(
            X509ObjectIdentifiers.commonName.getId(), "commonName",
            BCStyle.O.getId(), "organizationName",
            BCStyle.OU.getId(), "organizationalUnitName",
            BCStyle.C.getId(), "countryName",
            BCStyle.L.getId(), "localityName",
            BCStyle.ST.getId(), "stateOrProvinceName");

    static {
        String[] names = {"EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL", "OBJECT", "OBJECT DESCRIPTOR",
                "EXTERNAL", "REAL", "ENUMERATED", "EMBEDDED PDV", "UTF8STRING", "RELATIVE-OID", "TIME", "RESERVED",
                "SEQUENCE", "SET", "NUMERICSTRING", "PRINTABLESTRING", "T61STRING", "VIDEOTEXSTRING", "IA5STRING", "UTCTIME",
                "GENERALIZEDTIME", "GRAPHICSTRING", "VISIBLESTRING", "GENERALSTRING", "UNIVERSALSTRING", "CHARACTER STRING",
                "BMPSTRING"};
        System.arraycopy(names, 0, UNIVERSAL, 0, names.length);
    }

    private Asn1Listing() {
    }

    /** The DER structure, one line per element, as {@code openssl asn1parse -inform DER} prints it. */
    public static String structure(byte[] der) {
        StringBuilder out = new StringBuilder();
        int end = walk(der, 0, der.length, 0, out);
        if (end < der.length) out.append(String.format("%5d: %d trailing bytes after the certificate\n", end, der.length - end));
        return out.toString();
    }

    /** The bytes as a hex dump: offset, 16 bytes in hex, the printable ones as ASCII. */
    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int line = 0; line < bytes.length; line += 16) {
            out.append(String.format("%06x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) {
                    out.append(hex.toHexDigits(bytes[i])).append(i == line + 7 ? "  " : " ");
                    int b = bytes[i] & 0xff;
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append(i == line + 7 ? "    " : "   ");
                }
            }
            out.append(' ').append(ascii).append('\n');
        }
        return out.toString();
    }

    /** Lists the elements from {@code offset} to {@code end}; returns where listing stopped. */
    private static int walk(byte[] der, int offset, int end, int depth, StringBuilder out) {
        int at = offset;
        while (at < end) {
            int tag = der[at] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                out.append(String.format("%5d: high tag numbers are not listed\n", at));
                return end;
            }
            if (at + 1 >= end) return bad(out, at, "header cut short");
            int first = der[at + 1] & 0xff;
            int header = 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else if (first == 0x80) {
                return bad(out, at, "indefinite length (not DER)");
            } else {
                int count = first & 0x7f;
                if (count > 4 || at + 2 + count > end) return bad(out, at, "length of " + count + " bytes does not fit");
                length = 0;
                for (int i = 0; i < count; i++) length = (length << 8) | (der[at + 2 + i] & 0xff);
                header += count;
            }
            if (at + header + length > end) return bad(out, at, "length " + length + " runs past the " + (end - at - header) + " bytes left");
            boolean constructed = (tag & 0x20) != 0;
            int content = at + header;
            int contentEnd = (int) (content + length);
            out.append(String.format("%5d:d=%-2d hl=%d l=%4d %s: %s%s", at, depth, header, length,
                    constructed ? "cons" : "prim", " ".repeat(depth), tagName(tag)))
                    .append(constructed ? "" : value(tag, der, content, contentEnd)).append('\n');
            if (constructed && depth < MAX_DEPTH) walk(der, content, contentEnd, depth + 1, out);
            at = contentEnd;
        }
        return at;
    }

    private static int bad(StringBuilder out, int at, String why) {
        out.append(String.format("%5d: %s\n", at, why));
        return Integer.MAX_VALUE;
    }

    private static String tagName(int tag) {
        int number = tag & 0x1f;
        return switch (tag & 0xc0) {
            case 0x00 -> number < UNIVERSAL.length && UNIVERSAL[number] != null ? UNIVERSAL[number] : "universal [" + number + "]";
            case 0x80 -> "cont [ " + number + " ]";
            case 0x40 -> "appl [ " + number + " ]";
            default -> "priv [ " + number + " ]";
        };
    }

    private static String value(int tag, byte[] der, int from, int to) {
        if ((tag & 0xc0) != 0) return "";
        byte[] v = java.util.Arrays.copyOfRange(der, from, to);
        return switch (tag & 0x1f) {
            case 1 -> " :" + (v.length == 1 && v[0] != 0 ? "TRUE" : "FALSE");
            case 2, 10 -> " :" + shorten(HexFormat.of().withUpperCase().formatHex(v));
            case 6 -> " :" + oid(der, from - 2, to);
            case 12, 19, 20, 22, 23, 24, 26 -> " :" + shorten(new String(v, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "."));
            case 3, 4 -> v.length == 0 ? "" : " [HEX DUMP]:" + shorten(HexFormat.of().withUpperCase().formatHex(v));
            default -> "";
        };
    }

    private static String oid(byte[] der, int headerAt, int to) {
        try {
            ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(java.util.Arrays.copyOfRange(der, headerAt, to));
            String name = NAMES.get(oid.getId());
            if (name == null) name = ExtendedKeyUsage.label(oid.getId()).orElse(null);
            return name == null ? oid.getId() : name + " (" + oid.getId() + ")";
        } catch (RuntimeException e) {
            return "(malformed object identifier)";
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE) + "…";
    }
}
