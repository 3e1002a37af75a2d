package capcert.tls;

import capcert.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shipped captures cut at random points and with random bytes overwritten: the scan never throws,
 * and a cut file still gives every chain that was complete before the cut.
 */
class DamagedCapturesTest {

    private static final long SEED = 20261125;
    private static final int PCAP_HEADER = 24;

    @Test
    void aCaptureCutAnywhereStillGivesTheChainsCompletedBeforeTheCut() throws IOException {
        Random random = new Random(SEED);
        for (Path capture : shippedPcaps()) {
            byte[] whole = Files.readAllBytes(capture);
            List<Long> frameEnds = pcapFrameEnds(whole);
            CaptureResult intact = new CaptureScanner(ScanOptions.defaults()).scan(capture);
            for (int trial = 0; trial < 25; trial++) {
                int cut = 24 + random.nextInt(whole.length - 24);
                CaptureResult damaged = scan(Arrays.copyOf(whole, cut), capture + " cut at " + cut);
                for (Handshake h : intact.handshakes()) {
                    for (CertificateEntry c : h.certificates()) {
                        if (frameEnds.get((int) c.frame() - 1) > cut) continue;
                        assertTrue(found(damaged, c), capture + " cut at byte " + cut + " lost " + c + " of frame " + c.frame());
                    }
                }
                // right after the file header no record has begun: an empty capture, nothing to report
                boolean cutInsideRecord = cut > PCAP_HEADER && !frameEnds.contains((long) cut);
                if (cutInsideRecord) {
                    assertFalse(damaged.problems().isEmpty(), capture + " cut at " + cut + " inside a record: a problem must say so");
                }
            }
        }
    }

    @Test
    void overwrittenBytesLeaveTheChainsCompletedBeforeThemIntact() throws IOException {
        Random random = new Random(SEED + 2);
        for (Path capture : shippedPcaps()) {
            byte[] whole = Files.readAllBytes(capture);
            List<Long> frameEnds = pcapFrameEnds(whole);
            CaptureResult intact = new CaptureScanner(ScanOptions.defaults()).scan(capture);
            for (int trial = 0; trial < 15; trial++) {
                byte[] damaged = whole.clone();
                int firstDamage = Integer.MAX_VALUE;
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    int at = 24 + random.nextInt(whole.length - 24);
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    firstDamage = Math.min(firstDamage, at);
                }
                CaptureResult result = scan(damaged, capture + " trial " + trial);
                for (Handshake h : intact.handshakes()) {
                    for (CertificateEntry c : h.certificates()) {
                        if (frameEnds.get((int) c.frame() - 1) > firstDamage) continue;
                        assertTrue(found(result, c), capture + " damaged from byte " + firstDamage + " lost " + c);
                    }
                }
            }
        }
    }

    @Test
    void overwrittenBytesNeverEscapeAsAnException() throws IOException {
        Random random = new Random(SEED + 1);
        List<Path> captures = new ArrayList<>(shippedPcaps());
        try (Stream<Path> shared = Files.list(SharedData.captures())) {
            shared.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).filter(p -> p.toFile().length() < 100_000)
                    .sorted().forEach(captures::add);
        } catch (IOException absent) {
            // The shipped captures alone still exercise every layer.
        }
        for (Path capture : captures) {
            byte[] whole = Files.readAllBytes(capture);
            for (int trial = 0; trial < 20; trial++) {
                byte[] damaged = whole.clone();
                int flips = 1 + random.nextInt(16);
                for (int k = 0; k < flips; k++) damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                scan(damaged, capture + " trial " + trial);
            }
        }
    }

    private static CaptureResult scan(byte[] bytes, String what) {
        try {
            return new CaptureScanner(ScanOptions.defaults()).scan(Path.of("damaged.pcap"), Channels.newChannel(new ByteArrayInputStream(bytes)));
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + ": " + e, e);
            return null;
        }
    }

    private static boolean found(CaptureResult result, CertificateEntry wanted) {
        return result.handshakes().stream().flatMap(h -> h.certificates().stream())
                .anyMatch(c -> c.role() == wanted.role() && c.position() == wanted.position()
                        && Arrays.equals(c.der(), wanted.der()));
    }

    private static List<Path> shippedPcaps() throws IOException {
        try (Stream<Path> files = Files.list(ShippedCapturesTest.DIR)) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    /** File offset just past each frame's record, read from the classic pcap layout by hand. */
    private static List<Long> pcapFrameEnds(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        b.order(b.getInt(0) == 0xa1b2c3d4 || b.getInt(0) == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<Long> ends = new ArrayList<>();
        int offset = 24;
        while (offset + 16 <= file.length) {
            offset += 16 + b.getInt(offset + 8);
            ends.add((long) offset);
        }
        return ends;
    }
}
