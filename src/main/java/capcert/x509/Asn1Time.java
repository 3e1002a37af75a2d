package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * UTCTime and GeneralizedTime as instants, read from their characters. Bouncy Castle's own
 * conversion goes through {@code SimpleDateFormat}, whose locale and calendar data cost a short run
 * (one check of a file) more than all its certificates.
 */
final class Asn1Time {

    private Asn1Time() {
    }

    /** @throws IllegalArgumentException when it is neither time type, or its text is no time */
    static Instant of(ASN1Encodable value) {
        ASN1Primitive p = value.toASN1Primitive();
        String text;
        boolean utc;
        try {
            if (p instanceof ASN1UTCTime) {
                utc = true;
            } else if (p instanceof ASN1GeneralizedTime) {
                utc = false;
            } else {
                throw new IllegalArgumentException("not a time: " + p.getClass().getSimpleName());
            }
            byte[] encoded = p.getEncoded();
            int header = (encoded[1] & 0x80) == 0 ? 2 : 2 + (encoded[1] & 0x7f);
            text = new String(encoded, header, encoded.length - header, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("time does not encode", e);
        }
        return parse(text, utc);
    }

    private static Instant parse(String text, boolean utc) {
        int i = 0;
        int year;
        if (utc) {
            year = number(text, 0, 2);
            year += year < 50 ? 2000 : 1900;
            i = 2;
        } else {
            year = number(text, 0, 4);
            i = 4;
        }
        int month = number(text, i, 2);
        int day = number(text, i + 2, 2);
        int hour = number(text, i + 4, 2);
        int minute = number(text, i + 6, 2);
        i += 8;
        int second = 0;
        if (i + 1 < text.length() && Character.isDigit(text.charAt(i))) {
            second = number(text, i, 2);
            i += 2;
        }
        int nanos = 0;
        if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',')) {
            int start = ++i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
            String fraction = (text.substring(start, i) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        ZoneOffset zone = ZoneOffset.UTC;
        if (i < text.length() && text.charAt(i) != 'Z') {
            char sign = text.charAt(i);
            if (sign != '+' && sign != '-') throw new IllegalArgumentException("bad time zone in " + text);
            int hours = number(text, i + 1, 2);
            int minutes = i + 3 < text.length() ? number(text, i + 3, 2) : 0;
            zone = ZoneOffset.ofHoursMinutes(sign == '-' ? -hours : hours, sign == '-' ? -minutes : minutes);
        }
        return local.toInstant(zone);
    }

    private static int number(String text, int start, int length) {
        if (start + length > text.length()) throw new IllegalArgumentException("time too short: " + text);
        int value = 0;
        for (int k = start; k < start + length; k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') throw new IllegalArgumentException("not a digit in time " + text);
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
