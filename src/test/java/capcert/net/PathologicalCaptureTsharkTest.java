package capcert.net;

import capcert.net.PathologicalCaptureTest.Built;
import capcert.net.PathologicalCaptureTest.Expect;
import capcert.net.PathologicalCaptureTest.Kind;
import capcert.tls.CertificateEntry;
import capcert.tls.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-check of the fixture: every capture of {@link PathologicalCaptureTest} goes through tshark
 * and capinfos, which must read it, decode its link and network layers, find good checksums, and
 * see exactly the expected certificates in exactly the expected frames (plus SNI and the time of
 * the first frame). This checks the writer and the expectations independently of capcert.
 *
 * <p>Not part of the default build: run with {@code mvn test -Dcapcert.tshark=true
 * -Dtest=PathologicalCaptureTsharkTest}; skipped when tshark or capinfos is missing. Set
 * {@code -Dcapcert.tshark.dir=/tmp/x} to keep the captures.
 */
@EnabledIfSystemProperty(named = "capcert.tshark", matches = "true")
class PathologicalCaptureTsharkTest {

    private static final String[] FIELDS = {
            "frame.number", "frame.time_epoch", "frame.protocols", "frame.len", "frame.cap_len",
            "tcp.srcport", "udp.srcport",
            "tls.handshake.certificate", "dtls.handshake.certificate",
            "tls.handshake.extensions_server_name", "dtls.handshake.extensions_server_name",
            "tls.handshake.extensions.supported_version", "tls.alert_message.desc"};

