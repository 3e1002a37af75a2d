package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.check.Purpose;
import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.check.path.PathOptions;
import capcert.testing.PkiFileBytes;
import capcert.testing.TestCertificates;
import capcert.testing.TestPki;
import capcert.x509.CertificateDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static capcert.testing.PkiFileBytes.pem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckCertCommandTest {

    private static final TestPki.Chain SERVER = TestPki.server();
    private static final TestPki.Chain CLIENT = TestPki.client("alice@example.com", TestPki.KeyType.EC_P256);
    private static final byte[] ALICE = TestCertificates.certificate()
            .subject("CN=alice,OU=Staff,O=Example").issuer("CN=Example CA,O=Example")
            .dns("alice.example.com").email("alice@example.com").der();
    private static final String ALICE_SHA = CertificateDetails.decode(ALICE).sha256();

    private static final Verdict UNTRUSTED = new Verdict(Rule.CH2, Severity.FAIL, Optional.of(ALICE_SHA),
            "not signed by a CA in the trust list", "add Example CA to the trust list");
    private static final Verdict SERVER_ONLY = new Verdict(Rule.EK2, Severity.WARN, Optional.of(ALICE_SHA),
            "server authentication only", "reissue with both EKUs");
    private static final Verdict VALID = Verdict.pass(Rule.VD1, ALICE_SHA, "valid");

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertDers(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), "certificate " + i);
    }

    @Test
    void readsPemBundlesDerAndPkcs7AsTheChainAsPresented() throws Exception {
        TestPki.Chain pki = SERVER;
        // openssl leaves "Bag Attributes" and similar text around PEM blocks.
        Path bundle = write("bundle.pem", "Bag Attributes\n    friendlyName: server\n"
                + pem(pki.leaf().der(), pki.intermediate().der()));
        Path der = write("leaf.cer", pki.leaf().der());
        Path root = write("root.cer", pki.root().der());
        Path p7b = write("chain.p7b", PkiFileBytes.p7b(pki.leaf().der(), pki.intermediate().der()));
        Path p7bPem = write("chain-pem.p7b", pem("PKCS7", PkiFileBytes.p7b(pki.leaf().der(), pki.intermediate().der())));
        Cli cli = new Cli();

        for (String[] args : new String[][] {
                {bundle.toString()}, {p7b.toString()}, {p7bPem.toString()}, {der.toString(), bundle.toString()}}) {
            Cli.Run run = cli.run(concat("check-cert", args));
            assertEquals(0, run.code(), run.err());
        }
        cli.run("check-cert", der.toString(), root.toString());

        List<byte[]> sent = pki.sentWithoutRoot();
        assertDers(sent, cli.chainCalls.get(0).chain());
        assertDers(sent, cli.chainCalls.get(1).chain());
        assertDers(sent, cli.chainCalls.get(2).chain());
        assertDers(List.of(pki.leaf().der(), pki.leaf().der(), pki.intermediate().der()), cli.chainCalls.get(3).chain());
        assertDers(List.of(pki.leaf().der(), pki.root().der()), cli.chainCalls.get(4).chain());
        assertTrue(cli.chainCalls.get(0).intermediates().isEmpty());
    }

    @Test
    void chainFilesAreExtraIntermediates() throws Exception {
        Path leaf = write("leaf.pem", pem(SERVER.leaf().der()));
        Path intermediates = write("intermediates.p7b", PkiFileBytes.p7b(SERVER.intermediate().der(), CLIENT.intermediate().der()));
        Path root = write("root.cer", SERVER.root().der());
        Cli cli = new Cli();

        Cli.Run run = cli.run("check-cert", "--chain", intermediates.toString(), "--chain", root.toString(), leaf.toString());

        assertEquals(0, run.code(), run.err());
        Cli.ChainCall call = cli.chainCalls.get(0);
        assertDers(List.of(SERVER.leaf().der()), call.chain());
        assertDers(List.of(SERVER.intermediate().der(), CLIENT.intermediate().der(), SERVER.root().der()),
                call.intermediates());
        assertTrue(run.out().contains("with no certificates as presented and 3 extra intermediates"), run.out());
    }

    @Test
    void purposeServerNameTimeAndOptionsArePassedThrough() throws Exception {
        Path leaf = write("alice.pem", pem(CLIENT.leaf().der()));
        Path trust = write("ca.pem", pem(CLIENT.root().der()));
        Path crl = write("ca.crl", pem("X509 CRL", PkiFileBytes.crl(CLIENT.intermediate(), 3)));
        Cli cli = new Cli();

        Cli.Run run = cli.run("check-cert", "--purpose", "client", "--server-name", "vcsc.example.com",
                "--at", "2030-06-01T12:00:00Z", "--trust", trust.toString(), "--expect-name", "alice@example.com",
                "--profile", "expressway", "--crl", crl.toString(), leaf.toString());

        assertEquals(0, run.code(), run.err());
        Cli.ChainCall call = cli.chainCalls.get(0);
        assertEquals(Purpose.CLIENT, call.purpose());
        assertEquals(Optional.of("vcsc.example.com"), call.serverName());
        assertEquals(Instant.parse("2030-06-01T12:00:00Z"), call.when());
        CheckOptions options = call.options();
        assertEquals(Optional.empty(), options.at(), "--at is the time checked at, not a second one");
        assertEquals(Profile.EXPRESSWAY, options.profile());
        assertEquals(List.of("alice@example.com"), options.expectedNames());
        assertArrayEquals(CLIENT.root().der(), options.trustLists().get(0).certificates().get(0).der());
        assertEquals(1, options.crls().size());
        assertTrue(run.out().contains("as a client certificate at 2030-06-01T12:00:00Z"), run.out());
    }

    @Test
    void pathOptionsAndRequiredEkusArePassedThrough() throws Exception {
        Path leaf = write("leaf.pem", pem(SERVER.leaf().der()));
        Cli cli = new Cli();

        Cli.Run run = cli.run("check-cert", "--max-depth", "3", "--policy", "2.23.140.1.2.1", "--policy", "1.2.3.4",
                "--require-explicit-policy", "--inhibit-policy-mapping", "--inhibit-any-policy", "--partial-chain",
                "--eku", "clientAuth", "--eku", "1.3.6.1.5.5.7.3.1", "--profile", "web", leaf.toString());

        assertEquals(0, run.code(), run.err());
        CheckOptions options = cli.chainCalls.get(0).options();
        assertEquals(new PathOptions(3, Set.of("2.23.140.1.2.1", "1.2.3.4"), true, true, true, true), options.path());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1"), options.requiredPurposes());
        assertEquals(Profile.WEB, options.profile());

        cli.run("check-cert", leaf.toString());
        assertEquals(PathOptions.defaults(), cli.chainCalls.get(1).options().path());
    }

    @Test
    void badPathOptionsAreUsageErrors() throws Exception {
        Path leaf = write("leaf.pem", pem(SERVER.leaf().der()));
        Cli cli = new Cli();
        for (String[] args : new String[][] {{"--max-depth", "-1"}, {"--max-depth", "x"}, {"--policy", "anyPolicy"}, {"--policy", "1.2.x"},
                {"--eku", "nonsense"}, {"--profile", "strict"}}) {
            List<String> all = new java.util.ArrayList<>(List.of("check-cert"));
            all.addAll(List.of(args));
            all.add(leaf.toString());
            Cli.Run run = cli.run(all.toArray(String[]::new));
            assertEquals(2, run.code(), String.join(" ", args) + run.err());
        }
        assertTrue(cli.chainCalls.isEmpty());
    }

    @Test
    void defaultsAreServerPurposeNoServerNameAndNow() throws Exception {
        Path leaf = write("leaf.pem", pem(SERVER.leaf().der()));
        Cli cli = new Cli();

        Instant before = Instant.now();
        cli.run("check-cert", leaf.toString());
        Instant after = Instant.now();

        Cli.ChainCall call = cli.chainCalls.get(0);
        assertEquals(Purpose.SERVER, call.purpose());
        assertEquals(Optional.empty(), call.serverName());
        assertFalse(call.when().isBefore(before) || call.when().isAfter(after), call.when().toString());
        assertEquals(Profile.GENERIC, call.options().profile());
    }

    @Test
    void verdictsAreShownWorstFirstAndAFailExitsThree() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));
        Cli cli = new Cli().chainVerdicts(VALID, SERVER_ONLY, UNTRUSTED);

        Cli.Run run = cli.run("check-cert", "--at", "2025-01-01", alice.toString());

        assertEquals(3, run.code(), run.err());
        String shortSha = ALICE_SHA.substring(0, 16);
        assertEquals(List.of(
                "[FAIL] CN=alice,OU=Staff,O=Example  [" + shortSha + "]  " + alice,
                "  as a server certificate at 2025-01-01T00:00:00Z, with no certificates as presented and no extra intermediates",
                "  FAIL CH2  alice [" + shortSha + "]  not signed by a CA in the trust list",
                "            → add Example CA to the trust list",
                "  WARN EK2  alice [" + shortSha + "]  server authentication only",
                "            → reissue with both EKUs",
                "  PASS      1 check passed: VD1",
                "",
                "1 certificate checked: 1 FAIL, 1 WARN."), run.outLines());
    }

    @Test
    void warningsAloneExitZeroAndColoursFollowTheTerminal() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));

        Cli.Run plain = new Cli().chainVerdicts(SERVER_ONLY).run("check-cert", alice.toString());
        Cli.Run coloured = new Cli().chainVerdicts(SERVER_ONLY).terminal().run("check-cert", alice.toString());
        Cli.Run refused = new Cli().chainVerdicts(SERVER_ONLY).terminal().run("check-cert", "--no-color", alice.toString());

        assertEquals(0, plain.code());
        assertFalse(plain.out().contains("\u001b") || refused.out().contains("\u001b"), plain.out() + refused.out());
        assertTrue(coloured.out().startsWith("[\u001b[33mWARN\u001b[0m] CN=alice"), coloured.out());
        assertTrue(coloured.out().contains("  \u001b[33mWARN\u001b[0m EK2  alice"), coloured.out());
    }

    @Test
    void unreadableFilesExitOneWithoutChecking() throws Exception {
        Path key = write("server.key", pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        Path empty = write("empty.pem", "");
        Path leaf = write("leaf.pem", pem(SERVER.leaf().der()));
        Path missing = tmp.resolve("missing.pem");
        Cli cli = new Cli();

        for (String[] args : new String[][] {{missing.toString()}, {key.toString()}, {empty.toString()},
                {leaf.toString(), tmp.toString()}, {"--chain", missing.toString(), leaf.toString()}}) {
            Cli.Run run = cli.run(concat("check-cert", args));

            assertEquals(1, run.code(), String.join(" ", args));
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith("capcert: "), run.err());
            assertEquals("", run.out());
        }
        assertTrue(cli.chainCalls.isEmpty());
        Cli.Run run = cli.run("check-cert", empty.toString());
        assertEquals(List.of("capcert: " + empty + ": empty file"), run.errLines());
        run = cli.run("check-cert", leaf.toString(), tmp.toString());
        assertEquals(List.of("capcert: " + tmp + ": is a directory"), run.errLines());
    }

    @Test
    void patternExtractsTheUsername() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));

        Cli.Run run = new Cli().chainVerdicts(VALID).run("check-cert", "--purpose", "client",
                "--pattern", "Subject:.*CN=(?<cn>[^,]*)", "--username-format", "#cn#", alice.toString());
        Cli.Run two = new Cli().chainVerdicts(VALID).run("check-cert",
                "--pattern", "Subject Alternative Name:.*email:(?<user>[^@]+)@(?<domain>[^, ]+)",
                "--username-format", "#domain#\\#user#", alice.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.outLines().contains("  username: alice"), run.out());
        assertEquals(0, two.code(), two.err());
        assertTrue(two.outLines().contains("  username: example.com\\alice"), two.out());
    }

    @Test
    void patternThatMatchesNothingExitsThreeAndShowsTheText() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));

        Cli.Run run = new Cli().chainVerdicts(VALID).run("check-cert",
                "--pattern", "Subject:.*UID=(?<uid>[^,]*)", "--username-format", "#uid#", alice.toString());

        assertEquals(3, run.code(), run.err());
        List<String> lines = run.outLines();
        int at = lines.indexOf("  username: none, the pattern matches no line of the certificate text; the certificate text is:");
        assertTrue(at > 0, run.out());
        assertEquals("    Subject: CN=alice,OU=Staff,O=Example", lines.get(at + 1));
        assertEquals("    Issuer: CN=Example CA,O=Example", lines.get(at + 2));
        assertTrue(lines.contains("    Subject Alternative Name: DNS:alice.example.com, email:alice@example.com"), run.out());
        assertTrue(run.out().contains("1 certificate checked: 0 FAIL, 0 WARN."), run.out());
    }

    @Test
    void formatNamingAMissingGroupExitsThree() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));

        Cli.Run run = new Cli().chainVerdicts(VALID).run("check-cert",
                "--pattern", "Subject:.*CN=(?<cn>[^,]*)", "--username-format", "#commonName#", alice.toString());

        assertEquals(3, run.code(), run.err());
        assertTrue(run.out().contains("  username: none, the username format uses #commonName# but the pattern has no "
                + "group (?<commonName>...)"), run.out());
    }

    @Test
    void patternNeedsAFormatAndMustCompile() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));
        Cli cli = new Cli();

        Cli.Run alone = cli.run("check-cert", "--pattern", "CN=(?<cn>.*)", alice.toString());
        Cli.Run formatAlone = cli.run("check-cert", "--username-format", "#cn#", alice.toString());
        Cli.Run broken = cli.run("check-cert", "--pattern", "CN=(?<cn>.*", "--username-format", "#cn#", alice.toString());

        assertEquals(2, alone.code());
        assertEquals(2, formatAlone.code());
        assertTrue(alone.err().contains("--pattern and --username-format go together"), alone.err());
        assertEquals(2, broken.code());
        assertTrue(broken.err().startsWith("capcert: Invalid --pattern: "), broken.err());
        assertTrue(cli.chainCalls.isEmpty());
    }

    @Test
    void jsonHasTheChainVerdictsAndUsername() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));
        Path chain = write("ca.cer", SERVER.intermediate().der());

        Cli.Run run = new Cli().chainVerdicts(VALID, UNTRUSTED).run("check-cert", "--json", "--purpose", "client",
                "--at", "2025-01-01", "--chain", chain.toString(),
                "--pattern", "Subject:.*CN=(?<cn>[^,]*)", "--username-format", "#cn#@example.com", alice.toString());

        assertEquals(3, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("client", root.get("purpose").asText());
        assertEquals("2025-01-01T00:00:00Z", root.get("at").asText());
        assertTrue(root.get("serverName").isNull());
        JsonNode checked = root.get("certificates").get(0);
        assertEquals(alice.toString(), checked.get("file").asText());
        assertEquals(0, checked.get("position").asInt());
        assertEquals(ALICE_SHA, checked.get("sha256").asText());
        assertEquals("CN=alice,OU=Staff,O=Example", checked.get("subject").asText());
        assertEquals(CertificateDetails.decode(SERVER.intermediate().der()).sha256(),
                root.get("intermediates").get(0).get("sha256").asText());
        JsonNode verdicts = root.get("verdicts");
        assertEquals("CH2", verdicts.get(0).get("rule").asText());
        assertEquals("FAIL", verdicts.get(0).get("severity").asText());
        assertEquals(ALICE_SHA, verdicts.get(0).get("certificate").asText());
        assertEquals("add Example CA to the trust list", verdicts.get(0).get("remedy").asText());
        assertEquals("PASS", verdicts.get(1).get("severity").asText());
        JsonNode username = root.get("username");
        assertEquals("alice@example.com", username.get("username").asText());
        assertTrue(username.get("problem").isNull());
        assertEquals("#cn#@example.com", username.get("format").asText());
    }

    @Test
    void jsonWithoutPatternHasNoUsername() throws Exception {
        Path alice = write("alice.pem", pem(ALICE));

        JsonNode root = new ObjectMapper().readTree(new Cli().run("check-cert", "--json", alice.toString()).out());

        assertFalse(root.has("username"));
        assertEquals(0, root.get("verdicts").size());
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
