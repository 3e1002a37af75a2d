package capcert.check;

import capcert.testing.SharedData;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIST PKITS (../shared/oracles/pkits) through {@link Checker#checkChain}: the trust anchor as the
 * only trust list, the end-entity certificate as the chain, every other certificate of the case as
 * extra intermediates, all its CRLs, at 2011-04-15 (the oracle's README). A case that should
 * validate gives no FAIL from the path and revocation rules (CH2 with CH3/CH4, VD2, BC1); one that should not
 * gives at least one.
 *
 * <p>Skipped: cases with non-default settings (initial policy set, explicit policy, policy mapping
 * or anyPolicy inhibited): capcert exposes no policy options. Known deviations are listed in
 * {@link #DEVIATIONS} with the reason; the test asserts that they still deviate, so that a fix
 * shows up.
 */
class PkitsTest {

    static final Path DIR = SharedData.pkits();
    static final Instant WHEN = Instant.ofEpochSecond(1302825600L);
    /** The path and revocation rules; CH3 and CH4 are the names CH2 takes for a duplicate or re-keyed CA. */
    static final Set<Rule> PATH_RULES = Set.of(Rule.CH2, Rule.CH3, Rule.CH4, Rule.VD2, Rule.BC1);

    /** Cases where capcert deliberately or unavoidably disagrees with PKITS. */
    static final Map<String, String> DEVIATIONS = Map.of(
            "Missing CRL Test1", "no CRL from the certificate's issuer was given at all: capcert reports revocation as"
                    + " not checked (VD2 INFO), as a verifier that does not require CRLs does; PKITS requires a CRL",
            "Invalid Wrong CRL Test6", "the only CRL given for the CA is another CA's: to capcert no CRL from the issuer"
                    + " was given (VD2 INFO, not checked)",
            "Invalid delta-CRL Test4", "the JDK does not process delta CRLs: the revocation the delta CRL adds is not seen",
            "Valid delta-CRL Test5", "the JDK does not process delta CRLs: the certificate on hold in the base CRL and"
                    + " released by the delta CRL is taken as revoked");

    @TestFactory
    Stream<DynamicTest> everyCaseWithDefaultSettings() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.pkitsFile("cases.tsv"));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> DynamicTest.dynamicTest(f[0] + " " + f[1], () -> run(f)));
    }

    private static void run(String[] f) throws Exception {
        String name = f[1];
        Assumptions.assumeTrue(f[5].isEmpty(), "policy settings capcert does not expose: " + f[5]);
        boolean shouldValidate = Boolean.parseBoolean(f[4]);
        List<X509Certificate> certs = new ArrayList<>();
        for (String file : f[2].split(",")) certs.add(certificate(DIR.resolve("certs").resolve(file)));
        List<X509CRL> crls = new ArrayList<>();
        for (String file : f[3].split(",")) if (!file.isEmpty()) crls.add(crl(DIR.resolve("crls").resolve(file)));

        TrustList anchor = TrustList.of(List.of(new TrustedCertificate(certs.get(0), f[2].split(",")[0])));
        List<byte[]> intermediates = new ArrayList<>();
        for (X509Certificate c : certs.subList(1, certs.size() - 1)) intermediates.add(0, c.getEncoded());
        CheckOptions options = new CheckOptions(List.of(anchor), List.of(), Optional.empty(), Profile.GENERIC, crls);
        List<Verdict> verdicts = new Checker(options).checkChain(List.of(certs.get(certs.size() - 1).getEncoded()), intermediates,
                Purpose.SERVER, Optional.empty(), WHEN);
        boolean failed = verdicts.stream().anyMatch(v -> v.severity() == Severity.FAIL && PATH_RULES.contains(v.rule()));
        String shown = name + ": should validate " + shouldValidate + "\n" + Verdicts.show(verdicts);
        if (DEVIATIONS.containsKey(name)) {
            assertTrue(failed == shouldValidate, "no longer deviates (" + DEVIATIONS.get(name) + "): " + shown);
        } else if (shouldValidate) {
            assertFalse(failed, shown);
        } else {
            assertTrue(failed, shown);
        }
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509CRL crl(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
