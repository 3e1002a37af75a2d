package capcert.check.path;

import capcert.testing.PkitsSettings;
import capcert.testing.SharedData;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NIST PKITS (../shared/oracles/pkits) straight through the path engine, with every case's
 * settings: the four policy inputs, all its CRLs, at 2011-04-15. Each case must give the oracle's
 * verdict and, when valid, its user-constrained-policy-set. A missing CRL is "not checked" for
 * the engine (capcert's VD2); the two cases that expect a missing CRL to invalidate the path are
 * {@link #NOT_CHECKED}, asserted to end with no CRL at all for the certificate concerned.
 */
class PkitsEngineTest {

    static final Path DIR = SharedData.pkits();
    static final Instant WHEN = Instant.ofEpochSecond(1302825600L);
    /** PKITS requires a CRL for every certificate; capcert reports a certificate without one as not checked (RULES VD2). */
    static final Set<String> NOT_CHECKED = Set.of("Missing CRL Test1", "Invalid Wrong CRL Test6", "Invalid IDP with indirectCRL Test26");

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        List<String> lines = Files.readAllLines(SharedData.pkitsFile("cases.tsv"));
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> DynamicTest.dynamicTest(f[0] + " " + f[1], () -> run(f)));
    }

    static PathSearch search(String[] f) throws Exception {
        String[] files = f[2].split(",");
        List<ParsedCertificate> certs = new ArrayList<>();
        for (String file : files) certs.add(ParsedCertificate.parse(Files.readAllBytes(DIR.resolve("certs").resolve(file))));
        List<ParsedCrl> crls = new ArrayList<>();
        for (String file : f[3].split(",")) if (!file.isEmpty()) crls.add(ParsedCrl.parse(Files.readAllBytes(DIR.resolve("crls").resolve(file))));
        PathOptions options = PkitsSettings.parse(f[5]).pathOptions();
        List<TrustAnchor> anchors = List.of(new TrustAnchor(certs.get(0), files[0], 0));
        return PathBuilder.search(certs.get(certs.size() - 1), certs.subList(1, certs.size() - 1), anchors, crls, WHEN, options);
    }

    private static void run(String[] f) throws Exception {
        boolean shouldValidate = Boolean.parseBoolean(f[4]);
        PathSearch search = search(f);
        String shown = f[1] + "\n" + describe(search);
        if (NOT_CHECKED.contains(f[1])) {
            CandidatePath path = search.accepted().orElseThrow(() -> new AssertionError("no longer deviates: " + shown));
            assertEquals(true, path.revocation().stream().anyMatch(r -> r.state() == RevocationStatus.State.NOT_CHECKED), shown);
            return;
        }
        assertEquals(shouldValidate, search.accepted().isPresent(), shown);
        if (shouldValidate) {
            Set<String> expected = PkitsSettings.policies(f[6]);
            assertEquals(expected, search.accepted().get().policies(), shown);
        }
    }

    static String describe(PathSearch search) {
        StringBuilder out = new StringBuilder();
        for (CandidatePath c : search.candidates()) {
            out.append("  path ").append(c.certificates().stream().map(x -> x.subject().commonName()).collect(Collectors.joining(" <- ")))
                    .append(" policies ").append(c.policies()).append('\n');
            for (PathProblem p : c.problems()) out.append("    ").append(p).append('\n');
            for (RevocationStatus r : c.revocation()) out.append("    revocation ").append(r.state()).append(' ').append(r.problems()).append('\n');
        }
        if (search.candidates().isEmpty()) out.append("  no candidate path").append(search.depthLimited() ? " (depth limited)" : "").append('\n');
        return out.toString();
    }
}
