package capcert.check;

import capcert.testing.PkitsSettings;
import capcert.testing.SharedData;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.ParsedCrl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NIST PKITS (../shared/oracles/pkits), all 249 cases, through {@link Checker#checkChain} as
 * {@code check-cert} runs it: the trust anchor as the only trust list, the end-entity certificate
 * as the chain, every other certificate of the case as extra intermediates, all its CRLs, the
 * case's policy settings, at 2011-04-15 (the oracle's README). A case that should validate gives no
 * FAIL from the path rules (trust, revocation, basic constraints, name constraints, policies); one
 * that should not gives at least one.
 *
 * <p>{@link #DEVIATIONS} are the cases where capcert disagrees on purpose, each with its reason;
 * the test asserts that they still deviate, so that a change shows up.
 */
class PkitsTest {

    static final Path DIR = SharedData.pkits();
    static final Instant WHEN = Instant.ofEpochSecond(1302825600L);
    /** The rules path validation answers to: CH3 and CH4 are the names CH2 takes for a duplicate or re-keyed CA. */
    static final Set<Rule> PATH_RULES = Set.of(Rule.CH2, Rule.CH3, Rule.CH4, Rule.VD2, Rule.BC1, Rule.NC1, Rule.CP1);
    /**
     * PKITS requires a CRL for every certificate; capcert reports a certificate whose CA published no
     * CRL among those given as "revocation not checked" (VD2 INFO): an offline check cannot fetch one,
     * and the verifiers capcert explains (Expressway, browsers) do not require one either.
     */
    static final Map<String, String> DEVIATIONS = Map.of(
            "Missing CRL Test1", "no CRL of the CA that issued the end entity is given at all: VD2 says revocation"
                    + " was not checked (INFO) instead of refusing the path",
            "Invalid Wrong CRL Test6", "the only CRL given is another CA's, which does not speak for the end entity's CA:"
                    + " to capcert no CRL of its CA was given (VD2 INFO, not checked)",
            "Invalid IDP with indirectCRL Test26", "the end entity names a CRL issuer (indirectCRL CA1x) of which no CRL"
                    + " is given: revocation not checked (VD2 INFO)");

    /** Valid paths whose certificates capcert judges too weak (KS1, SG1): check-cert exits 3 for them. */
    static final Map<String, String> WEAK = Map.of(
            "Valid DSA Signatures Test4", "a DSA key of 1024 bits and SHA-1 signatures",
            "Valid DSA Parameter Inheritance Test5", "DSA keys of 1024 bits and SHA-1 signatures");

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.pkitsFile("cases.tsv"));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> DynamicTest.dynamicTest(f[0] + " " + f[1], () -> run(f)));
    }

    /** The verdicts check-cert gives for one case (a row of cases.tsv). */
    static List<Verdict> verdicts(String[] f) throws Exception {
        String[] files = f[2].split(",");
        List<byte[]> certs = new ArrayList<>();
        for (String file : files) certs.add(Files.readAllBytes(DIR.resolve("certs").resolve(file)));
        List<ParsedCrl> crls = new ArrayList<>();
        for (String file : f[3].split(",")) {
            if (!file.isEmpty()) crls.add(ParsedCrl.parse(Files.readAllBytes(DIR.resolve("crls").resolve(file))));
        }
        TrustList anchor = TrustList.of(List.of(TrustedCertificate.of(certs.get(0), files[0])));
        List<byte[]> intermediates = new ArrayList<>();
        for (byte[] c : certs.subList(1, certs.size() - 1)) intermediates.add(0, c);
        CheckOptions options = new CheckOptions(List.of(anchor), List.of(), Optional.empty(), Profile.GENERIC, crls, List.of(),
                PkitsSettings.parse(f[5]).pathOptions(), List.of());
        return new Checker(options).checkChain(List.of(certs.get(certs.size() - 1)), intermediates, Purpose.SERVER,
                Optional.empty(), WHEN);
    }

    private static void run(String[] f) throws Exception {
        String name = f[1];
        boolean shouldValidate = Boolean.parseBoolean(f[4]);
        List<Verdict> verdicts = verdicts(f);
        boolean failed = verdicts.stream().anyMatch(v -> v.severity() == Severity.FAIL && PATH_RULES.contains(v.rule()));
        String shown = name + ": should validate " + shouldValidate + "\n" + Verdicts.show(verdicts);
        if (DEVIATIONS.containsKey(name)) {
            assertEquals(shouldValidate, failed, "no longer deviates (" + DEVIATIONS.get(name) + "): " + shown);
            assertTrue(verdicts.stream().anyMatch(v -> v.rule() == Rule.VD2 && v.severity() == Severity.INFO
                    && v.message().contains("not checked")), shown);
        } else if (shouldValidate) {
            assertFalse(failed, shown);
            // As check-cert's exit code sees it: no FAIL of any rule, but weak keys and hashes where PKITS has them.
            Set<Rule> otherFails = verdicts.stream().filter(v -> v.severity() == Severity.FAIL).map(Verdict::rule)
                    .collect(java.util.stream.Collectors.toSet());
            assertEquals(WEAK.containsKey(name) ? Set.of(Rule.KS1, Rule.SG1) : Set.of(), otherFails, shown);
        } else {
            assertTrue(failed, shown);
        }
    }
}
