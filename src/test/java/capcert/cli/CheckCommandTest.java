package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.capture.Problem;
import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.net.Transport;
import capcert.testing.PkiFileBytes;
import capcert.testing.TestCertificates;
import capcert.testing.TestPki;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static capcert.testing.PkiFileBytes.pem;
import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.endpoint;
import static capcert.testing.TestCaptures.handshake;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCommandTest {

    private static final byte[] LEAF = TestCertificates.certificate()
            .subject("CN=leaf.example,O=Example").issuer("CN=Example CA,O=Example").der();
    private static final byte[] CA = TestCertificates.certificate()
            .subject("CN=Example CA,O=Example").issuer("CN=Example Root,O=Example").der();
    private static final String LEAF_SHA = CertificateDetails.decode(LEAF).sha256();
    private static final String CA_SHA = CertificateDetails.decode(CA).sha256();
    private static final String UNKNOWN_SHA = "ab".repeat(32);

    private static final Verdict TRUST_FAILS = new Verdict(Rule.CH2, Severity.FAIL, Optional.of(CA_SHA),
            "no path to a trusted CA", "add the root to the client's trust list");
    private static final Verdict WILDCARD = new Verdict(Rule.NM4, Severity.WARN, Optional.of(LEAF_SHA),
            "wildcard name *.example", "reissue without wildcards");
    private static final Verdict NO_SNI = new Verdict(Rule.NM1, Severity.INFO, Optional.empty(),
            "the client sent no SNI", "");
    private static final Verdict VALID = Verdict.pass(Rule.VD1, LEAF_SHA, "valid at the handshake");
    private static final Verdict STRONG = Verdict.pass(Rule.KS1, LEAF_SHA, "EC P-256");
    private static final Verdict ENCRYPTED = new Verdict(Rule.TV1, Severity.INFO, Optional.empty(),
            "TLS 1.3: certificates encrypted", "capture with session keys");

    @TempDir
    Path tmp;
    Path site;
    Path other;

    /** Frame 3 warns, frame 10 fails, frame 20 passes; in the other capture frame 40 is informational. */
    private final Handshake warns = tls12(3, chain(Role.SERVER, 6, LEAF, CA));
    private final Handshake fails = handshake(Transport.TCP, endpoint("10.0.0.1", 40000), endpoint("10.0.0.2", 7001),
            10, Optional.of(TlsVersion.TLS_1_2), Optional.of("vcse.example"), List.of(), chain(Role.SERVER, 12, LEAF, CA), List.of());
    private final Handshake passes = handshake(Transport.UDP, endpoint("10.0.0.1", 5000), endpoint("10.0.0.2", 5061),
            20, Optional.of(TlsVersion.DTLS_1_2), Optional.empty(), List.of(), chain(Role.SERVER, 21, LEAF), List.of());
    private final Handshake encrypted = handshake(Transport.TCP, endpoint("10.0.0.1", 40001), endpoint("10.0.0.2", 443),
            40, Optional.of(TlsVersion.TLS_1_3), Optional.of("new.example"), List.of(), List.of(), List.of());

    @BeforeEach
    void files() throws Exception {
        site = Files.createFile(tmp.resolve("site.pcap"));
        other = Files.createFile(tmp.resolve("other.pcapng"));
    }

    private Cli cli() {
        return new Cli()
                .answer(site, capture("x", warns, fails, passes))
                .answer(other, capture("x", encrypted))
                .verdicts(h -> h.firstFrame() == 3 ? List.of(VALID, WILDCARD)
                        : h.firstFrame() == 10 ? List.of(STRONG, NO_SNI, TRUST_FAILS, VALID)
                        : h.firstFrame() == 20 ? List.of(VALID, STRONG)
                        : List.of(ENCRYPTED));
    }

    @Test
    void handshakesAreGroupedByCaptureWorstFirstEachWithItsVerdictsWorstFirst() {
        Cli.Run run = cli().run("check", site.toString(), other.toString());

        assertEquals(3, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(
                site.toString(),
                "  [FAIL] frame 10  tcp 10.0.0.1:40000 → 10.0.0.2:7001  TLS 1.2  SNI vcse.example",
                "    FAIL CH2  Example CA [" + CA_SHA.substring(0, 16) + "]  no path to a trusted CA",
                "              → add the root to the client's trust list",
                "    INFO NM1  the client sent no SNI",
                "    PASS      2 checks passed: KS1 VD1",
                "  [WARN] frame 3  tcp 192.0.2.10:51234 → 198.51.100.7:443  TLS 1.2  SNI leaf.example",
                "    WARN NM4  leaf.example [" + LEAF_SHA.substring(0, 16) + "]  wildcard name *.example",
                "              → reissue without wildcards",
                "    PASS      1 check passed: VD1",
                "  [PASS] frame 20  udp 10.0.0.1:5000 → 10.0.0.2:5061  DTLS 1.2  SNI none",
                "    PASS      2 checks passed: VD1 KS1",
                "",
                other.toString(),
                "  [INFO] frame 40  tcp 10.0.0.1:40001 → 10.0.0.2:443  TLS 1.3  SNI new.example",
                "    INFO TV1  TLS 1.3: certificates encrypted",
                "              → capture with session keys",
                "",
                "4 handshakes checked in 2 captures: 1 FAIL, 1 WARN."), run.outLines());
    }

    @Test
    void verboseListsEveryPassVerdict() {
        Cli.Run run = cli().run("check", "--verbose", site.toString());

        List<String> lines = run.outLines();
        int passes = lines.indexOf("  [PASS] frame 20  udp 10.0.0.1:5000 → 10.0.0.2:5061  DTLS 1.2  SNI none");
        assertEquals("    PASS VD1  leaf.example [" + LEAF_SHA.substring(0, 16) + "]  valid at the handshake",
                lines.get(passes + 1));
        assertEquals("    PASS KS1  leaf.example [" + LEAF_SHA.substring(0, 16) + "]  EC P-256", lines.get(passes + 2));
        assertFalse(run.out().contains("checks passed"), run.out());
    }

    @Test
    void certificatesNotInTheHandshakeAreNamedFromTheTrustListsOrByHash() throws Exception {
        byte[] root = TestPki.server().root().der();
        Path trust = tmp.resolve("ca-list.pem");
        Files.writeString(trust, pem(root));
        String rootSha = CertificateDetails.decode(root).sha256();
        Cli cli = new Cli().answer(site, capture("x", warns)).verdicts(h -> List.of(
                new Verdict(Rule.CH3, Severity.WARN, Optional.of(rootSha), "duplicate subject", "remove one"),
                new Verdict(Rule.CH2, Severity.FAIL, Optional.of(UNKNOWN_SHA), "not trusted", "")));

        Cli.Run run = cli.run("check", "--trust", trust.toString(), site.toString());

        assertTrue(run.out().contains("    FAIL CH2  [abababababababab]  not trusted\n"), run.out());
        assertTrue(run.out().contains("    WARN CH3  capcert Test Server Root (server.capcert.test) ["
                + rootSha.substring(0, 16) + "]  duplicate subject"), run.out());
    }

    @Test
    void coloursOnlyOnATerminalAndNotWithNoColor() {
        Cli.Run coloured = cli().terminal().run("check", site.toString());
        assertTrue(coloured.out().contains("  [\u001b[31mFAIL\u001b[0m] frame 10"), coloured.out());
        assertTrue(coloured.out().contains("    \u001b[31mFAIL\u001b[0m CH2  "), coloured.out());
        assertTrue(coloured.out().contains("    \u001b[33mWARN\u001b[0m NM4  "), coloured.out());
        assertTrue(coloured.out().contains("    \u001b[36mINFO\u001b[0m NM1  "), coloured.out());
        assertTrue(coloured.out().contains("    \u001b[32mPASS\u001b[0m      2 checks passed"), coloured.out());

        Cli.Run refused = cli().terminal().run("check", "--no-color", site.toString());
        Cli.Run piped = cli().run("check", site.toString());
        for (Cli.Run run : List.of(refused, piped)) {
            assertFalse(run.out().contains("\u001b"), run.out());
            assertTrue(run.out().contains("  [FAIL] frame 10"), run.out());
        }
    }

    @Test
    void noColorVariableTurnsColoursOffUnlessEmpty() {
        assertTrue(Context.colours(true, null));
        assertTrue(Context.colours(true, ""));
        assertFalse(Context.colours(true, "1"));
        assertFalse(Context.colours(false, null));
    }

    @Test
    void engineTextCannotDriveTheTerminal() {
        Cli cli = new Cli().answer(site, capture("x", warns)).verdicts(h -> List.of(new Verdict(Rule.NM1, Severity.FAIL,
                Optional.empty(), "SNI evil\u001b[2J not in the certificate", "ask for\r\u001b[1A a new one")));

        Cli.Run run = cli.run("check", site.toString());

        assertFalse(run.out().contains("\u001b"), run.out());
        assertTrue(run.out().contains("SNI evil\\x1b[2J not in the certificate"), run.out());
        assertTrue(run.out().contains("→ ask for\\x0d\\x1b[1A a new one"), run.out());
    }

    @Test
    void jsonIsTheListDocumentWithVerdictsWorstFirst() throws Exception {
        Cli.Run run = cli().run("check", "--json", site.toString(), other.toString());

        assertEquals(3, run.code(), run.err());
        JsonNode captures = new ObjectMapper().readTree(run.out()).get("captures");
        assertEquals(2, captures.size());
        JsonNode handshakes = captures.get(0).get("handshakes");
        // Same order as list --json: the capture's.
        assertEquals(List.of(3L, 10L, 20L), List.of(handshakes.get(0).get("firstFrame").asLong(),
                handshakes.get(1).get("firstFrame").asLong(), handshakes.get(2).get("firstFrame").asLong()));
        assertEquals(LEAF_SHA, handshakes.get(1).get("certificates").get(0).get("sha256").asText());
        JsonNode verdicts = handshakes.get(1).get("verdicts");
        assertEquals(4, verdicts.size());
        JsonNode first = verdicts.get(0);
        assertEquals("CH2", first.get("rule").asText());
        assertEquals("FAIL", first.get("severity").asText());
        assertEquals(CA_SHA, first.get("certificate").asText());
        assertEquals("no path to a trusted CA", first.get("message").asText());
        assertEquals("add the root to the client's trust list", first.get("remedy").asText());
        assertEquals("INFO", verdicts.get(1).get("severity").asText());
        assertTrue(verdicts.get(1).get("certificate").isNull());
        assertEquals("PASS", verdicts.get(3).get("severity").asText());
        assertEquals("", verdicts.get(3).get("remedy").asText());
        assertEquals("TV1", captures.get(1).get("handshakes").get(0).get("verdicts").get(0).get("rule").asText());
        assertFalse(run.out().contains("\u001b"));
    }

    @Test
    void exitStatusIsThreeOnFailOverProblemsOneOnProblemsElseZero() {
        List<Problem> damage = List.of(new CaptureProblem.Damaged(5, -1, "bad frame"));
        Cli failsWithProblems = new Cli().answer(site, capture("x", damage, fails)).verdicts(h -> List.of(TRUST_FAILS));
        Cli warnsWithProblems = new Cli().answer(site, capture("x", damage, warns)).verdicts(h -> List.of(WILDCARD));
        Cli warnsOnly = new Cli().answer(site, capture("x", warns)).verdicts(h -> List.of(WILDCARD, NO_SNI));

        assertEquals(3, failsWithProblems.run("check", site.toString()).code());
        assertEquals(3, failsWithProblems.run("check", "--json", site.toString()).code());
        Cli.Run problems = warnsWithProblems.run("check", site.toString());
        assertEquals(1, problems.code());
        assertEquals(List.of(site + ": frame 5: bad frame"), problems.errLines());
        assertEquals(0, warnsOnly.run("check", site.toString()).code());
        assertEquals(1, warnsOnly.run("check", tmp.resolve("missing.pcap").toString(), site.toString()).code());
    }

    @Test
    void optionsArePassedToTheChecker() throws Exception {
        TestPki.Chain pki = TestPki.server();
        Path trust = Files.writeString(tmp.resolve("ca-list.pem"), pem(pki.root().der()));
        Path crl = Files.write(tmp.resolve("root.crl"), PkiFileBytes.crl(pki.root(), 2));
        Cli cli = cli();

        Cli.Run run = cli.run("check", "--trust", trust.toString(), "--expect-name", "collab-edge.example.com",
                "--expect-name", "example.com", "--profile", "expressway", "--at", "2026-01-31",
                "--crl", crl.toString(), "--ports", "7001", site.toString());

        assertEquals(3, run.code(), run.err());
        assertEquals(3, cli.checkOptions.size());
        CheckOptions options = cli.checkOptions.get(0);
        assertEquals(List.of("collab-edge.example.com", "example.com"), options.expectedNames());
        assertEquals(Profile.EXPRESSWAY, options.profile());
        assertEquals(Optional.of(Instant.parse("2026-01-31T00:00:00Z")), options.at());
        assertEquals(1, options.trustLists().size());
        assertArrayEquals(TestPki.server().root().der(),
                options.trustLists().get(0).certificates().get(0).der());
        assertEquals(1, options.crls().size());
        assertEquals(CertificateDetails.decode(pki.root().der()).subject(), options.crls().get(0).issuer().rfc2253());
        assertEquals(Set.of(7001), cli.options.get(0).ports());
    }

    @Test
    void defaultsAreTheGenericProfileNoTimeNoTrustNoCrl() {
        Cli cli = cli();
        cli.run("check", site.toString());

        CheckOptions options = cli.checkOptions.get(0);
        assertEquals(Profile.GENERIC, options.profile());
        assertEquals(Optional.empty(), options.at());
        assertEquals(List.of(), options.trustLists());
        assertEquals(List.of(), options.crls());
        assertEquals(List.of(), options.expectedNames());
    }

    @Test
    void unreadableTrustListOrCrlStopsBeforeAnyCheck() throws Exception {
        Path missing = tmp.resolve("missing.pem");
        Path notACrl = Files.writeString(tmp.resolve("leaf.pem"), pem(LEAF));
        Cli cli = cli();

        Cli.Run trust = cli.run("check", "--trust", missing.toString(), site.toString());
        Cli.Run crl = cli.run("check", "--crl", notACrl.toString(), site.toString());

        assertEquals(1, trust.code());
        assertEquals(List.of("capcert: " + missing + ": no such file or directory"), trust.errLines());
        assertEquals(1, crl.code());
        assertEquals(1, crl.errLines().size());
        assertTrue(crl.err().startsWith("capcert: " + notACrl + ": "), crl.err());
        assertEquals("", trust.out() + crl.out());
        assertTrue(cli.checkOptions.isEmpty());
        assertTrue(cli.options.isEmpty(), "no capture scanned");
    }

    @Test
    void badTimeOrProfileIsAUsageError() {
        for (String[] args : new String[][] {{"--at", "yesterday"}, {"--profile", "cucm"}}) {
            Cli.Run run = cli().run("check", args[0], args[1], site.toString());

            assertEquals(2, run.code(), String.join(" ", args));
            assertTrue(run.err().contains(args[0]) || run.err().contains(args[1]), run.err());
        }
    }

    @Test
    void captureWithoutHandshakesIsMentioned() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.pcap"));

        Cli.Run run = new Cli().answer(empty, capture("x")).run("check", empty.toString());

        assertEquals(0, run.code());
        assertEquals(List.of(empty.toString(), "  no TLS handshake found", "",
                "0 handshakes checked in 1 capture: 0 FAIL, 0 WARN."), run.outLines());
    }

    @Test
    void helpStatesTheExitStatusPrecedence() {
        Cli.Run run = new Cli().run("check", "--help");

        assertEquals(0, run.code());
        assertTrue(run.out().contains("Exit codes (3 wins over 1, 1 over 0):"), run.out());
        assertTrue(run.out().contains("3   a FAIL verdict in some handshake"), run.out());
    }
}
