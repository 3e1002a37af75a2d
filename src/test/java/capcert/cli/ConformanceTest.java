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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(c.expectSuccess() ? ExitCodes.OK : ExitCodes.CHECK_FAILED, code,
                c.id() + ": " + c.description() + "\n" + String.join(" ", args) + "\n" + out + err);
    }
}
