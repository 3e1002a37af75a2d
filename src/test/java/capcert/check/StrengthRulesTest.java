package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StrengthRulesTest {

    @Test
    void strongKeysAndHashesPass() {
        List<Verdict> v = Run.chain(Run.leaf("www.example.com"), ISSUING, ROOT).verdicts();
        assertEquals(3, Verdicts.of(v, Rule.KS1, Severity.PASS).size(), Verdicts.show(v));
        Verdicts.find(v, Rule.KS1, Severity.PASS, "The key of certificate 0 \"www.example.com\" is EC 256 bits");
        // Two signatures count: the root's on itself does not.
        assertEquals(2, Verdicts.of(v, Rule.SG1, Severity.PASS).size(), Verdicts.show(v));
        Verdicts.find(v, Rule.SG1, Severity.PASS, "certificate 1 \"Example Issuing CA\" is signed with SHA256withECDSA");
    }

    @Test
    void rsa1024FailsAndUpTo2048Warns() {
        Made rsa1024 = CertBuilder.leaf("CN=old.example.com").issuer(ISSUING).rsa(1024).build();
        Verdict fail = Verdicts.find(Run.chain(rsa1024, ISSUING).verdicts(), Rule.KS1, Severity.FAIL, "is RSA 1024 bits", "refuses");
        assertEquals(rsa1024.sha256(), fail.certificate().orElseThrow());
        Made rsa1536 = CertBuilder.leaf("CN=older.example.com").issuer(ISSUING).rsa(1536).build();
        Verdicts.find(Run.chain(rsa1536, ISSUING).verdicts(), Rule.KS1, Severity.WARN, "is RSA 1536 bits", "below");
    }

    @Test
    void sha1AndMd5SignaturesFail() {
        Made rsaCa = CertBuilder.ca("CN=RSA Issuing CA").issuer(ROOT).rsa(2048).build();
        Made sha1 = CertBuilder.leaf("CN=sha1.example.com").issuer(rsaCa).signature("SHA1withRSA").build();
        Verdicts.find(Run.chain(sha1, rsaCa).verdicts(), Rule.SG1, Severity.FAIL, "signed with SHA1withRSA");
        Made md5 = CertBuilder.leaf("CN=md5.example.com").issuer(rsaCa).signature("MD5withRSA").build();
        Verdicts.find(Run.chain(md5, rsaCa).verdicts(), Rule.SG1, Severity.FAIL, "signed with MD5withRSA");
    }

    @Test
    void aRootsSelfSignatureDoesNotCount() {
        Made sha1Root = CertBuilder.ca("CN=Old Root").rsa(2048).signature("SHA1withRSA").build();
        Made ca = CertBuilder.ca("CN=Issuing CA").issuer(sha1Root).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(ca).build();
        List<Verdict> v = Run.chain(leaf, ca, sha1Root).verdicts();
        Verdicts.none(v, Rule.SG1, Severity.FAIL);
        assertEquals(2, Verdicts.of(v, Rule.SG1, Severity.PASS).size(), Verdicts.show(v));
    }
}
