package capcert.conformance;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JDK's PKIX path builder as a cross-check of the conformance suite's expectations (which
 * {@code ConformanceTest} holds capcert to), on the cases that are RFC 5280 path validation alone:
 * trusted certificates as anchors (the JDK takes any certificate as an anchor, like a partial
 * chain), untrusted ones and CRLs in a store, the time, the maximum depth. Where the JDK answers
 * otherwise the case must be in {@link #DISAGREEMENTS} with the reason; a listed case that starts
 * agreeing fails too.
 */
class JdkCrossCheckTest {

    private static final String ANCHOR_NC = "the JDK applies no name constraints of a trust anchor (it refuses them given apart: \"name constraints in trust anchor not supported\")";
    private static final String NO_DELTA = "the JDK does not read delta CRLs";

    static final Map<String, String> DISAGREEMENTS = Map.ofEntries(
            Map.entry("rfc5280::ee-wrong-eku", "the JDK's PKIX checks no extended key usage (its TLS trust manager does)"),
            Map.entry("rfc5280::client-validation-clientauth-required", "the JDK's PKIX checks no extended key usage"),
            Map.entry("rfc5280::validity::notafter-fractional", "certificate times have whole seconds and notAfter is inclusive (RFC 5280"
                    + " 4.1.2.5): capcert compares at second precision, the JDK in milliseconds"),
            Map.entry("pathlen::anchor-pathlen-0", "the JDK applies no basicConstraints of a trust anchor; capcert applies the"
                    + " anchor's path length (RFC 5280 6.2 allows it; OpenSSL, Go and x509-limbo do)"),
            Map.entry("rfc5280::aki::leaf-aki-mismatch", "the JDK builds by name and signature alone; capcert, like OpenSSL, refuses an"
                    + " issuer whose subject key identifier contradicts the authority key identifier"),
            Map.entry("rfc5280::unknown-critical-extension-root", "the JDK checks no extension of a trust anchor; capcert refuses an"
                    + " anchor with a critical extension it does not know, as x509-limbo expects"),
            Map.entry("rfc5280::nc::permitted-dns-mismatch", ANCHOR_NC),
            Map.entry("rfc5280::nc::excluded-dns-match-second", ANCHOR_NC),
            Map.entry("rfc5280::nc::permitted-dn-mismatch", ANCHOR_NC),
            Map.entry("rfc5280::nc::permitted-dn-match-subject-san-mismatch", ANCHOR_NC),
            Map.entry("rfc5280::nc::excluded-dn-match", ANCHOR_NC),
            Map.entry("rfc5280::nc::excluded-dn-match-sub-mismatch", ANCHOR_NC),
            Map.entry("rfc5280::nc::permitted-dn-other-org", ANCHOR_NC),
            Map.entry("rfc5280::nc::excluded-match-permitted-and-excluded", ANCHOR_NC),
            Map.entry("rfc5280::crl::crlnumber-missing", "the JDK uses a CRL without the CRL number RFC 5280 (5.2.3) requires"),
            Map.entry("rfc5280::crl::issuer-missing-crlsign", "the JDK uses a CRL signed by a trust anchor whose key usage lacks cRLSign"),
            Map.entry("crl::temporal::revocation-date-in-future", "the JDK treats an entry whose revocation date is after the"
                    + " validation time as not yet revoked; x509-limbo (and capcert) count the listed serial as revoked"),
            Map.entry("crl::structure::crl-duplicate-revoked-serial", "the JDK uses a CRL that lists a serial twice; x509-limbo and"
                    + " capcert set such a CRL aside, so revocation cannot be determined"),
            Map.entry("crl::delta::delta-revokes", NO_DELTA + ": it misses the revocation only the delta lists"),
            Map.entry("crl::delta::delta-releases-hold", NO_DELTA + ": it keeps the hold the delta removes (removeFromCRL)"));

    @TestFactory
    Stream<DynamicTest> pathCases() {
        return Suite.cases().stream().filter(Case::pathOnly).map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
    }

    private static void run(Case c) throws Exception {
        String jdk = jdk(c);
        boolean accepts = jdk.isEmpty();
        String reason = DISAGREEMENTS.get(c.id());
        String shown = c.id() + ": " + c.description() + "; JDK " + (accepts ? "accepts" : "rejects: " + jdk);
        if (reason == null) {
            assertEquals(c.expectSuccess(), accepts, shown);
        } else if (accepts == c.expectSuccess()) {
            fail(c.id() + " listed as a disagreement (" + reason + ") but the JDK now agrees");
        }
    }

    /** The JDK's verdict: empty when it accepts, else its reason. */
    static String jdk(Case c) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate peer;
        Set<TrustAnchor> anchors = new HashSet<>();
        List<Object> store = new ArrayList<>();
        try {
            peer = read(factory, c.peer());
            for (byte[] der : c.trusted()) anchors.add(new TrustAnchor(read(factory, der), null));
            for (byte[] der : c.untrusted()) store.add(read(factory, der));
            for (byte[] der : c.crls()) store.add(factory.generateCRL(new ByteArrayInputStream(der)));
        } catch (Exception e) {
            return "cannot parse: " + e;
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(peer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setDate(Date.from(c.time()));
            params.setRevocationEnabled(!c.crls().isEmpty());
            params.setMaxPathLength(c.maxDepth() == null ? -1 : c.maxDepth());
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            return CertPathBuilder.getInstance("PKIX").build(params) == null ? "no result" : "";
        } catch (CertPathBuilderException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
    }

    private static X509Certificate read(CertificateFactory factory, byte[] der) throws Exception {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }
}
