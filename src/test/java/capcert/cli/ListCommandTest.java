package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.net.Transport;
import capcert.testing.TestCaptures;
import capcert.testing.TestCertificates;
import capcert.tls.Alert;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static capcert.testing.TestCaptures.TIME;
import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.endpoint;
import static capcert.testing.TestCaptures.handshake;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListCommandTest {

    private static final byte[] LEAF = TestCertificates.certificate()
            .subject("CN=leaf.example,O=Example").issuer("CN=Example CA,O=Example").der();
    private static final byte[] CA = TestCertificates.certificate()
            .subject("CN=Example CA,O=Example").issuer("CN=Example Root,O=Example").der();
    private static final String LEAF_SHA = CertificateDetails.decode(LEAF).sha256();

    @TempDir
    Path tmp;
    Path site;
    Path tls13;

    @BeforeEach
    void files() throws Exception {
        site = Files.createFile(tmp.resolve("site.pcap"));
        tls13 = Files.createFile(tmp.resolve("tls13.pcapng"));
    }

    private Cli cli() {
        Handshake rejected = new Handshake(Transport.TCP, endpoint("192.0.2.10", 51234), endpoint("198.51.100.7", 443),
                3, TIME, Optional.of(TlsVersion.TLS_1_2), Optional.of("leaf.example"),
                Optional.empty(), List.of(new Alert(Role.CLIENT, 2, 48, 9)), chain(Role.SERVER, 6, LEAF, CA), List.of());
        Handshake encrypted = handshake(Transport.TCP, endpoint("2001:db8::1", 50000), endpoint("2001:db8::2", 443), 40,
                Optional.of(TlsVersion.TLS_1_3), Optional.of("new.example"), List.of(), List.of(),
                List.of(new Note.CertificatesEncrypted(TlsVersion.TLS_1_3)));
        Handshake silent = handshake(Transport.UDP, endpoint("192.0.2.10", 4000), endpoint("198.51.100.7", 4433), 70,
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
        return new Cli()
                .answer(site, capture("x", rejected))
                .answer(tls13, capture("x", encrypted, silent));
    }

    @Test
    void tableHasAHeaderPerHandshakeAndARowPerCertificate() {
        Cli.Run run = cli().run("list", "--width", "120", site.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.outLines();
        assertEquals(site + "  frame 3  tcp 192.0.2.10:51234 → 198.51.100.7:443  TLS 1.2  SNI leaf.example", lines.get(0));
        assertEquals(List.of("ROLE", "#", "FRAME", "SHA-256", "NOT", "AFTER", "SUBJECT", "ISSUER"),
                List.of(lines.get(1).trim().split("\\s+")));
        assertEquals(List.of("server", "0", "6", LEAF_SHA.substring(0, 16), "2026-01-01",
                "CN=leaf.example,O=Example", "CN=Example", "CA,O=Example"), List.of(lines.get(2).trim().split("\\s+")));
        assertEquals(List.of("server", "1", "6"), List.of(lines.get(3).trim().split("\\s+")).subList(0, 3));
        assertTrue(lines.get(3).matches(".*  CN=Example CA,O=Example {2,}CN=Example Root,O=Example"), lines.get(3));
        assertEquals("  alert: client sent fatal unknown_ca (frame 9)", lines.get(4));
        assertEquals(5, lines.size());
    }

    @Test
    void handshakesWithoutCertificatesSayWhy() {
        Cli.Run run = cli().run("list", tls13.toString());

        assertEquals(0, run.code(), run.err());
        List<String> lines = run.outLines();
        assertEquals(tls13 + "  frame 40  tcp [2001:db8::1]:50000 → [2001:db8::2]:443  TLS 1.3  SNI new.example",
                lines.get(0));
        assertEquals("  certificates encrypted (TLS 1.3)", lines.get(1));
        assertEquals("", lines.get(2));
        assertEquals(tls13 + "  frame 70  udp 192.0.2.10:4000 → 198.51.100.7:4433  version unknown  SNI none",
                lines.get(3));
        assertEquals("  no certificate seen", lines.get(4));
    }

    @Test
    void tunnelledHandshakesAreNamedByWhatCarriedThem() throws IOException {
        Path dot1x = Files.createFile(tmp.resolve("dot1x.pcapng"));
        Cli.Run run = new Cli().answer(dot1x, capture("x", TestCaptures.eapTlsOverRadius(2, "alice", List.of()),
                TestCaptures.peapOverEapol(30, List.of()), TestCaptures.turnRelayed(50, List.of()))).run("list", dot1x.toString());

        assertEquals(0, run.code(), run.err());
        List<String> headers = run.outLines().stream().filter(l -> l.startsWith(dot1x.toString())).toList();
        assertEquals(List.of(
                dot1x + "  frame 2  radius 192.0.2.7:1645 → 192.0.2.1:1812  TLS 1.2  EAP-TLS identity alice,"
                        + " station 02-00-5E-00-53-0A, NAS sw-7 (192.0.2.7)",
                dot1x + "  frame 30  eapol 02:00:5e:00:53:0a → 02:00:5e:00:53:01  TLS 1.2  PEAP identity anonymous",
                dot1x + "  frame 50  turn-udp 203.0.113.5:50000 → [2001:db8::7]:4433 via 203.0.113.1:3478  DTLS 1.2  SNI peer.example"),
                headers);
    }

    @Test
    void captureWithoutHandshakesIsMentioned() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.pcap"));

        Cli.Run run = new Cli().answer(empty, capture("x")).run("list", empty.toString());

        assertEquals(0, run.code());
        assertEquals(List.of(empty + ": no TLS handshake found"), run.outLines());
    }

    @Test
    void rowsFitTheWidth() {
        byte[] verbose = TestCertificates.certificate()
                .subject("CN=a-rather-long-host-name.example.com,OU=Platform Engineering,O=Example Holdings International,L=Somewhere,C=US")
                .issuer("CN=Example Extended Validation Intermediate CA G7,OU=www.example.com,O=Example Trust Services,C=US")
                .der();
        Cli cli = new Cli().answer(site, capture("x", tls12(1, chain(Role.SERVER, 2, verbose, CA))));

        for (int width : new int[] {80, 100, 120}) {
            Cli.Run run = cli.run("list", "--width", Integer.toString(width), site.toString());

            for (String line : run.outLines().subList(1, run.outLines().size())) {
                assertTrue(line.length() <= width, width + ": " + line);
            }
            assertTrue(run.out().contains("  CN=a-rather-"), run.out());
            assertTrue(run.out().contains("…"), run.out());
        }
    }

    @Test
    void unparseableCertificateIsListedWithItsReason() {
        byte[] garbage = HexFormat.of().parseHex("30053084fffffffa04");
        Cli.Run run = new Cli().answer(site, capture("x", tls12(1, chain(Role.SERVER, 2, garbage))))
                .run("list", site.toString());

        String row = run.outLines().get(2);
        assertTrue(row.contains(CertificateDetails.decode(garbage).sha256().substring(0, 16)), row);
        assertTrue(row.contains("unreadable: "), row);
        assertEquals(0, run.code());
    }

    @Test
    void flaggedButReadableCertificateKeepsItsSubject() {
        byte[] padded = Arrays.copyOf(LEAF, LEAF.length + 2);
        Cli.Run run = new Cli().answer(site, capture("x", tls12(1, chain(Role.SERVER, 2, padded))))
                .run("list", "--width", "200", site.toString());

        assertTrue(run.outLines().get(2).endsWith("CN=leaf.example,O=Example [2 trailing bytes after the certificate]"
                + "  CN=Example CA,O=Example"), run.out());
    }

    @Test
    void captureTextCannotDriveTheTerminal() {
        byte[] hostile = TestCertificates.withCommonName("evil\u001b]0;owned\u0007\u202e");
        Handshake h = handshake(Transport.TCP, endpoint("192.0.2.1", 1), endpoint("192.0.2.2", 443), 1,
                Optional.of(TlsVersion.TLS_1_2), Optional.of("sni\u001b[2J"), List.of(), chain(Role.SERVER, 2, hostile),
                List.of(new Note.MalformedMessage(Role.SERVER, 1, 5, "note\r\u001b[1Aup")));

        Cli.Run run = new Cli().answer(site, capture("x", h)).run("list", site.toString());

        assertFalse(run.out().contains("\u001b"), run.out());
        assertFalse(run.out().contains("\u0007"), run.out());
        assertFalse(run.out().contains("\u202e"), run.out());
        assertFalse(run.out().contains("\r"), run.out());
        assertTrue(run.out().contains("SNI sni\\x1b[2J"), run.out());
        // RFC 2253 itself escapes the ';'.
        assertTrue(run.out().contains("CN=evil\\x1b]0\\;owned\\x07\\u202e"), run.out());
        assertTrue(run.out().contains("note\\x0d\\x1b[1Aup"), run.out());
    }

    @Test
    void jsonIsTheDocumentedShape() throws Exception {
        Cli.Run run = cli().run("list", "--json", site.toString(), tls13.toString());

        assertEquals(0, run.code(), run.err());
        JsonNode captures = new ObjectMapper().readTree(run.out()).get("captures");
        assertEquals(2, captures.size());
        assertEquals(site.toString(), captures.get(0).get("file").asText());
        JsonNode cert = captures.get(0).get("handshakes").get(0).get("certificates").get(0);
        assertEquals(LEAF_SHA, cert.get("sha256").asText());
        assertEquals("unknown_ca", captures.get(0).get("handshakes").get(0).get("alerts").get(0).get("description").asText());
        assertEquals("[2001:db8::1]:50000", captures.get(1).get("handshakes").get(0).get("client").asText());
        assertEquals(0, captures.get(1).get("problems").size());
    }

    @Test
    void problemsGoToStderrAndSetExitCodeOne() {
        Cli cli = new Cli().answer(site, capture("x", List.of(
                new CaptureProblem.Damaged(12, 4096, "truncated packet record"), new CaptureProblem.Damaged(0, -1, "file ends early")),
                tls12(1, chain(Role.SERVER, 2, LEAF))));

        Cli.Run run = cli.run("list", site.toString());

        assertEquals(1, run.code());
        assertEquals(List.of(site + ": frame 12, byte offset 4096: truncated packet record",
                site + ": file ends early"), run.errLines());
        assertTrue(run.out().contains("CN=leaf.example"), run.out());
    }

    @Test
    void problemsAreAlsoInTheJson() throws Exception {
        Cli.Run run = new Cli().answer(site, capture("x", List.of(new CaptureProblem.Damaged(5, -1, "bad frame"))))
                .run("list", "--json", site.toString());

        assertEquals(1, run.code());
        assertEquals("bad frame", new ObjectMapper().readTree(run.out()).get("captures").get(0).get("problems").get(0)
                .get("message").asText());
        assertEquals(List.of(site + ": frame 5: bad frame"), run.errLines());
    }

    @Test
    void missingFileAndEmptyDirectoryAreOneLineEachAndTheRestIsListed() throws IOException {
        Path missing = tmp.resolve("missing.pcap");
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        Cli.Run run = cli().run("list", missing.toString(), empty.toString(), site.toString());

        assertEquals(1, run.code());
        assertEquals(List.of("capcert: " + missing + ": no such file",
                        "capcert: " + empty + ": no capture files in it (matching *.{pcap,pcapng,cap,snoop,ntar}{,.gz,.zst,.xz,.bz2,.lz4})"),
                run.errLines());
        assertTrue(run.out().startsWith(site.toString()), run.out());
    }

    @Test
    void portsArePassedToTheScanner() {
        Cli cli = cli();

        Cli.Run run = cli.run("list", "--ports", "443,8443", "--ports", "636", site.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals(Set.of(443, 8443, 636), cli.options.get(0).ports());
        cli.run("list", site.toString());
        assertEquals(Set.of(), cli.options.get(1).ports());
    }

    @Test
    void badPortsAreAUsageError() {
        for (String ports : new String[] {"0", "65536", "https", "443,,x"}) {
            Cli.Run run = cli().run("list", "--ports", ports, site.toString());

            assertEquals(2, run.code(), ports);
            assertEquals("", run.out());
            assertTrue(run.err().contains("--ports"), run.err());
        }
    }

    @Test
    void usageErrorsExitTwoWithoutAStackTrace() {
        for (String[] args : new String[][] {{}, {"list"}, {"frobnicate"}, {"list", "--nope", "x"}}) {
            Cli.Run run = cli().run(args);

            assertEquals(2, run.code(), String.join(" ", args));
            assertTrue(run.err().startsWith("capcert: "), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void oneCapturesFailureIsOneLineAndTheBatchGoesOn() throws IOException {
        Path other = Files.writeString(tmp.resolve("other.pcap"), "");
        Cli cli = new Cli().fail(site, new IllegalStateException("boom")).answer(other, TestCaptures.capture(other.toString()));

        Cli.Run run = cli.run("list", site.toString(), other.toString());

        assertEquals(ExitCodes.INPUT_PROBLEMS, run.code());
        assertEquals(List.of(site + ": internal error: java.lang.IllegalStateException: boom"), run.errLines());
        assertTrue(run.out().contains(other.toString()), run.out());
    }

    @Test
    void versionAndHelp() {
        Cli.Run version = cli().run("--version");
        Cli.Run help = cli().run("--help");
        Cli.Run listHelp = cli().run("list", "--help");

        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("capcert "), version.out());
        assertEquals(0, help.code());
        assertTrue(help.out().contains("list") && help.out().contains("export"), help.out());
        assertTrue(help.out().contains("Exit codes"), help.out());
        assertEquals(0, listHelp.code());
        assertTrue(listHelp.out().contains("--json"), listHelp.out());
    }

    /** A batch is written as it is read, so it never has to fit in memory whole. */
    @Test
    void eachCaptureIsWrittenBeforeCapturesTwoPlacesOnAreRead() throws Exception {
        int count = 6;
        List<Path> files = new ArrayList<>();
        List<String> seenWhenScanning = new CopyOnWriteArrayList<>();
        Cli cli = new Cli();
        for (int i = 0; i < count; i++) files.add(Files.createFile(tmp.resolve("batch-" + i + ".pcap")));
        for (int i = 0; i < count; i++) {
            int index = i;
            cli.answer(files.get(i), path -> {
                if (index >= 2) {
                    String written = cli.outSoFar();
                    seenWhenScanning.add(index + ":" + written.contains(files.get(index - 2).toString())
                            + ":" + written.contains(files.get(index).toString()));
                }
                return capture(path.toString(), handshake(Transport.TCP, endpoint("192.0.2.1", 40000 + index),
                        endpoint("198.51.100.7", 443), index + 1, Optional.of(TlsVersion.TLS_1_2), Optional.empty(),
                        List.of(), List.of(), List.of()));
            });
        }
        List<String> args = new ArrayList<>(List.of("list", "--json", "--threads", "1"));
        files.forEach(f -> args.add(f.toString()));

        Cli.Run run = cli.run(args.toArray(String[]::new));

        assertEquals(ExitCodes.OK, run.code(), run.err());
        // When capture i is read, capture i - 2 is already out (one is read while one waits), capture i is not.
        assertEquals(List.of("2:true:false", "3:true:false", "4:true:false", "5:true:false"), seenWhenScanning);
        JsonNode document = new ObjectMapper().readTree(run.out());
        for (int i = 0; i < count; i++) {
            assertEquals(files.get(i).toString(), document.get("captures").get(i).get("file").asText(), "input order kept");
        }
    }

    /** Only the named subcommand is built; every way of naming one must still reach it. */
    @Test
    void subcommandFoundAfterOptionsAndThroughHelp() {
        Cli.Run help = cli().run("--help");
        for (String name : List.of("list", "export", "check", "check-cert", "trust-lint", "convert", "diff", "report", "view")) {
            assertTrue(help.out().contains("\n  " + name + " "), name + " missing from:\n" + help.out());
        }

        Cli.Run debugFirst = cli().run("--debug", "list", "--json", site.toString());
        assertEquals(ExitCodes.OK, debugFirst.code(), debugFirst.err());
        assertTrue(debugFirst.out().contains(LEAF_SHA), debugFirst.out());

        Cli.Run helpList = cli().run("help", "list");
        assertEquals(0, helpList.code());
        assertTrue(helpList.out().contains("--json"), helpList.out());

        Cli.Run typo = cli().run("lst");
        assertEquals(ExitCodes.USAGE, typo.code());
        assertTrue(typo.err().contains("Did you mean: capcert list"), typo.err());
    }
}
