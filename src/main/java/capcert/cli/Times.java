package capcert.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Placeholder for the shared {@code --at} parser; replaced by the real one at merge. */
final class Times {

    private Times() {
    }

    /** An ISO-8601 instant, a date (start of that day, UTC) or {@code now}. */
    static Instant parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("now")) return Instant.now();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid time '" + value
                    + "': expected now, a date like 2026-01-31 or an instant like 2026-01-31T12:00:00Z", e);
        }
    }
}
