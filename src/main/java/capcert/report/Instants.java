package capcert.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text, written without {@code DateTimeFormatter}: a listing of a busy
 * capture formats an instant per handshake, and the formatter was a tenth of its time.
 */
final class Instants {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long YEAR_0000 = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

    private Instants() {
    }

    /** ISO-8601 in UTC with as many fraction digits as needed in groups of three, as {@link Instant#toString()}. */
    static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0000 || seconds >= YEAR_10000) return instant.toString(); // signed or five-digit years
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
        digits(text, 0, date.getYear(), 4, '-');
        digits(text, 5, date.getMonthValue(), 2, '-');
        digits(text, 8, date.getDayOfMonth(), 2, 'T');
        digits(text, 11, secondOfDay / 3600, 2, ':');
        digits(text, 14, secondOfDay / 60 % 60, 2, ':');
        digits(text, 17, secondOfDay % 60, 2, fractionDigits == 0 ? 'Z' : '.');
        if (fractionDigits > 0) {
            int fraction = fractionDigits == 3 ? nanos / 1_000_000 : fractionDigits == 6 ? nanos / 1_000 : nanos;
            digits(text, 20, fraction, fractionDigits, 'Z');
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** {@code value} in {@code width} digits at {@code at}, then {@code after}. */
    private static void digits(byte[] text, int at, int value, int width, char after) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        text[at + width] = (byte) after;
    }
}
