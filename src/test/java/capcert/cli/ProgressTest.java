package capcert.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void theLineSaysFilesBytesRateAndTimeLeft() {
        assertEquals("capcert: 3/10 captures, 1.2 GB of 4.0 GB, 600.0 MB/s, about 5 s left",
                Progress.line(3, 10, 1_200_000_000L, 4_000_000_000L, 2_000_000_000L));
        assertEquals("capcert: 0/1 capture, 0.0 kB of 500.0 kB, 3 s", Progress.line(0, 1, 0, 500_000, 3_000_000_000L));
    }

    @Test
    void onATerminalTheLineIsDrawnThenClearedAndProblemsGoAboveIt() throws Exception {
        StringWriter text = new StringWriter();
        PrintWriter err = new PrintWriter(text);
        try (Progress progress = Progress.start(err, 2, 2_000_000, true)) {
            progress.fileDone(1_000_000);
            Thread.sleep(700);
            progress.println("a.pcap: frame 3: damaged");
        }
        String out = text.toString();
        assertTrue(out.contains("capcert: 1/2 captures, 1.0 MB of 2.0 MB"), out);
        assertTrue(out.contains("\r\033[Ka.pcap: frame 3: damaged\n"), out);
        assertTrue(out.endsWith("\r\033[K"), out);
    }

    @Test
    void offATerminalNothingButTheProblemsIsWritten() {
        StringWriter text = new StringWriter();
        try (Progress progress = Progress.start(new PrintWriter(text), 1, 10, false)) {
            progress.fileDone(10);
            progress.println("b.pcap: no such file");
        }
        assertEquals("b.pcap: no such file" + System.lineSeparator(), text.toString());
    }
}
