package capcert.capture;

import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BpfFilterTest {

    private static final Path MUTUAL = Path.of("test-captures/tls12-mutual.pcap");
    private static final Path IPV6 = Path.of("test-captures/tls12-ipv6.pcapng");

    @BeforeAll
    static void libpcapPresent() {
        try {
            LibpcapReader.version();
        } catch (LibpcapUnavailableException e) {
            assumeTrue(false, "libpcap is not installed here (CI installs libpcap0.8)");
        }
    }

    @Test
    void onlyMatchingPacketsAreReadAndFrameNumbersStayTheFilesOwn() {
        for (ScanOptions.Reader reader : ScanOptions.Reader.values()) {
            ScanOptions options = ScanOptions.defaults().withReader(reader);
            Handshake whole = new CaptureScanner(options).scan(MUTUAL).handshakes().get(0);
            // Only the server's packets: its chain is still read, with the frame numbers of the whole file.
            CaptureResult serverSide = new CaptureScanner(options.withBpf("tcp src port 5061")).scan(MUTUAL);
            Handshake filtered = serverSide.handshakes().get(0);
            assertEquals(whole.chain(capcert.tls.Role.SERVER), filtered.certificates(), reader + ": the server's chain, same frames");
            assertTrue(new CaptureScanner(options.withBpf("tcp port 443")).scan(MUTUAL).handshakes().isEmpty(), reader.toString());
        }
    }

    @Test
    void aFilterRunsOnEveryLinkType() {
        assertEquals(1, new CaptureScanner(ScanOptions.defaults().withBpf("ip6 and tcp port 4443")).scan(IPV6).handshakes().size());
        assertEquals(List.of(), new CaptureScanner(ScanOptions.defaults().withBpf("ip and tcp")).scan(IPV6).handshakes());
    }

    @Test
    void aBadExpressionIsRefusedWithLibpcapsWords() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BpfFilter.compile("port 7001 and"));
        assertTrue(e.getMessage().contains("invalid BPF filter 'port 7001 and'"), e.getMessage());
    }
}
