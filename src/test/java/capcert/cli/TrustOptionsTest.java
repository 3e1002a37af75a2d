package capcert.cli;

import capcert.export.CertificateFiles;
import capcert.testing.TestPki;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustOptionsTest {

    private static final TestPki.Chain CHAIN = TestPki.server();

    @TempDir
    Path tmp;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        TrustOptions trust = new TrustOptions();
    }

    private final StringWriter err = new StringWriter();

    private List<TrustList> lists(String... args) throws IOException {
        Probe probe = new Probe();
        new CommandLine(probe).setErr(new PrintWriter(err, true)).parseArgs(args);
        return probe.trust.trustLists();
    }

    @Test
    void oneListPerTrustOptionInOrderThenTheJdksList() throws Exception {
        Path c = Files.writeString(tmp.resolve("c.pem"), CertificateFiles.pemBundle(List.of(CHAIN.root().der(), CHAIN.intermediate().der())));
        Path dir = Files.createDirectories(tmp.resolve("e"));
        Files.write(dir.resolve("root.cer"), CHAIN.root().der());
        Files.writeString(dir.resolve("readme"), "x");

        List<TrustList> lists = lists("--trust", c.toString(), "--trust", dir.toString(), "--system-trust");

        assertEquals(3, lists.size());
        assertEquals(2, lists.get(0).certificates().size());
        assertEquals(dir.resolve("root.cer") + " #1", lists.get(1).certificates().get(0).source());
        assertTrue(lists.get(2).certificates().get(0).source().startsWith(TrustLists.SYSTEM_SOURCE), lists.get(2).certificates().get(0).source());
        assertTrue(err.toString().startsWith("capcert: warning: " + dir.resolve("readme") + ": "), err.toString());
    }

    @Test
    void noOptionsNoLists() throws Exception {
        assertEquals(List.of(), lists());
    }

    @Test
    void anUnreadableListIsTheLoadersOneLineError() {
        Path missing = tmp.resolve("missing.pem");

        IOException e = assertThrows(IOException.class, () -> lists("--trust", missing.toString()));

        assertEquals(missing + ": no such file or directory", e.getMessage());
    }
}
