package capcert.cli;

import capcert.check.Checker;
import capcert.export.CertificateFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the text commands print on a terminal and into a file or pipe: real captures, the real engine,
 * standard output a terminal of a chosen width or not a terminal at all.
 */
class TerminalOutputTest {

    private static final String UNKNOWN_CA = "test-captures/tls12-unknown-ca.pcap";
    private static final String SUBJECT = "CN=server.capcert.test,OU=Test Servers,O=capcert";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    /** {@code columns} empty: standard output is a file or pipe. */
    private static Run capcert(OptionalInt columns, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context((scanner, file) -> scanner.scan(file), options -> new Checker(options)::check,
                options -> new Checker(options)::checkChain, false, () -> columns);
        int code = Main.run(context, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run piped(String... args) {
        return capcert(OptionalInt.empty(), args);
    }

    @Test
    void listIntoAFileCutsNothingAndOnATerminalFitsItsWidth() {
        Run piped = piped("list", UNKNOWN_CA);
        assertTrue(piped.out().contains(SUBJECT) && piped.out().contains("CN=capcert Test Intermediate CA,OU=Test PKI,O=capcert"),
                piped.out());
        assertFalse(piped.out().contains("…"), piped.out());

        Run narrow = capcert(OptionalInt.of(80), "list", UNKNOWN_CA);
        assertTrue(narrow.out().contains("…"), narrow.out());
        for (String line : narrow.lines()) {
            if (line.startsWith("  server")) assertTrue(line.length() <= 80, line.length() + ": " + line);
        }
        assertEquals(piped.out(), capcert(OptionalInt.of(80), "list", "--wide", UNKNOWN_CA).out(), "--wide cuts nothing on a terminal");
        Run given = piped("list", "--width", "100", UNKNOWN_CA);
        assertTrue(given.lines().stream().filter(l -> l.startsWith("  server")).allMatch(l -> l.length() <= 100), given.out());
    }

    @Test
    void widthIsRefusedWhereItShapesNothing() {
        Run json = piped("list", "--json", "--width", "80", UNKNOWN_CA);
        assertEquals(ExitCodes.USAGE, json.code());
        assertTrue(json.err().contains("--width shapes text, not --json"), json.err());
        assertEquals(ExitCodes.USAGE, piped("check", "--json", "--wide", UNKNOWN_CA).code());
        assertEquals(ExitCodes.USAGE, piped("list", "--json", "--tsv", UNKNOWN_CA).code());
        assertEquals(ExitCodes.USAGE, piped("list", "--width", "12", UNKNOWN_CA).code());
    }

    @Test
    void checkWrapsEachVerdictWithAHangingIndentAndCountsWhatPassed() {
        Run run = capcert(OptionalInt.of(72), "check", "--profile", "expressway", UNKNOWN_CA);
        assertEquals(ExitCodes.CHECK_FAILED, run.code(), run.err());
        List<String> lines = run.lines();
        int fail = indexOf(lines, "    FAIL TV2  server.capcert.test [df8e548936b37ac7]  ");
        assertTrue(fail > 0, run.out());
        assertTrue(lines.get(fail + 1).startsWith("              ") && !lines.get(fail + 1).isBlank(),
                "the reason goes on under its own first word: " + run.out());
        for (String line : lines) assertTrue(line.length() <= 72, line.length() + ": " + line);
        int remedy = indexOf(lines, "              → Upload the root");
        assertTrue(remedy > fail && lines.get(remedy + 1).startsWith("                "), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("    PASS      \\d+ checks passed")), run.out());

        // Words come back whole: the wrapped text is the one-line text.
        Run wide = capcert(OptionalInt.of(72), "check", "--wide", "--profile", "expressway", UNKNOWN_CA);
        assertEquals(join(wide.out()), join(run.out()));
        assertTrue(wide.lines().stream().anyMatch(l -> l.length() > 200), wide.out());
    }

    @Test
    void problemsOnlyLeavesPassAndInfoOut() {
        Run run = piped("check", "--problems-only", "--trust", "test-captures/trust/root-only.pem",
                "test-captures/inputs/ocsp-stapled.pcap", "test-captures/tls12-chain.pcap");
        assertEquals(ExitCodes.CHECK_FAILED, run.code(), run.err());
        assertTrue(run.out().contains("FAIL VD2"), run.out());
        assertFalse(run.out().contains("PASS") || run.out().contains("INFO"), run.out());
        assertTrue(run.out().contains("  1 handshake without FAIL, WARN or UNKNOWN not shown"), run.out());
        assertTrue(run.out().endsWith("2 handshakes checked in 2 captures: 1 FAIL, 0 WARN.\n"), run.out());
    }

    @Test
    void tsvIsOneRowPerCertificateUnderAHeader() {
        Run run = piped("list", "--tsv", "test-captures/tls12-mutual.pcap", "test-captures/inputs/ocsp-stapled.pcap");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.lines();
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        assertEquals(TsvListing.COLUMNS, header);
        // tls12-mutual: 2 server, 2 client; ocsp-stapled: 2 server, and the intermediate the OCSP response carried.
        assertEquals(1 + 4 + 2 + 1, lines.size(), run.out());
        for (String line : lines) assertEquals(header.size(), line.split("\t", -1).length, line);
        List<String> leaf = Arrays.asList(lines.get(1).split("\t", -1));
        assertEquals("server", leaf.get(header.indexOf("role")));
        assertEquals("server.capcert.test,collab-edge.capcert.test", leaf.get(header.indexOf("san_dns")));
        assertEquals("TLS Web Server Authentication,TLS Web Client Authentication", leaf.get(header.indexOf("extended_key_usage")));
        assertEquals("2048", leaf.get(header.indexOf("key_size")));
        assertEquals("evidence", lines.get(lines.size() - 1).split("\t", -1)[header.indexOf("role")]);
    }

    @Test
    void tsvNamesWhatCarriedATunnelledHandshake() {
        Run run = piped("list", "--tsv", "test-captures/peap-radius.pcap", "test-captures/turn-channeldata.pcap");
        assertEquals(0, run.code(), run.err());
        List<String> header = Arrays.asList(run.lines().get(0).split("\t", -1));
        List<String> peap = Arrays.asList(run.lines().get(1).split("\t", -1));
        assertEquals("radius", peap.get(header.indexOf("transport")));
        assertEquals("PEAP", peap.get(header.indexOf("eap_method")));
        assertEquals("anonymous", peap.get(header.indexOf("eap_identity")));
        assertEquals("i19b-switch", peap.get(header.indexOf("eap_nas_identifier")));
        assertEquals("", peap.get(header.indexOf("relay")));
        List<String> turn = Arrays.asList(run.lines().get(run.lines().size() - 1).split("\t", -1));
        assertEquals("turn-udp", turn.get(header.indexOf("transport")));
        assertEquals("10.192.0.1:3478", turn.get(header.indexOf("relay")));
        assertEquals("", turn.get(header.indexOf("eap_method")));
    }

    @Test
    void diffSaysWhatTheEvidenceSaysDifferently() {
        Run run = piped("diff", "test-captures/inputs/ocsp-stapled-good.pcap", "test-captures/inputs/ocsp-stapled.pcap");
        assertEquals(ExitCodes.DIFFERENT, run.code(), run.err());
        assertTrue(run.out().contains("EVIDENCE outside the handshakes"), run.out());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("  + OCSP response: serial ") && l.contains(": revoked")), run.out());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("  - OCSP response: serial ") && l.contains(": good")), run.out());
    }

    @Test
    void checkCertOfACaptureSaysToUseCheck() {
        Run run = piped("check-cert", UNKNOWN_CA);
        assertEquals(ExitCodes.INPUT_PROBLEMS, run.code());
        assertTrue(run.err().contains(UNKNOWN_CA + " is a packet capture: check its handshakes with `capcert check " + UNKNOWN_CA + "`"),
                run.err());
    }

    @Test
    void aPemEncodedPkcs7BecomesPemCertificates() throws Exception {
        byte[] der = Files.readAllBytes(Path.of("test-captures/trust/root-only.p7b"));
        String armoured = "-----BEGIN PKCS7-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PKCS7-----\n";
        Path p7b = Files.writeString(dir.resolve("from-a-ca.p7b"), armoured);
        Run run = piped("convert", p7b.toString());
        assertEquals(0, run.code(), run.err());
        Path pem = dir.resolve("from-a-ca.pem");
        assertTrue(run.out().startsWith("Wrote " + pem + " (1 certificate, PEM)"), run.out());
        assertEquals(CertificateFiles.pem(Files.readAllBytes(Path.of("test-captures/trust/root-only.der"))), Files.readString(pem));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(prefix)) return i;
        return -1;
    }

    /** The words of the text, however it is wrapped. */
    private static String join(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }
}
