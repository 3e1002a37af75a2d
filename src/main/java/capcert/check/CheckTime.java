package capcert.check;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time to check validity at, as a person writes it: an ISO-8601 instant with {@code Z} or an
 * offset ({@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T13:00:00+01:00}), a date (midnight UTC),
 * or {@code now}. A time without a zone is refused: where a capture was taken is not where it is read.
 */
public final class CheckTime {

    public static final String FORMATS = "an ISO-8601 time such as 2026-01-31T12:00:00Z, a date such as 2026-01-31, or 'now'";

    private CheckTime() {
    }

    /**
     * The time {@code text} names, {@code now} being this moment.
     *
     * @throws IllegalArgumentException naming the text and the formats accepted
     */
    public static Instant parse(String text) {
        return parse(text, Clock.systemUTC());
    }

    /**
     * The time {@code text} names.
     *
     * @param clock what {@code now} means
     */
    public static Instant parse(String text, Clock clock) {
        String value = text.strip();
        if (value.equalsIgnoreCase("now")) return clock.instant();
        try {
            if (value.length() == 10) return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: expected " + FORMATS);
        }
    }
}
