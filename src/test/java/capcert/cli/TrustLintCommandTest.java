package capcert.cli;

import capcert.check.CheckTime;
import capcert.export.CertificateFiles;
import capcert.testing.TestCa;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustLintCommandTest {

    private static final TestPki.Chain CHAIN = TestPki.server();
    private static final String AT = "2026-06-01T00:00:00Z";

    @TempDir
    Path tmp;

    private Path pem(String name, byte[]... ders) throws Exception {
        return Files.writeString(tmp.resolve(name), CertificateFiles.pemBundle(List.of(ders)));
    }

    private Path clean() throws Exception {
        return pem("clean.pem", CHAIN.root().der(), CHAIN.intermediate().der());
    }

    /** Two CAs named "CN=Corp Root" with different keys: CH3 FAIL. */
    private Path shadowed() throws Exception {
        return pem("shadowed.pem", TestCa.certificate("CN=Corp Root").issue().der(), TestCa.certificate("CN=Corp Root").issue().der());
    }

    /** Each verdict on one line ({@code --wide}): these tests read what is said, the wrapping has tests of its own. */
    private static Cli.Run run(String... args) {
        List<String> wide = new java.util.ArrayList<>(List.of(args));
        wide.add(1, "--wide");
        return new Cli().run(wide.toArray(String[]::new));
    }

    @Test
    void aCleanListPassesWithStatus0() throws Exception {
        Path list = clean();

        Cli.Run run = run("trust-lint", "--at", AT, list.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertEquals(List.of(
                "[PASS] " + list + ": 2 certificates, at " + AT,
                "  PASS      5 checks passed",
                "",
                "1 list, 2 certificates checked: 0 FAIL, 0 WARN."), run.outLines());
    }

    @Test
    void verboseListsEachPass() throws Exception {
        Cli.Run run = run("trust-lint", "--at", AT, "-v", clean().toString());

        assertEquals(0, run.code(), run.err());
        assertEquals(List.of(
                "  PASS CH3  no two certificates share a subject",
                "  PASS VD1  every certificate is valid at " + AT,
                "  PASS BC1  every certificate is a CA (basicConstraints CA=true)",
                "  PASS KS1  every key is at least 2048 bits (RSA, DSA) or 256 bits (EC)",
                "  PASS SG1  no certificate but self-signed roots is signed with SHA-1 or MD5"), run.outLines().subList(1, 6));
    }

    @Test
    void aFailFindingGivesStatus3WorstFirstWithItsRemedy() throws Exception {
        Path list = shadowed();

        Cli.Run run = run("trust-lint", "--at", AT, list.toString());

        assertEquals(3, run.code(), run.err());
        List<String> lines = run.outLines();
        assertEquals("[FAIL] " + list + ": 2 certificates, at " + AT, lines.get(0));
        assertTrue(lines.get(1).matches("  FAIL CH3  Corp Root \\[[0-9a-f]{16}\\]  \\Q" + list + " #1 and " + list
                + " #2 have the same subject CN=Corp Root\\E.*"), lines.get(1));
        assertTrue(lines.get(2).startsWith("            → Remove the one that no longer issues certificates"), lines.get(2));
        assertEquals("  PASS      4 checks passed", lines.get(3));
        assertEquals("1 list, 2 certificates checked: 1 FAIL, 0 WARN.", lines.get(lines.size() - 1));
    }

    @Test
    void eachListIsCheckedOnItsOwn() throws Exception {
        // The same CA in two lists is no duplicate: each list is one peer's.
        Path c = pem("expressway-c.pem", CHAIN.root().der());
        Path e = pem("expressway-e.pem", CHAIN.root().der());

        Cli.Run run = run("trust-lint", "--at", AT, c.toString(), e.toString());

        assertEquals(0, run.code(), run.err());
        assertTrue(run.outLines().contains("[PASS] " + e + ": 1 certificate, at " + AT), run.out());
        assertEquals("2 lists, 2 certificates checked: 0 FAIL, 0 WARN.", run.outLines().get(run.outLines().size() - 1));
    }

    @Test
    void anUnreadableListIsOneLineAndStatus1UnlessAnotherFails() throws Exception {
        Path missing = tmp.resolve("missing.pem");
        Path readme = Files.writeString(tmp.resolve("README"), "no certificates\n");

        Cli.Run alone = run("trust-lint", "--at", AT, missing.toString(), clean().toString(), readme.toString());
        Cli.Run withFail = run("trust-lint", "--at", AT, missing.toString(), shadowed().toString());

        assertEquals(1, alone.code());
        assertEquals(List.of("capcert: " + missing + ": no such file or directory",
                "capcert: " + readme + ": not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12)"), alone.errLines());
        assertEquals("1 list, 2 certificates checked: 0 FAIL, 0 WARN. 2 lists could not be read.",
                alone.outLines().get(alone.outLines().size() - 1));
        assertEquals(3, withFail.code());
    }

    @Test
    void keystorePasswordAndAWrongOne() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", TestCa.x509(CHAIN.root().der()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "s3cret".toCharArray());
        Path p12 = Files.write(tmp.resolve("trust.p12"), bytes.toByteArray());

        Cli.Run right = run("trust-lint", "--at", AT, "--trust-password", "s3cret", p12.toString());
        Cli.Run wrong = run("trust-lint", "--at", AT, "--trust-password", "guess", p12.toString());

        assertEquals(0, right.code(), right.err());
        assertTrue(right.out().startsWith("[PASS] " + p12 + ": 1 certificate"), right.out());
        assertEquals(1, wrong.code());
        assertEquals(List.of("capcert: " + p12 + ": wrong keystore password (--trust-password)"), wrong.errLines());
    }

    @Test
    void filesSkippedInADirectoryAreWarnings() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cas"));
        Files.write(dir.resolve("root.cer"), CHAIN.root().der());
        Files.writeString(dir.resolve("notes.txt"), "CAs of the E\n");

        Cli.Run run = run("trust-lint", "--at", AT, dir.toString());

        assertEquals(0, run.code());
        assertEquals(List.of("capcert: warning: " + dir.resolve("notes.txt")
                + ": not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12), skipped"), run.errLines());
    }

    @Test
    void atTakesADateAndChecksValidityThen() throws Exception {
        Path list = pem("old.pem", TestCa.certificate("CN=Old CA")
                .validity(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).issue().der());

        Cli.Run before = run("trust-lint", "--at", "2020-01-01", list.toString());
        Cli.Run after = run("trust-lint", "--at", "2025-01-02", list.toString());

        assertEquals(0, before.code(), before.out());
        assertEquals(3, after.code(), after.out());
        assertTrue(after.out().contains("  " + list + " #1 (CN=Old CA) expired on 2025-01-01T00:00:00Z"), after.out());
    }

    @Test
    void usageErrors() throws Exception {
        Cli.Run badTime = run("trust-lint", "--at", "yesterday", clean().toString());
        Cli.Run noList = run("trust-lint");

        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("'yesterday' is not a time: expected " + CheckTime.FORMATS), badTime.err());
        assertEquals(2, noList.code());
    }

    @Test
    void severitiesAreColouredOnATerminalUnlessNoColor() throws Exception {
        Path list = shadowed();

        Cli.Run coloured = new Cli().terminal().run("trust-lint", "--at", AT, list.toString());
        Cli.Run plain = new Cli().terminal().run("trust-lint", "--at", AT, "--no-color", list.toString());

        assertTrue(coloured.out().contains("\u001b[31mFAIL\u001b[0m CH3"), coloured.out());
        assertFalse(plain.out().contains("\u001b["), plain.out());
    }
}
