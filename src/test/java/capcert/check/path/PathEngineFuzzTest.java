package capcert.check.path;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Profile;
import capcert.check.Purpose;
import capcert.check.Verdict;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Certificates and CRLs are attacker-controlled bytes: read as a certificate, the one checked, a
 * trusted CA or a CRL, any bytes give verdicts, never an exception, and no rule stops on an
 * internal error (which the checker would turn into an UNKNOWN verdict saying so).
 */
class PathEngineFuzzTest {

    private static final Instant WHEN = Instant.parse("2025-06-01T00:00:00Z");
    private static final byte[] LEAF = seed("server.der");
    private static final byte[] INTERMEDIATE = seed("intermediate.der");

    @FuzzTest(maxDuration = "15s")
    void checkAnything(byte[] der) {
        ParsedCrl crl = null;
        try {
            ParsedCertificate.parse(der);
        } catch (ParsedCertificate.NotACertificate e) {
            // Not a certificate: said so, and checked below as bytes all the same.
        }
        try {
            crl = ParsedCrl.parse(der);
        } catch (ParsedCertificate.NotACertificate e) {
            // Not a CRL.
        }
        TrustList intermediate = trusted(INTERMEDIATE);
        assertNoInternalError(new Checker(options(intermediate, List.of(), Profile.WEB)).checkChain(List.of(der),
                List.of(INTERMEDIATE), Purpose.SERVER, Optional.of("server.capcert.test"), WHEN));
        if (crl != null) {
            assertNoInternalError(new Checker(options(intermediate, List.of(crl), Profile.GENERIC)).checkChain(List.of(LEAF),
                    List.of(), Purpose.SERVER, Optional.empty(), WHEN));
        }
        try {
            TrustList fuzzed = TrustList.of(List.of(TrustedCertificate.of(der, "fuzz")));
            assertNoInternalError(new Checker(options(fuzzed, List.of(), Profile.EXPRESSWAY)).checkChain(
                    List.of(LEAF, INTERMEDIATE), List.of(), Purpose.CLIENT, Optional.empty(), WHEN));
        } catch (ParsedCertificate.NotACertificate e) {
            // A trust list holds certificates only.
        }
    }

    private static CheckOptions options(TrustList trust, List<ParsedCrl> crls, Profile profile) {
        return new CheckOptions(List.of(trust), List.of("server.capcert.test"), Optional.empty(), profile, crls, List.of(),
                PathOptions.defaults().withPartialChain(true), List.of());
    }

    private static TrustList trusted(byte[] der) {
        try {
            return TrustList.of(List.of(TrustedCertificate.of(der, "seed")));
        } catch (ParsedCertificate.NotACertificate e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checker's own words for a rule it had to stop (a name in a certificate may hold the same words). */
    private static void assertNoInternalError(List<Verdict> verdicts) {
        for (Verdict v : verdicts) assertFalse(v.message().startsWith("capcert could not finish this check: an internal error"), v.message());
    }

    private static byte[] seed(String name) {
        try (InputStream in = PathEngineFuzzTest.class.getResourceAsStream("PathEngineFuzzTestInputs/checkAnything/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
