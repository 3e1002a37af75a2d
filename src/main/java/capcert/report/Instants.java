package capcert.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text, written without {@code DateTimeFormatter}: a listing of a busy
 * capture formats several instants per handshake, and the formatter was a tenth of its time.
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
        StringBuilder s = new StringBuilder(30);
        digits(s, date.getYear(), 4).append('-');
        digits(s, date.getMonthValue(), 2).append('-');
        digits(s, date.getDayOfMonth(), 2).append('T');
        digits(s, secondOfDay / 3600, 2).append(':');
        digits(s, secondOfDay / 60 % 60, 2).append(':');
        digits(s, secondOfDay % 60, 2);
        if (nanos > 0) {
            s.append('.');
            if (nanos % 1_000_000 == 0) digits(s, nanos / 1_000_000, 3);
            else if (nanos % 1_000 == 0) digits(s, nanos / 1_000, 6);
            else digits(s, nanos, 9);
        }
        return s.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder s, int value, int width) {
        for (int scale = width - 1, power = pow10(scale); scale >= 0; scale--, power /= 10) {
            s.append((char) ('0' + value / power % 10));
        }
        return s;
    }

    private static int pow10(int exponent) {
        int p = 1;
        for (int i = 0; i < exponent; i++) p *= 10;
        return p;
    }
}
