package capcert.cli;

import capcert.conformance.Case;
import capcert.conformance.Suite;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capcert's conformance suite ({@link Suite}: x509-limbo's shape and categories, certificates made
 * on the spot) through {@code check-cert} as a user runs it: exit 0 when the case expects the
 * certificate to be accepted, 3 when rejected, and never anything else.
 */
class ConformanceTest {

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return Suite.cases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
    }

    private static void run(Case c) throws Exception {
        List<String> args = Suite.arguments(c, dir.resolve(c.id().replace("::", "_")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(Context.system(), new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        String shown = c.id() + ": " + c.description() + "\n" + String.join(" ", args) + "\n" + out + err;
        assertEquals(c.expectSuccess() ? ExitCodes.OK : ExitCodes.CHECK_FAILED, code, shown);
        for (String leak : List.of("could not be read", "internal error", "unable to find valid certification path",
                "trustAnchors parameter", "Exception:", "UNKNOWN ")) {
            assertFalse(out.toString().contains(leak), "\"" + leak + "\" in " + shown);
        }
        String rule = MALFORMED.get(c.id());
        if (rule != null) assertTrue(out.toString().contains("FAIL " + rule + " "), "no FAIL " + rule + " in " + shown);
    }

    /**
     * Certificates the JDK refuses to read, or reads though they break RFC 5280's encoding rules:
     * each is a FAIL of the rule that says what is malformed, not a file that "could not be read".
     */
    private static final Map<String, String> MALFORMED = Map.of(
            "rfc5280::ee-empty-issuer", "MF1",
            "rfc5280::mismatching-signature-algorithm", "MF1",
            "rfc5280::duplicate-extensions", "MF1",
            "rfc5280::san::malformed", "MF1",
            "rfc5280::serial::zero", "MF1",
            "rfc5280::explicit-curve-leaf", "MF1",
            "invalid::invalid-leaf-key", "MF1",
            "invalid::v1-with-extensions", "MF1");
}
