package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static capcert.check.Run.leaf;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainAsSentTest {

    private static final Made LEAF = leaf("www.example.com");

    @Test
    void chainInOrderPassesAndTheRootSentIsNoted() {
        List<Verdict> v = Run.chain(LEAF, ISSUING, ROOT).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.PASS, "in order", "\"www.example.com\" ← \"Example Issuing CA\" ← \"Example Root CA\"");
        Verdict root = Verdicts.find(v, Rule.CH1, Severity.INFO, "The root certificate 2 \"Example Root CA\" was sent", "harmless but useless");
        assertEquals(ROOT.sha256(), root.certificate().orElseThrow());
    }

    @Test
    void rootNotSentButTrustedIsAsUsual() {
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.PASS, "Root not sent, as usual", "trust list \"ca.pem\" holds it");
        Verdicts.none(v, Rule.CH1, Severity.INFO);
    }

    @Test
    void leafAfterItsIssuerIsTheWrongOrder() {
        List<Verdict> v = Run.chain(ISSUING, LEAF).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict order = Verdicts.find(v, Rule.CH1, Severity.FAIL, "wrong order", "certificate 0 \"Example Issuing CA\"",
                "comes as certificate 1");
        assertEquals(LEAF.sha256(), order.certificate().orElseThrow());
        assertTrue(order.remedy().contains("own certificate first"), order.remedy());
        // The path itself is sound: only the order is wrong.
        Verdicts.find(v, Rule.CH2, Severity.PASS);
    }

    @Test
    void casOutOfOrderAfterTheLeafAreAWarning() {
        List<Verdict> v = Run.chain(LEAF, ROOT, ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.WARN, "out of order", "positions [0, 2, 1]");
        Verdicts.none(v, Rule.CH1, Severity.FAIL);
    }

    @Test
    void issuerNeitherSentNorTrustedIsAMissingIntermediate() {
        List<Verdict> v = Run.chain(LEAF).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict missing = Verdicts.find(v, Rule.CH1, Severity.WARN, "certificate 0 \"www.example.com\" is issued by"
                + " \"Example Issuing CA\", which the server did not send", "no trust list given holds it");
        assertTrue(missing.remedy().contains("send \"Example Issuing CA\" after its own certificate"), missing.remedy());
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "holds the root \"Example Root CA\"",
                "\"Example Issuing CA\", the CA that issued certificate 0 \"www.example.com\", is missing from both"
                        + " the chain as sent and the trust list");
    }

    @Test
    void issuerNotSentWithoutTrustListMayBeATrustedRoot() {
        List<Verdict> v = Run.chain(LEAF).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.INFO, "which the server did not send", "fine if it is a root");
    }

    @Test
    void issuerAmongTheExtraIntermediatesIsNoted() {
        List<Verdict> v = Run.chain(LEAF).intermediates(ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.INFO, "among the extra intermediates");
        Verdicts.find(v, Rule.CH2, Severity.PASS);
    }

    @Test
    void unrelatedExtraCertificateIsFlagged() {
        Made stranger = CertBuilder.ca("CN=Somebody Else CA,O=Other").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING, stranger).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict extra = Verdicts.find(v, Rule.CH1, Severity.WARN, "certificate 2 \"Somebody Else CA\" is not part of the chain");
        assertEquals(stranger.sha256(), extra.certificate().orElseThrow());
    }

    @Test
    void unreadableEntryFailsWithTheParseError() {
        byte[] garbage = {0x30, 0x03, 0x02, 0x01};
        List<Verdict> v = Run.bytes(LEAF.der(), garbage).trust(trust("ca.pem", ROOT)).verdicts();
        Verdict bad = Verdicts.find(v, Rule.CH1, Severity.FAIL, "certificate 1 (sha256 ", "cannot be read");
        assertTrue(bad.certificate().isPresent());
    }

    @Test
    void caCertificateWithTheIssuersNameButAnotherKeyIsStale() {
        Made renewed = CertBuilder.ca("CN=Example Issuing CA,O=Example").issuer(ROOT).build();
        List<Verdict> v = Run.chain(LEAF, renewed).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.FAIL, "certificate 1 \"Example Issuing CA\" bears the name of the issuer",
                "did not sign it", "CH4");
        Verdicts.none(v, Rule.CH1, Severity.WARN);
    }

    @Test
    void verdictsComeWorstFirstThenByPosition() {
        Made expiredLeaf = CertBuilder.leaf("CN=old.example.com").issuer(ISSUING).dns("old.example.com")
                .validity(CertBuilder.NOT_BEFORE, Run.WHEN.minusSeconds(86400)).build();
        Made stranger = CertBuilder.ca("CN=Somebody Else CA,O=Other").build();
        List<Verdict> v = Run.chain(expiredLeaf, ISSUING, stranger).trust(trust("ca.pem", ROOT)).verdicts();
        for (int i = 1; i < v.size(); i++) {
            assertTrue(v.get(i - 1).severity().compareTo(v.get(i).severity()) >= 0, Verdicts.show(v));
        }
        List<Verdict> fails = v.stream().filter(x -> x.severity() == Severity.FAIL).toList();
        assertEquals(expiredLeaf.sha256(), fails.get(0).certificate().orElseThrow(), Verdicts.show(v));
        List<Verdict> warns = v.stream().filter(x -> x.severity() == Severity.WARN && x.certificate().isPresent()).toList();
        assertEquals(stranger.sha256(), warns.get(warns.size() - 1).certificate().orElseThrow(), Verdicts.show(v));
    }

    @Test
    void signatureThatDoesNotVerifyWithTheRightKeyIsDamage() {
        byte[] damaged = LEAF.der();
        damaged[damaged.length - 3] ^= 0x5a;
        List<Verdict> v = Run.bytes(damaged, ISSUING.der()).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH1, Severity.FAIL, "does not verify with the key of certificate 1 \"Example Issuing CA\"",
                "damaged or forged");
        Verdicts.find(v, Rule.CH2, Severity.FAIL);
    }
}
