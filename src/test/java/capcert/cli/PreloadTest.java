package capcert.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreloadTest {

    @Test
    void onlyArgumentsNamingRegularFilesCountTowardsALargeRun(@TempDir Path dir) throws IOException {
        Path capture = Files.write(dir.resolve("a.pcap"), new byte[3000]);
        Path other = Files.write(dir.resolve("b.pcapng"), new byte[500]);
        assertEquals(3500, Preload.bytesOfFiles(new String[] {"list", "--json", capture.toString(), "--ports", "443",
                other.toString(), dir.toString(), dir.resolve("missing.pcap").toString(), "-", "\0bad"}));
        assertEquals(0, Preload.bytesOfFiles(new String[] {"list", "--help"}));
    }
}
