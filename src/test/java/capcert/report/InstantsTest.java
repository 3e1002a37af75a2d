package capcert.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstantsTest {

    @Test
    void writesWhatInstantToStringWrites() {
        long[] seconds = {0, -1, 1, 86_399, 86_400, -86_400, 951_782_400 /* 2000-02-29 */, 4_102_444_799L,
                Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond(),
                Instant.parse("-0001-12-31T23:59:59Z").getEpochSecond(), Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond(),
                Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()};
        int[] nanos = {0, 1, 999_999_999, 1_000, 999_000, 1_000_000, 120_000_000, 5_000, 123_456_789, 100};
        for (long s : seconds) {
            for (int n : nanos) check(Instant.ofEpochSecond(s, n));
        }
        SplittableRandom random = new SplittableRandom(6);
        long min = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int n = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            check(Instant.ofEpochSecond(random.nextLong(min, max), n));
        }
    }

    private static void check(Instant instant) {
        assertEquals(instant.toString(), Instants.iso(instant), () -> "seconds " + instant.getEpochSecond() + " nanos " + instant.getNano());
    }
}
