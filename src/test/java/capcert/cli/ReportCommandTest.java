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
        assertTrue(html.contains("--trust " + TRUST), html);
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
        assertFalse(text.contains("<script"), text);
        assertTrue(text.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"), text);
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
        assertTrue(names.contains("index.json"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".cer")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".pem") && !n.startsWith("chains/")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("chains/")), names.toString());
        for (String name : names) {
            assertFalse(name.startsWith("/") || name.contains(".."), name);
        }
        assertEquals(names.stream().filter(n -> n.endsWith(".cer")).count(),
                names.stream().filter(n -> n.endsWith(".pem") && !n.startsWith("chains/")).count(), names.toString());
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
        assertTrue(run.err().contains(".html, .md or .zip"), run.err());
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
