package capcert.check;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckTimeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

    @Test
    void instantsDatesAndNow() {
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), CheckTime.parse("2026-01-31T12:00:00Z", CLOCK));
        assertEquals(Instant.parse("2026-01-31T12:00:00Z"), CheckTime.parse("2026-01-31T13:00:00+01:00", CLOCK));
        assertEquals(Instant.parse("2026-01-31T00:00:00Z"), CheckTime.parse("2026-01-31", CLOCK));
        assertEquals(CLOCK.instant(), CheckTime.parse("now", CLOCK));
        assertEquals(CLOCK.instant(), CheckTime.parse(" NOW ", CLOCK));
    }

    @Test
    void aTimeWithoutZoneOrNonsenseIsRefusedWithTheFormats() {
        for (String bad : new String[] {"2026-01-31T12:00:00", "31/01/2026", "tomorrow", "2026-13-01"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckTime.parse(bad, CLOCK), bad);
            assertEquals("'" + bad + "' is not a time: expected " + CheckTime.FORMATS, e.getMessage());
        }
    }
}
