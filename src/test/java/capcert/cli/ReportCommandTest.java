package capcert.cli;

import capcert.check.Checker;
import capcert.tls.CaptureResult;
import capcert.tls.Role;
import capcert.testing.TestCaptures;
import capcert.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code capcert report} with the real scanner and verdict engine over shipped captures. */
class ReportCommandTest {

    private static final String CAPTURE = "test-captures/tls12-unknown-ca.pcap";
    private static final String TRUST = "test-captures/trust/root-only.pem";
    private static final String HOSTILE = "<script>alert(1)</script>";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run capcert(Context context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(context, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run capcert(String... args) {
        return capcert(new Context((scanner, file) -> scanner.scan(file), options -> new Checker(options)::check,
                options -> new Checker(options)::checkChain, false), args);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void htmlReportHasTheFailTheCaptureHashAndTheChainDiagram() throws Exception {
        Path report = dir.resolve("case.html");
        Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, CAPTURE);
        assertEquals(3, run.code(), run.err());
        String html = Files.readString(report);
        assertTrue(html.contains("TV2"), html);
        assertTrue(html.contains("<span class=\"sev FAIL\">FAIL</span>"), html);
        assertTrue(html.contains(sha256(Path.of(CAPTURE))), html);
        assertTrue(html.contains("class=\"chain-diagram\""), html);
        assertTrue(html.contains("<details><summary>PEM</summary><pre>-----BEGIN CERTIFICATE-----\n"), html);
        assertTrue(html.contains("capcert report -o "), html);
        assertTrue(html.contains("--trust " + Path.of(TRUST).getFileName()), "files by their name alone: " + html);
        assertTrue(html.contains("capcert development build") || html.contains("capcert "), html);
        assertTrue(html.contains("unknown_ca"), html);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), html);
    }

