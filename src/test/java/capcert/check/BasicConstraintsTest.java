package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ROOT;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BasicConstraintsTest {

    @Test
    void casOnThePathPass() {
        List<Verdict> v = Run.chain(Run.leaf("www.example.com"), Run.ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict issuing = Verdicts.find(v, Rule.BC1, Severity.PASS, "certificate 1 \"Example Issuing CA\" may sign certificate 0"
                + " \"www.example.com\": it is a CA with path length 0, with keyCertSign");
        assertEquals(Run.ISSUING.sha256(), issuing.certificate().orElseThrow());
        Verdicts.find(v, Rule.BC1, Severity.PASS, "\"Example Root CA\" may sign certificate 1 \"Example Issuing CA\": it is a root CA");
    }

    @Test
    void intermediateWithoutCaTrueFails() {
        Made notCa = CertBuilder.ca("CN=Not A CA").issuer(ROOT).notCa().build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(notCa).build();
        List<Verdict> v = Run.chain(leaf, notCa).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict bc1 = Verdicts.find(v, Rule.BC1, Severity.FAIL, "certificate 1 \"Not A CA\" signed certificate 0",
                "Basic Constraints say CA:FALSE");
        assertEquals(notCa.sha256(), bc1.certificate().orElseThrow());
        Made noExtension = CertBuilder.ca("CN=No Constraints CA").issuer(ROOT).withoutBasicConstraints().build();
        Made leaf2 = CertBuilder.leaf("CN=www.example.com").issuer(noExtension).build();
        Verdicts.find(Run.chain(leaf2, noExtension).verdicts(), Rule.BC1, Severity.FAIL, "extension is missing");
    }

    @Test
    void caWithoutKeyCertSignFails() {
        Made crlOnly = CertBuilder.ca("CN=CRL Only CA").issuer(ROOT).keyUsage(KeyUsage.cRLSign).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(crlOnly).build();
        Verdicts.find(Run.chain(leaf, crlOnly).trust(trust("ca.pem", ROOT)).verdicts(), Rule.BC1, Severity.FAIL,
                "lacks keyCertSign");
    }

    @Test
    void pathLengthExceededFails() {
        Made policy = CertBuilder.ca("CN=Policy CA").issuer(ROOT).pathLen(0).build();
        Made issuing = CertBuilder.ca("CN=Issuing CA under Policy").issuer(policy).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(issuing).build();
        List<Verdict> v = Run.chain(leaf, issuing, policy).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict bc1 = Verdicts.find(v, Rule.BC1, Severity.FAIL, "certificate 2 \"Policy CA\" allows at most 0 CAs below it",
                "the path has 1: certificate 1 \"Issuing CA under Policy\"");
        assertEquals(policy.sha256(), bc1.certificate().orElseThrow());
    }

    @Test
    void leafMarkedAsCaWarns() {
        Made caLeaf = CertBuilder.leaf("CN=www.example.com").issuer(Run.ISSUING).markedCa().build();
        Verdicts.find(Run.chain(caLeaf, Run.ISSUING).verdicts(), Rule.BC1, Severity.WARN, "marked as a CA");
    }
}
