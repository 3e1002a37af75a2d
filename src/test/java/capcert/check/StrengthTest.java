package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StrengthTest {

    @Test
    void strongKeysAndHashesPass() {
        List<Verdict> v = Run.chain(Run.leaf("www.example.com"), ISSUING, ROOT).verdicts();
        Verdicts.find(v, Rule.KS1, Severity.PASS, "EC 256, EC 256, EC 256");
        Verdicts.find(v, Rule.SG1, Severity.PASS, "SHA256withECDSA, SHA256withECDSA");
    }

    @Test
    void rsa1024WarnsAndSmallerFails() {
        Made rsa1024 = CertBuilder.leaf("CN=old.example.com").issuer(ISSUING).rsa(1024).build();
        Verdict warn = Verdicts.find(Run.chain(rsa1024, ISSUING).verdicts(), Rule.KS1, Severity.WARN, "RSA 1024 key");
        assertEquals(rsa1024.sha256(), warn.certificate().orElseThrow());
        Made rsa768 = CertBuilder.leaf("CN=older.example.com").issuer(ISSUING).rsa(768).build();
        Verdicts.find(Run.chain(rsa768, ISSUING).verdicts(), Rule.KS1, Severity.FAIL, "RSA 768 key", "refuse");
    }

    @Test
    void sha1SignatureWarnsAndMd5Fails() {
        Made rsaCa = CertBuilder.ca("CN=RSA Issuing CA").issuer(ROOT).rsa(2048).build();
        Made sha1 = CertBuilder.leaf("CN=sha1.example.com").issuer(rsaCa).signature("SHA1withRSA").build();
        Verdicts.find(Run.chain(sha1, rsaCa).verdicts(), Rule.SG1, Severity.WARN, "signed with SHA1withRSA");
        Made md5 = CertBuilder.leaf("CN=md5.example.com").issuer(rsaCa).signature("MD5withRSA").build();
        Verdicts.find(Run.chain(md5, rsaCa).verdicts(), Rule.SG1, Severity.FAIL, "signed with MD5withRSA");
    }

    @Test
    void aRootsSelfSignatureDoesNotCount() {
        Made sha1Root = CertBuilder.ca("CN=Old Root").rsa(2048).signature("SHA1withRSA").build();
        Made ca = CertBuilder.ca("CN=Issuing CA").issuer(sha1Root).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(ca).build();
        List<Verdict> v = Run.chain(leaf, ca, sha1Root).verdicts();
        Verdicts.none(v, Rule.SG1, Severity.WARN);
        Verdicts.find(v, Rule.SG1, Severity.PASS);
    }
}
