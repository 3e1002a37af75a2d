package capcert.check.path;

import capcert.testing.PkitsSettings;
import capcert.testing.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JDK's PKIX path builder and validator (sun.security.provider.certpath) as a cross-check of capcert's path
 * engine on every PKITS case, with the same settings, CRLs and time. Where the two disagree the
 * case must be in {@link #DISAGREEMENTS} with the reason; a listed case that starts agreeing fails
 * too, so the list stays true.
 */
class PkitsJdkCrossCheckTest {

    /** Cases where the JDK and capcert's engine disagree, and why. PKITS's expected verdict is in the reason. */
    static final Map<String, String> DISAGREEMENTS = Map.of(
            "Missing CRL Test1", "PKITS and the JDK reject a certificate with no CRL; capcert's engine reports it as not checked"
                    + " (RULES VD2), as in PkitsEngineTest",
            "Invalid Wrong CRL Test6", "the only CRL is another CA's: as Missing CRL Test1",
            "Invalid IDP with indirectCRL Test26", "the only CRL does not cover the certificate (not indirect): as Missing CRL Test1",
            "Valid Policy Mapping Test13 (Subpart 3)", "the JDK also grows NIST-test-policy-2 under the CA's anyPolicy node although"
                    + " the NIST-test-policy-1 node, mapped to 2, already matched it (RFC 5280 6.1.3 (d)(1)(ii)), so its"
                    + " user-constrained-policy-set with initial set {policy-2} is not empty; PKITS and capcert reject",
            "Invalid delta-CRL Test4", "the JDK does not read delta CRLs: it misses the revocation only the delta lists;"
                    + " PKITS and capcert reject",
            "Valid delta-CRL Test5", "the JDK does not read delta CRLs: it keeps the hold the delta removes (removeFromCRL);"
                    + " PKITS and capcert accept");

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.pkitsFile("cases.tsv"));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> DynamicTest.dynamicTest(f[0] + " " + f[1], () -> run(f)));
    }

    private static void run(String[] f) throws Exception {
        boolean ours = PkitsEngineTest.search(f).accepted().isPresent();
        String jdk = jdk(f);
        boolean theirs = jdk.isEmpty();
        String reason = DISAGREEMENTS.get(f[1]);
        if (reason == null) {
            assertEquals(ours, theirs, f[0] + " " + f[1] + ": engine " + (ours ? "accepts" : "rejects") + ", JDK " + (theirs ? "accepts" : "rejects: " + jdk));
        } else if (ours == theirs) {
            fail(f[0] + " listed as a disagreement (" + reason + ") but both " + (ours ? "accept" : "reject"));
        }
    }

    /** The JDK's verdict: empty when it accepts, else its reason. */
    static String jdk(String[] f) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        String[] files = f[2].split(",");
        List<X509Certificate> certs = new ArrayList<>();
        try {
            for (String file : files) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(
                        Files.readAllBytes(PkitsEngineTest.DIR.resolve("certs").resolve(file)))));
            }
        } catch (Exception e) {
            return "cannot parse: " + e;
        }
        List<Object> store = new ArrayList<>(certs.subList(1, certs.size()));
        for (String file : f[3].split(",")) {
            if (file.isEmpty()) continue;
            try {
                store.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(Files.readAllBytes(PkitsEngineTest.DIR.resolve("crls").resolve(file)))));
            } catch (Exception e) {
                // A CRL the JDK cannot read is one it does not have.
            }
        }
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(certs.get(certs.size() - 1));
        PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(certs.get(0), null)), target);
        params.setMaxPathLength(-1);
        params.setDate(Date.from(PkitsEngineTest.WHEN));
        params.setRevocationEnabled(true);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        PkitsSettings settings = PkitsSettings.parse(f[5]);
        params.setExplicitPolicyRequired(settings.explicitPolicy());
        params.setPolicyMappingInhibited(settings.policyMappingInhibit());
        params.setAnyPolicyInhibited(settings.anyPolicyInhibit());
        if (!settings.initialPolicies().isEmpty()) params.setInitialPolicies(settings.initialPolicies());
        try {
            return CertPathBuilder.getInstance("PKIX").build(params) == null ? "no result" : "";
        } catch (CertPathBuilderException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
    }
}
