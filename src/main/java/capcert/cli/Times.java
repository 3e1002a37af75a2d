package capcert.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code --at TIME} for every command that checks validity: an ISO-8601 instant, with {@code Z}
 * or an offset ({@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T13:00:00+01:00}), a date (midnight
 * UTC), or {@code now}. Use as {@code @Option(names = "--at", converter = Times.class)}, or call
 * {@link #parse(String)}.
 */
final class Times implements ITypeConverter<Instant> {

    static final String FORMATS = "an ISO-8601 time such as 2026-01-31T12:00:00Z, a date such as 2026-01-31, or 'now'";

    @Override
    public Instant convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** @throws IllegalArgumentException naming the value and the formats accepted */
    static Instant parse(String value) {
        return parse(value, Clock.systemUTC());
    }

    static Instant parse(String text, Clock clock) {
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
