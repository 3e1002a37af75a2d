package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import capcert.trust.TrustList;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static capcert.check.Run.leaf;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustPathTest {

    private static final Made LEAF = leaf("www.example.com");

    @Test
    void pathToATrustedRootPasses() {
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca-list.pem", ROOT)).verdicts();
        Verdict pass = Verdicts.find(v, Rule.CH2, Severity.PASS, "Trusted by trust list \"ca-list.pem\"",
                "\"Example Root CA\" (root from ca-list.pem #1)");
        assertEquals(LEAF.sha256(), pass.certificate().orElseThrow());
    }

    @Test
    void noTrustListIsOneInfo() {
        List<Verdict> v = Run.chain(LEAF, ISSUING).verdicts();
        assertEquals(1, Verdicts.of(v, Rule.CH2).size(), Verdicts.show(v));
        Verdicts.find(v, Rule.CH2, Severity.INFO, "Trust not checked: no trust list given");
    }

    @Test
    void trustedIntermediateWithoutItsRootFails() {
        List<Verdict> v = Run.chain(LEAF).trust(trust("ca-list.pem", ISSUING)).verdicts();
        Verdict fail = Verdicts.find(v, Rule.CH2, Severity.FAIL, "The intermediate \"Example Issuing CA\" is trusted"
                + " (from ca-list.pem #1) but its root \"Example Root CA\" is not in trust list \"ca-list.pem\"", "partial chains");
        assertEquals(LEAF.sha256(), fail.certificate().orElseThrow(), "CH2 judges the chain its leaf heads");
        assertTrue(fail.remedy().startsWith("Upload the root \"Example Root CA\" to trust list \"ca-list.pem\""), fail.remedy());
    }

    @Test
    void aTrustedIntermediateEndsThePathWhenPartialChainsAreAccepted() {
        List<Verdict> v = Run.chain(LEAF).trust(trust("ca-list.pem", ISSUING))
                .path(capcert.check.path.PathOptions.defaults().withPartialChain(true)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.PASS, "Trusted by trust list \"ca-list.pem\"", "\"Example Issuing CA\"");
        Verdicts.none(v, Rule.CH2, Severity.FAIL);
    }

    @Test
    void trustedRootWithoutTheIntermediateFails() {
        List<Verdict> v = Run.chain(LEAF).trust(trust("ca-list.pem", ROOT)).verdicts();
        Verdict fail = Verdicts.find(v, Rule.CH2, Severity.FAIL, "holds the root \"Example Root CA\"",
                "\"Example Issuing CA\", the CA that issued", "missing from both the chain as sent and the trust list");
        assertTrue(fail.remedy().contains("upload it to trust list \"ca-list.pem\""), fail.remedy());
    }

    @Test
    void chainOfAnotherPkiLeadsToNoTrustedCa() {
        Made otherRoot = CertBuilder.ca("CN=Other Root CA,O=Other").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING, ROOT).trust(trust("other.pem", otherRoot)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "No certificate of the chain leads to any CA in trust list \"other.pem\"",
                "ends at the root certificate 2 \"Example Root CA\"", "it holds \"Other Root CA\"");
    }

    @Test
    void theTrustListsAreOneSetAndTheVerdictNamesTheListThatEndedThePath() {
        Made otherRoot = CertBuilder.ca("CN=Other Root CA,O=Other").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING)
                .trust(trust("other.pem", otherRoot), trust("expressway-c.pem", ROOT)).verdicts();
        Verdict pass = Verdicts.find(v, Rule.CH2, Severity.PASS, "Trusted by trust list \"expressway-c.pem\"", "(root from expressway-c.pem #1)");
        assertEquals(LEAF.sha256(), pass.certificate().orElseThrow());
        Verdicts.none(v, Rule.CH2, Severity.FAIL);

        List<Verdict> neither = Run.chain(LEAF, ISSUING).trust(trust("other.pem", otherRoot), trust("more.pem", otherRoot)).verdicts();
        Verdicts.find(neither, Rule.CH2, Severity.FAIL, "the trust lists \"other.pem\" and \"more.pem\"");
    }

    @Test
    void extraIntermediatesCompleteThePath() {
        List<Verdict> v = Run.chain(LEAF).intermediates(ISSUING).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.PASS, "\"www.example.com\" ← \"Example Issuing CA\" ← \"Example Root CA\"");
    }

    @Test
    void pathRefusedForAnExpiredIntermediateSaysWhich() {
        Made expired = CertBuilder.ca("CN=Expired Issuing CA,O=Example").issuer(ROOT)
                .validity(CertBuilder.NOT_BEFORE, Run.WHEN.minusSeconds(3600)).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(expired).dns("www.example.com").build();
        List<Verdict> v = Run.chain(leaf, expired).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "A path to \"Example Root CA\" of trust list \"ca.pem\" exists",
                "certificate 1 \"Expired Issuing CA\" is expired at 2025-06-01 00:00:00 UTC (VD1)");
    }

    @Test
    void rootReKeyedOnRenewalGivesACh4Hint() {
        Made oldRoot = CertBuilder.ca("CN=Example Root CA,O=Example").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", oldRoot)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "trust list \"ca.pem\" holds \"Example Root CA\" (from ca.pem #1),"
                + " the issuer certificate 1 \"Example Issuing CA\" names, but its key does not verify the signature");
        Verdict rekeyed = Verdicts.find(v, Rule.CH4, Severity.WARN, "re-keyed when it was renewed");
        assertEquals(LEAF.sha256(), rekeyed.certificate().orElseThrow());
        assertTrue(rekeyed.remedy().startsWith("Upload the current \"Example Root CA\" to trust list \"ca.pem\""), rekeyed.remedy());
    }

    @Test
    void renewedIntermediateUnderANewNameGivesACh4Hint() {
        Made g2 = CertBuilder.ca("CN=Example Issuing CA G2,O=Example").issuer(ROOT).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(g2).dns("www.example.com").build();
        List<Verdict> v = Run.chain(leaf).trust(trust("ca.pem", ROOT, ISSUING)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "\"Example Issuing CA G2\", the CA that issued");
        Verdict hint = Verdicts.find(v, Rule.CH4, Severity.WARN, "holds \"Example Issuing CA\" (from ca.pem #2), a CA of"
                + " the same organisation as the missing \"Example Issuing CA G2\"");
        assertEquals(leaf.sha256(), hint.certificate().orElseThrow());
        // A CA of another organisation is no hint.
        Made other = CertBuilder.ca("CN=Example Issuing CA G2,O=Elsewhere").issuer(ROOT).build();
        Made stranger = CertBuilder.leaf("CN=www.example.com").issuer(other).build();
        assertTrue(Verdicts.of(Run.chain(stranger).trust(trust("ca.pem", ROOT, ISSUING)).verdicts(), Rule.CH4).isEmpty());
    }

    @Test
    void duplicateSubjectWithTheWrongKeyFirstIsCh3() {
        Made impostor = CertBuilder.ca("CN=Example Root CA,O=Example").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", impostor, ROOT)).verdicts();
        // The JDK tries every CA with the name; a verifier that stops at the first does not.
        Verdicts.find(v, Rule.CH2, Severity.PASS);
        Verdict ch3 = Verdicts.find(v, Rule.CH3, Severity.FAIL, "trust list \"ca.pem\" holds 2 CAs with the subject"
                + " \"Example Root CA\" and the first, from ca.pem #1, has a different key", "(ca.pem #2)");
        assertEquals(ISSUING.sha256(), ch3.certificate().orElseThrow());
    }

    @Test
    void duplicateSubjectWithTheRightKeyFirstIsAWarning() {
        Made other = CertBuilder.ca("CN=Example Root CA,O=Example").build();
        List<Verdict> v = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT, other)).verdicts();
        Verdicts.find(v, Rule.CH3, Severity.WARN, "works because the one that signed", "comes first (ca.pem #1)");
        Verdicts.none(v, Rule.CH3, Severity.FAIL);
    }

    @Test
    void selfSignedTomcatAndCallManagerOfOneNodeAreCh3() {
        String node = "CN=cucm1.example.com,OU=Collab,O=Example";
        Made tomcat = CertBuilder.ca(node).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
                .dns("cucm1.example.com").build();
        Made callManager = CertBuilder.ca(node).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
                .dns("cucm1.example.com").build();
        TrustList list = trust("expressway-c.pem", tomcat, callManager);
        List<Verdict> v = Run.chain(callManager).trust(list).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.PASS, "it holds this very certificate (expressway-c.pem #2)");
        Verdict ch3 = Verdicts.find(v, Rule.CH3, Severity.FAIL, "holds 2 CAs with the subject \"cucm1.example.com\"",
                "the first, from expressway-c.pem #1, has a different key");
        assertTrue(ch3.remedy().contains("tomcat and CallManager"), ch3.remedy());
        // The tomcat chain itself works, being first.
        Verdicts.find(Run.chain(tomcat).trust(list).verdicts(), Rule.CH3, Severity.WARN);
    }

    @Test
    void anotherCertificateWithTheSubjectOfASelfSignedOneDoesNotTrustIt() {
        String node = "CN=cucm1.example.com,OU=Collab,O=Example";
        Made tomcat = CertBuilder.ca(node).build();
        Made callManager = CertBuilder.ca(node).build();
        List<Verdict> v = Run.chain(callManager).trust(trust("expressway-c.pem", tomcat)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "with the subject of this self-signed certificate but another key",
                "tomcat and CallManager");
    }

    @Test
    void rootSentButOnlyItsIntermediateTrustedFails() {
        List<Verdict> v = Run.chain(LEAF, ISSUING, ROOT).trust(trust("ca-list.pem", ISSUING)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "The intermediate \"Example Issuing CA\" is trusted",
                "its root \"Example Root CA\" is not in trust list \"ca-list.pem\"");
    }

    @Test
    void listWithoutAnyRootSaysSo() {
        Made otherIssuing = CertBuilder.ca("CN=Other Issuing CA").issuer(CertBuilder.ca("CN=Other Root").build()).build();
        List<Verdict> v = Run.chain(LEAF).trust(trust("intermediates.pem", otherIssuing)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "it holds no root at all (it holds \"Other Issuing CA\")",
                "is issued by \"Example Issuing CA\"");
    }

    @Test
    void staleCaCertificateSentIsNamed() {
        Made renewed = CertBuilder.ca("CN=Example Issuing CA,O=Example").issuer(ROOT).build();
        List<Verdict> v = Run.chain(LEAF, renewed).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "\"Example Issuing CA\" sent as certificate 1 has the name of the"
                + " issuer of certificate 0 \"www.example.com\" but not its key");
    }

    @Test
    void crossCertifiedCasGoingRoundInACircle() {
        Made a0 = CertBuilder.ca("CN=Circle A").build();
        Made b = CertBuilder.ca("CN=Circle B").issuer(a0).build();
        Made a = CertBuilder.ca("CN=Circle A").keys(a0.keys()).issuer(b).build();
        Made leaf = CertBuilder.leaf("CN=www.example.com").issuer(a).build();
        List<Verdict> v = Run.chain(leaf, a, b).trust(trust("ca.pem", ROOT)).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "lead round in a circle");
    }

    @Test
    void emptyTrustListTrustsNothing() {
        List<Verdict> v = Run.chain(LEAF, ISSUING, ROOT).trust(TrustList.empty()).verdicts();
        Verdicts.find(v, Rule.CH2, Severity.FAIL, "trust list #1 (empty)", "(it is empty)");
    }

    @Test
    void listsAreNamedByTheirFileWithoutEntryNumberOrAlias() {
        TrustList keystore = TrustList.of(List.of(ROOT.trusted("certs/store.p12 #1 (capcert-root)")));
        TrustList again = TrustList.of(List.of(ROOT.trusted("certs/store.p12 #1 (other-alias)")));
        assertEquals("trust list \"certs/store.p12\"", TrustPath.name(List.of(keystore), 0));
        assertEquals("trust list \"certs/store.p12\" (#2)", TrustPath.name(List.of(keystore, again), 1));
    }
}