    @TempDir
    Path tempDir;

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(onPath("tshark") && onPath("capinfos"), "tshark and capinfos are needed");
    }

    @TestFactory
    Stream<DynamicTest> tsharkAgreesWithTheExpectations() throws IOException {
        String keep = System.getProperty("capcert.tshark.dir");
        Path dir = keep == null ? tempDir : Files.createDirectories(Path.of(keep));
        return PathologicalCaptureTest.builders().map(m -> DynamicTest.dynamicTest(m.getName(), () -> check(build(m, dir))));
    }

    private static Built build(Method m, Path dir) throws Exception {
        try {
            return (Built) m.invoke(null, dir);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private void check(Built b) throws Exception {
        Path f = b.file();
        if (b.kind() == Kind.NOT_A_CAPTURE) {
            Run t = run("tshark", "-n", "-r", f.toString());
            assertTrue(t.exit != 0 || !t.err.isBlank() || t.out.isBlank(), "tshark must refuse " + f + " or find nothing");
            return;
        }

        Run cap = run("capinfos", "-M", "-c", "-t", "-i", f.toString());
        if (b.kind() == Kind.DAMAGED) {
            assertFalse((cap.out + cap.err).isBlank(), "capinfos says something about " + f);
        } else {
            assertEquals(0, cap.exit, () -> "capinfos failed on " + f + ":\n" + cap.err + cap.out);
            assertTrue(cap.err.isBlank(), () -> "capinfos warned on " + f + ":\n" + cap.err);
            if (b.facts().containsKey("frames")) {
                assertTrue(cap.out.matches("(?s).*Number of packets:\\s+" + b.fact("frames") + "\\b.*"),
                        () -> "packet count of " + f + ":\n" + cap.out);
            }
        }

        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", f.toString(),
                "-o", "tcp.reassemble_out_of_order:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (Expect e : b.expect()) {
            int port = ((IpEndpoint) e.server()).port();
            if (e.transport() == Transport.UDP) cmd.addAll(List.of("-d", "udp.port==" + port + ",dtls"));
            else if (port != 443 && port != 25) cmd.addAll(List.of("-d", "tcp.port==" + port + ",tls"));
        }
        for (String field : FIELDS) cmd.addAll(List.of("-e", field));
        Run t = run(cmd.toArray(String[]::new));
        if (b.kind() == Kind.DAMAGED) {
            assertFalse(t.err.isBlank(), "tshark reports the damage in " + f);
        } else {
            assertEquals(0, t.exit, () -> "tshark failed on " + f + ":\n" + t.err);
            assertTrue(t.err.isBlank(), () -> "tshark complained about " + f + ":\n" + t.err);
        }

        Map<Long, Map<String, String>> rows = new HashMap<>();
        for (String line : t.out.split("\n")) {
            if (line.isBlank()) continue;
            String[] v = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < FIELDS.length; i++) row.put(FIELDS[i], i < v.length ? v[i] : "");
            rows.put(Long.parseLong(row.get("frame.number")), row);
        }
        assertFalse(rows.isEmpty(), "tshark read no frame of " + f);
        if (b.facts().containsKey("frames") && b.kind() != Kind.DAMAGED) {
            assertEquals(b.fact("frames"), rows.size(), "frames tshark read");
        }

        if (b.kind() != Kind.DAMAGED) checkChecksums(b);

        for (Expect e : b.expect()) {
            if (e.sni() != null) {
                assertTrue(rows.values().stream().anyMatch(r -> e.sni().equals(r.get("tls.handshake.extensions_server_name"))
                                || e.sni().equals(r.get("dtls.handshake.extensions_server_name"))),
                        "tshark sees SNI " + e.sni() + " in " + f);
            }
            if (e.time() != null) {
                Map<String, String> first = rows.get(e.firstFrame());
                assertNotNull(first, "first frame " + e.firstFrame());
                assertEquals(epoch(e.time()), first.get("frame.time_epoch"), "time of frame " + e.firstFrame() + " in " + f);
            }
            if ("TLS 1.3".equals(e.version())) {
                assertTrue(rows.values().stream().anyMatch(r -> r.get("tls.handshake.extensions.supported_version").contains("0x0304")),
                        "tshark sees supported_versions 0x0304");
            }
            if (e.partial() || b.facts().containsKey("tsharkCannotReassemble")) continue;
            for (CertificateEntry c : e.certificates()) {
                Map<String, String> row = rows.get(c.frame());
                assertNotNull(row, "frame " + c.frame() + " of " + f);
                String certs = row.get("tls.handshake.certificate") + row.get("dtls.handshake.certificate");
                List<String> list = Arrays.asList(certs.split(","));
                String hex = HexFormat.of().formatHex(c.der());
                assertTrue(list.contains(hex), () -> "tshark does not show " + c + " in frame " + c.frame() + " of " + f
                        + " (it shows " + list.size() + " certificate(s) there; frames with certificates: "
                        + framesWithCertificates(rows) + ")");
                List<String> sameSender = list.stream().filter(s -> !s.isEmpty()).toList();
                if (sameSender.size() == e.chain(c.role()).size()) {
                    assertEquals(c.position(), sameSender.indexOf(hex), "position of " + c);
                }
                String src = row.get("tcp.srcport") + row.get("udp.srcport");
                int sender = ((IpEndpoint) (c.role() == Role.SERVER ? e.server() : e.client())).port();
                assertEquals(String.valueOf(sender), src, "sender of " + c);
                assertTrue(row.get("frame.protocols").contains(b.protocols()),
                        () -> "frame " + c.frame() + " protocols " + row.get("frame.protocols") + " lack " + b.protocols());
            }
            for (var alert : e.alerts()) {
                Map<String, String> row = rows.get(alert.frame());
                assertNotNull(row, "alert frame " + alert.frame());
                assertEquals(String.valueOf(alert.description()), row.get("tls.alert_message.desc"), "alert in frame " + alert.frame());
            }
        }
        if (b.facts().containsKey("truncatedFrame")) {
            Map<String, String> row = rows.get(b.fact("truncatedFrame"));
            assertNotEquals(row.get("frame.len"), row.get("frame.cap_len"), "frame is cut by snaplen");
        }
    }

    /**
     * With validation on (which also stops tshark from reassembling bad segments, hence a separate
     * run): every IPv4 header, TCP and UDP checksum of a complete frame is good, or bad where they
     * were corrupted on purpose.
     */
    private void checkChecksums(Built b) throws Exception {
        String[] fields = {"frame.len", "frame.cap_len", "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status"};
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", b.file().toString(),
                "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String field : fields) cmd.addAll(List.of("-e", field));
        Run t = run(cmd.toArray(String[]::new));
        String expected = b.kind() == Kind.BAD_CHECKSUMS ? "0" : "1"; // PROTO_CHECKSUM_E_BAD / _GOOD
        TreeSet<String> seen = new TreeSet<>();
        for (String line : t.out.split("\n")) {
            String[] v = line.split("\t", -1);
            if (v.length < fields.length || !v[0].equals(v[1])) continue; // cut by snaplen: unverifiable
            for (int i = 2; i < v.length; i++) {
                for (String s : v[i].split(",")) if (!s.isEmpty()) seen.add(fields[i] + "=" + s);
            }
        }
        assertFalse(seen.isEmpty(), "tshark verified no checksum in " + b.file());
        assertTrue(seen.stream().allMatch(s -> s.endsWith("=" + expected)), "checksum status in " + b.file() + ": " + seen);
    }

    private static String framesWithCertificates(Map<Long, Map<String, String>> rows) {
        return rows.entrySet().stream()
                .filter(en -> !(en.getValue().get("tls.handshake.certificate") + en.getValue().get("dtls.handshake.certificate")).isEmpty())
                .map(en -> String.valueOf(en.getKey())).sorted().collect(Collectors.joining(","));
    }

    private static String epoch(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tempDir, "out", ".txt"), err = Files.createTempFile(tempDir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timeout: " + String.join(" ", cmd));
        }
        String e = Files.readString(err, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("Running as user \"root\"")).collect(Collectors.joining("\n"));
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), e);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