    @Test
    void markdownReportHasTheSameContent() throws Exception {
        Path report = dir.resolve("case.md");
        Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, CAPTURE);
        assertEquals(3, run.code(), run.err());
        String md = Files.readString(report);
        assertTrue(md.startsWith("# capcert support-case report"), md);
        assertTrue(md.contains("| FAIL | TV2 |"), md);
        assertTrue(md.contains(sha256(Path.of(CAPTURE))), md);
        assertTrue(md.contains("```\n-----BEGIN CERTIFICATE-----"), md);
    }

    @Test
    void aCleanCaptureExitsZero() throws Exception {
        Path report = dir.resolve("ok.md");
        Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, "--at", "2026-06-01",
                "test-captures/tls12-chain.pcap");
        assertTrue(run.code() == 0 || run.code() == 3, run.err());
        assertTrue(Files.exists(report));
    }

    @Test
    void hostileCommonNameIsEscaped() throws Exception {
        Path capture = dir.resolve("hostile.pcap");
        Files.write(capture, new byte[] {1, 2, 3});
        CaptureResult result = new CaptureResult(capture, List.of(TestCaptures.tls12(3,
                TestCaptures.chain(Role.SERVER, 6, TestCertificates.withCommonName(HOSTILE)))), List.of());
        Context fake = new Context((scanner, file) -> result, options -> new Checker(options)::check,
                options -> new Checker(options)::checkChain, false);

        Path html = dir.resolve("h.html");
        Run run = capcert(fake, "report", "-o", html.toString(), capture.toString());
        assertTrue(run.code() == 0 || run.code() == 3, run.err());
        String page = Files.readString(html);
        assertFalse(page.contains(HOSTILE), page);
        assertFalse(page.contains("<script"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertTrue(page.contains(sha256(capture)), page);

        Path md = dir.resolve("h.md");
        capcert(fake, "report", "-o", md.toString(), capture.toString());
        String text = Files.readString(md);
        // Markdown's own escape: a backslash makes the angle bracket a character, never a tag.
        assertFalse(text.replace("\\<", "").contains("<script"), text);
        assertTrue(text.contains("\\<script\\>alert(1)\\</script\\>"), text);

        Path txt = dir.resolve("h.txt");
        capcert(fake, "report", "-o", txt.toString(), capture.toString());
        String plain = Files.readString(txt);
        assertTrue(plain.contains("<script>alert(1)</script>"), "plain text shows the name as it is: " + plain);
        assertTrue(plain.contains(sha256(capture)), plain);
    }

    @Test
    void theReportLeadsWithTheFindingsAndCountsWhatPassed() throws Exception {
        Path md = dir.resolve("case.md");
        Run run = capcert("report", "-o", md.toString(), "--trust", TRUST, CAPTURE, "test-captures/inputs/ocsp-stapled.pcap",
                "test-captures/tls12-chain.pcap");
        assertEquals(3, run.code(), run.err());
        assertTrue(run.out().strip().matches("Wrote " + java.util.regex.Pattern.quote(md.toString()) + ": 3 handshakes, [1-9] FAIL, 0 WARN\\."),
                run.out());
        String text = Files.readString(md);
        int findings = text.indexOf("## Key findings");
        int summary = text.indexOf("## Summary");
        int contents = text.indexOf("## Contents");
        int first = text.indexOf("## 1. FAIL");
        assertTrue(findings > 0 && findings < summary && summary < contents && contents < first, text);
        assertTrue(text.contains("1. **FAIL "), text);
        assertTrue(text.contains("- Trust lists: root-only.pem (SHA-256 "), text);
        // Captures by file name and SHA-256, never the path the engineer had them at; FAIL and WARN per capture.
        String row = "\\| tls12-unknown-ca\\.pcap \\| " + sha256(Path.of(CAPTURE)) + " \\| 1 \\| 3 \\| [1-9] \\| 0 \\| 0 \\|  \\|";
        assertTrue(text.lines().anyMatch(l -> l.matches(row)), text);
        assertFalse(text.contains("test-captures/"), "no folder of the engineer's, not even in the options used: " + text);
        assertTrue(text.lines().anyMatch(l -> l.matches("PASS: \\d+ checks passed\\.")), text);
        assertFalse(text.contains("| PASS |"), "PASS verdicts are counted, not listed: " + text);
        assertTrue(text.contains("- Extended key usage:\n  - TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)"), text);
        assertTrue(text.contains("- Key usage: Digital Signature, Key Encipherment (critical)"), text);
        assertTrue(text.contains("## Evidence outside the handshakes") && text.contains("serial 5007: revoked"), text);
        assertTrue(text.contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), "no escaping where Markdown needs none");
        // The contents and the findings link to the sections, by anchors the report sets itself.
        assertTrue(text.contains("\n1. [FAIL: tcp 10.99.0.2:"), text);
        assertTrue(text.contains("](#h1)\n"), text);
        assertTrue(text.contains("<a id=\"h1\"></a>\n\n## 1. FAIL"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\d+\\. \\*\\*FAIL .* \\(sections? \\[\\d+\\]\\(#h\\d+\\).*\\)")), text);
    }

    @Test
    void optionsThatShapeCheckTextAreRefusedNotIgnored() {
        for (List<String> option : List.of(List.of("--width", "80"), List.of("--wide"), List.of("--problems-only"), List.of("--json"),
                List.of("--verbose"), List.of("--no-color"))) {
            List<String> args = new ArrayList<>(List.of("report", "-o", dir.resolve("refused.md").toString()));
            args.addAll(option);
            args.add(CAPTURE);
            Run run = capcert(args.toArray(String[]::new));
            assertEquals(2, run.code(), run.err());
            assertTrue(run.err().contains(option.get(0) + " shapes the verdicts check prints; report does not print them"), run.err());
            assertFalse(Files.exists(dir.resolve("refused.md")));
        }
    }

    @Test
    void tunnelledHandshakesAreNamedByTheirRelayAndSupplicant() throws Exception {
        for (String extension : List.of("md", "txt", "html")) {
            Path report = dir.resolve("tunnels." + extension);
            Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, "test-captures/peap-radius.pcap",
                    "test-captures/turn-channeldata.pcap");
            assertEquals(0, run.code(), run.err());
            String text = Files.readString(report);
            assertTrue(text.contains("10.192.1.3:4433 via 10.192.0.1:3478"), extension + ": " + text);
            assertTrue(text.contains("PEAP identity anonymous, station 02-00-00-19-2B-02, NAS i19b-switch (10.192.0.2)"),
                    extension + ": " + text);
        }
    }

    @Test
    void zipHoldsBothReportsTheIndexAndEveryCertificate() throws Exception {
        Path report = dir.resolve("case.zip");
        Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, CAPTURE);
        assertEquals(3, run.code(), run.err());
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(report))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) names.add(e.getName());
        }
        assertTrue(names.contains("report.html"), names.toString());
        assertTrue(names.contains("report.md"), names.toString());
        assertTrue(names.contains("report.txt"), names.toString());
        assertTrue(names.contains("trust/" + Path.of(TRUST).getFileName()), "the trust list the verdicts used: " + names);
        assertTrue(names.contains("index.json"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".cer")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".pem") && !n.startsWith("chains/") && !n.startsWith("trust/")),
                names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("chains/")), names.toString());
        for (String name : names) {
            assertFalse(name.startsWith("/") || name.contains(".."), name);
        }
        assertEquals(names.stream().filter(n -> n.endsWith(".cer")).count(),
                names.stream().filter(n -> n.endsWith(".pem") && !n.startsWith("chains/") && !n.startsWith("trust/")).count(),
                names.toString());
    }

    @Test
    void neverOverwritesWithoutForce() throws Exception {
        Path report = dir.resolve("case.html");
        Files.writeString(report, "mine");
        Run run = capcert("report", "-o", report.toString(), "--trust", TRUST, CAPTURE);
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().contains("already exists"), run.err());
        assertEquals("mine", Files.readString(report));

        Run forced = capcert("report", "-o", report.toString(), "--force", "--trust", TRUST, CAPTURE);
        assertEquals(3, forced.code(), forced.err());
        assertTrue(Files.readString(report).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(report), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void anUnknownExtensionIsAUsageError() {
        Run run = capcert("report", "-o", dir.resolve("case.pdf").toString(), CAPTURE);
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains(".html, .md, .txt or .zip"), run.err());
    }

    /** The page in a real browser: it renders, a screenshot is taken, the chain diagram is in the DOM. */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "chromium is not installed");
        Path report = dir.resolve("case.html");
        assertEquals(3, capcert("report", "-o", report.toString(), "--trust", TRUST, CAPTURE).code());
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Path png = dir.resolve("r.png");
        String url = report.toUri().toString();
        browser(chromium, profile, "--screenshot=" + png, "--window-size=1200,1600", url);
        assertTrue(Files.exists(png), "no screenshot");
        byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > 10_000, "screenshot only " + image.length + " bytes");
        assertEquals("\u0089PNG", new String(image, 0, 4, StandardCharsets.ISO_8859_1));
        String dom = browser(chromium, profile, "--dump-dom", url);
        assertTrue(dom.contains("class=\"chain-diagram\""), dom);
        assertTrue(dom.contains("TV2"), dom);
        String keep = System.getProperty("capcert.keepScreenshot");
        if (keep != null) Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String browser(Path chromium, Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(profile, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        return Files.readString(output);
    }
}
