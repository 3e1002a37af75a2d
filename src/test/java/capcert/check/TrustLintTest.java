package capcert.check;

import capcert.testing.TestCa;
import capcert.testing.TestPki;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustLintTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final KeyPair RSA = TestCa.rsa(2048);
    private static final TestPki.Issued RSA_ROOT = TestCa.certificate("CN=RSA Root").keys(RSA).issue();

    /** A list of {@code issued} with sources "list.pem #1", "list.pem #2"... */
    private static TrustList list(TestPki.Issued... issued) {
        List<TrustedCertificate> out = new ArrayList<>();
        for (TestPki.Issued i : issued) out.add(new TrustedCertificate(TestCa.x509(i.der()), "list.pem #" + (out.size() + 1)));
        return TrustList.of(out);
    }

    private static List<Verdict> findings(TrustList list, Rule rule) {
        return TrustLint.lint(list, NOW).stream().filter(v -> v.rule() == rule && v.severity() != Severity.PASS).toList();
    }

    private static Verdict only(TrustList list, Rule rule) {
        List<Verdict> found = findings(list, rule);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static Optional<String> sha256(TestPki.Issued issued) {
        return Optional.of(CertificateDetails.decode(issued.der()).sha256());
    }

    @Test
    void aCleanListPassesEachRuleOnce() {
        TestPki.Chain chain = TestPki.server();

        List<Verdict> verdicts = TrustLint.lint(list(chain.root(), chain.intermediate()), NOW);

        assertEquals(List.of(Rule.CH3, Rule.VD1, Rule.BC1, Rule.KS1, Rule.SG1), verdicts.stream().map(Verdict::rule).toList());
        assertTrue(verdicts.stream().allMatch(v -> v.severity() == Severity.PASS && v.certificate().isEmpty()), verdicts.toString());
    }

    @Test
    void sameSubjectDifferentKeysFailsNamingBothAndTheOneAVerifierStopsAt() {
        TestPki.Issued old = TestCa.certificate("CN=Corp Root,O=Corp").issue();
        TestPki.Issued other = TestCa.certificate("CN=Unrelated CA").issue();
        // X.500 names match case-insensitively, as verifiers compare them
        TestPki.Issued renewed = TestCa.certificate("CN=corp root,O=CORP").issue();

        Verdict v = only(list(old, other, renewed), Rule.CH3);

        assertEquals(Severity.FAIL, v.severity());
        assertEquals(sha256(renewed), v.certificate());
        assertEquals("list.pem #1 and list.pem #3 have the same subject CN=Corp Root,O=Corp but different keys: a verifier"
                + " looks a CA up by subject and stops at the first it finds, list.pem #1, so certificates signed with the"
                + " key of list.pem #3 fail although that CA is listed", v.message());
        assertTrue(v.remedy().contains("have both signed by a CA and trust that CA"), v.remedy());
    }

    @Test
    void theSameCertificateTwiceIsInfo() {
        TestPki.Issued root = TestCa.certificate("CN=Root").issue();

        Verdict v = only(list(root, root), Rule.CH3);

        assertEquals(Severity.INFO, v.severity());
        assertEquals("list.pem #1 and list.pem #2 are the same certificate, listed twice", v.message());
    }

    @Test
    void aReissuedCaWithTheSameKeyIsInfoUnlessTheFirstFoundIsOutOfDate() {
        KeyPair keys = TestCa.ec("secp256r1");
        TestPki.Issued current = TestCa.certificate("CN=Root").keys(keys).issue();
        TestPki.Issued expired = TestCa.certificate("CN=Root").keys(keys)
                .validity(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).issue();

        Verdict fine = only(list(current, expired), Rule.CH3);
        Verdict shadowed = only(list(expired, current), Rule.CH3);

        assertEquals(Severity.INFO, fine.severity());
        assertTrue(fine.message().contains("one CA re-issued"), fine.message());
        assertEquals(Severity.WARN, shadowed.severity());
        assertTrue(shadowed.message().contains("the first, the one a verifier finds, is not valid at " + NOW), shadowed.message());
        assertEquals("Remove list.pem #1.", shadowed.remedy());
    }

    @Test
    void expiredCaFailsAndNotYetValidWarnsAtTheInstantAsked() {
        TestPki.Issued expired = TestCa.certificate("CN=Old CA")
                .validity(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).issue();
        TestPki.Issued future = TestCa.certificate("CN=Next CA")
                .validity(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2037-01-01T00:00:00Z")).issue();

        List<Verdict> now = findings(list(expired, future), Rule.VD1);
        List<Verdict> in2020 = TrustLint.lint(list(expired, future), Instant.parse("2020-01-01T00:00:00Z")).stream()
                .filter(v -> v.rule() == Rule.VD1 && v.severity() != Severity.PASS).toList();

        assertEquals(List.of(Severity.FAIL, Severity.WARN), now.stream().map(Verdict::severity).toList());
        assertEquals("list.pem #1 (CN=Old CA) expired on 2025-01-01T00:00:00Z: chains that end at this CA fail",
                now.get(0).message());
        assertEquals(sha256(expired), now.get(0).certificate());
        assertEquals("list.pem #2 (CN=Next CA) is not valid before 2027-01-01T00:00:00Z: chains through it fail until then",
                now.get(1).message());
        assertEquals(List.of(sha256(future)), in2020.stream().map(Verdict::certificate).toList());
    }

    @Test
    void aLeafInATrustListWarns() {
        TestPki.Chain chain = TestPki.server();

        Verdict v = only(list(chain.root(), chain.leaf()), Rule.BC1);

        assertEquals(Severity.WARN, v.severity());
        assertEquals(sha256(chain.leaf()), v.certificate());
        assertTrue(v.message().startsWith("list.pem #2 (O=capcert tests,CN=server.capcert.test) is not a CA"
                + " (no basicConstraints CA=true): a leaf in a trust list trusts only itself"), v.message());
    }

    @Test
    void aVersion1RootIsInfoButAVersion1CertificateIssuedByAnotherWarns() {
        TestPki.Issued v1Root = TestCa.certificate("CN=Old Root").version1().issue();
        TestPki.Issued v1Issued = TestCa.certificate("CN=Old Server").version1().issuedBy(v1Root).issue();

        List<Verdict> found = findings(list(v1Root, v1Issued), Rule.BC1);

        assertEquals(List.of(Severity.WARN, Severity.INFO), found.stream().map(Verdict::severity).toList());
        assertEquals(sha256(v1Issued), found.get(0).certificate());
        assertEquals(sha256(v1Root), found.get(1).certificate());
    }

    @Test
    void shortKeysFailOrWarnByAlgorithm() {
        TestPki.Issued rsa512 = TestCa.certificate("CN=RSA 512").keys(TestCa.rsa(512)).issue();
        TestPki.Issued rsa1024 = TestCa.certificate("CN=RSA 1024").keys(TestCa.rsa(1024)).issue();
        TestPki.Issued dsa1024 = TestCa.certificate("CN=DSA 1024").keys(TestCa.dsa(1024)).issue();
        TestPki.Issued p224 = TestCa.certificate("CN=EC 224").keys(TestCa.ec("secp224r1")).issue();
        TestPki.Issued ec128 = TestCa.certificate("CN=EC 128").keys(TestCa.ec("secp128r1")).issue();
        TestPki.Issued p384 = TestCa.certificate("CN=EC 384").keys(TestCa.ec("secp384r1")).issue();

        List<Verdict> found = findings(list(rsa512, rsa1024, dsa1024, p224, ec128, p384, RSA_ROOT), Rule.KS1);

        assertEquals(List.of(sha256(rsa512), sha256(ec128), sha256(rsa1024), sha256(dsa1024), sha256(p224)),
                found.stream().map(Verdict::certificate).toList());
        assertEquals(List.of(Severity.FAIL, Severity.FAIL, Severity.WARN, Severity.WARN, Severity.WARN),
                found.stream().map(Verdict::severity).toList());
        assertTrue(found.get(0).message().startsWith("list.pem #1 (CN=RSA 512) has a 512-bit RSA key, below 2048 bits"),
                found.get(0).message());
        assertTrue(found.get(4).message().startsWith("list.pem #4 (CN=EC 224) has an EC key on a 224-bit curve, below 256 bits"),
                found.get(4).message());
    }

    @Test
    void weakHashesCountOnIssuedCertificatesButNotOnASelfSignedRootsOwnSignature() {
        TestPki.Issued sha1Root = TestCa.certificate("CN=SHA-1 Root").keys(RSA).signature("SHA1withRSA").issue();
        TestPki.Issued sha1 = TestCa.certificate("CN=SHA-1 Intermediate").issuedBy(RSA_ROOT).signature("SHA1withRSA").issue();
        TestPki.Issued md5 = TestCa.certificate("CN=MD5 Intermediate").issuedBy(RSA_ROOT).signature("MD5withRSA").issue();

        List<Verdict> found = findings(list(RSA_ROOT, sha1Root, sha1, md5), Rule.SG1);

        assertEquals(List.of(sha256(md5), sha256(sha1)), found.stream().map(Verdict::certificate).toList());
        assertEquals(List.of(Severity.FAIL, Severity.WARN), found.stream().map(Verdict::severity).toList());
        assertTrue(found.get(0).message().startsWith("list.pem #4 (CN=MD5 Intermediate) is signed with MD5"), found.get(0).message());
        assertTrue(found.get(1).message().startsWith("list.pem #3 (CN=SHA-1 Intermediate) is signed with SHA-1"), found.get(1).message());
    }

    @Test
    void findingsComeWorstFirstAndRulesWithoutFindingsPass() {
        TestPki.Chain chain = TestPki.server();
        TestPki.Issued expired = TestCa.certificate("CN=Old CA")
                .validity(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z")).issue();

        List<Verdict> verdicts = TrustLint.lint(list(chain.leaf(), expired), NOW);

        assertEquals(List.of(Severity.FAIL, Severity.WARN, Severity.PASS, Severity.PASS, Severity.PASS),
                verdicts.stream().map(Verdict::severity).toList());
        assertEquals(List.of(Rule.VD1, Rule.BC1, Rule.CH3, Rule.KS1, Rule.SG1), verdicts.stream().map(Verdict::rule).toList());
    }
}
