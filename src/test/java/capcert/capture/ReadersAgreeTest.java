package capcert.capture;

import capcert.testing.SharedData;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in reader and libpcap read every capture alike: same frames, timestamps, link types,
 * bytes and original lengths, and so the same certificates. Where libpcap stops at damage, the
 * frames before it still agree and the built-in reader reports the damage too.
 */
class ReadersAgreeTest {

    private record Frame(long number, long epochNanos, int linkType, int hash, int length, int originalLength) {
    }

    @BeforeAll
    static void libpcapPresent() {
        try {
            LibpcapReader.version();
        } catch (LibpcapUnavailableException e) {
            assumeTrue(false, "libpcap is not installed here (CI installs libpcap0.8): " + e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> bothReadersSeeTheSameFramesAndCertificates() throws IOException {
        List<Path> captures = new ArrayList<>();
        for (Path dir : List.of(Path.of("test-captures"),
                SharedData.captures())) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().forEach(captures::add);
            }
        }
        assertFalse(captures.isEmpty());
        return captures.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> compare(c)));
    }

    private static void compare(Path capture) throws Exception {
        List<Problem> javaProblems = new ArrayList<>();
        List<Frame> javaFrames = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(capture)) {
            CaptureReader.read(channel, recorder(javaFrames), javaProblems::add);
        }
        List<Problem> libpcapProblems = new ArrayList<>();
        List<Frame> libpcapFrames = new ArrayList<>();
        LibpcapReader.read(capture, recorder(libpcapFrames), libpcapProblems::add);

        if (libpcapProblems.isEmpty()) {
            assertEquals(List.of(), javaProblems, capture + ": libpcap read it whole");
            assertEquals(javaFrames, libpcapFrames, capture + ": frames");
            assertEquals(certificates(capture, ScanOptions.Reader.JAVA), certificates(capture, ScanOptions.Reader.LIBPCAP),
                    capture + ": certificates");
        } else {
            assertFalse(javaProblems.isEmpty(), capture + ": libpcap found damage (" + libpcapProblems + ") the built-in reader did not");
            int common = Math.min(javaFrames.size(), libpcapFrames.size());
            assertEquals(javaFrames.subList(0, common), libpcapFrames.subList(0, common), capture + ": frames before the damage");
        }
    }

    private static PacketSink recorder(List<Frame> frames) {
        return (frame, epochNanos, linkType, data, originalLength) -> {
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            frames.add(new Frame(frame, epochNanos, linkType, Arrays.hashCode(bytes), bytes.length, originalLength));
        };
    }

    private static List<String> certificates(Path capture, ScanOptions.Reader reader) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withReader(reader)).scan(capture);
        List<String> rows = new ArrayList<>();
        for (Handshake h : result.handshakes()) {
            // libpcap hands over packets only, not a pcapng's Decryption Secrets Blocks: what they decrypt
            // is the built-in reader's alone (README, "Key logs").
            if (h.certificatesDecrypted()) continue;
            for (CertificateEntry c : h.certificates()) {
                rows.add(h.client() + " " + h.server() + " " + c.role() + " " + c.position() + " " + c.frame() + " "
                        + Arrays.hashCode(c.der()));
            }
        }
        return rows;
    }
}
