package capcert.cli;

import capcert.check.Checker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's library example, as written there: compiled against capcert's classes and Bouncy
 * Castle alone (no command line, JSON or window library), run in a JVM of its own, and its lines
 * checked against {@code list --json}.
 */
class ReadmeExampleTest {

    private static final Path CAPTURE = Path.of("test-captures/tls12-mutual.pcap");

    @Test
    void theLibraryExampleCompilesRunsAndFindsWhatListFinds(@TempDir Path dir) throws Exception {
        Matcher block = Pattern.compile("```java\\n(.*?public class Example .*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertTrue(block.find(), "README.md has a ```java block with public class Example");
        Files.writeString(dir.resolve("Example.java"), block.group(1));

        String classPath = String.join(File.pathSeparator, libraryClassPath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp", classPath,
                dir.resolve("Example.java").toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir + File.pathSeparator + classPath, "Example", CAPTURE.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, run.exitValue(), out);

        List<String> lines = out.lines().toList();
        List<String> expected = certificatesListed();
        assertEquals(expected.size(), lines.size(), out);
        assertTrue(expected.size() >= 4, "the mutual-TLS capture has both chains: " + expected);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).contains(" " + expected.get(i) + " "), lines.get(i) + " names " + expected.get(i));
        }
    }

    /** The main classes and Bouncy Castle's jars, and nothing else of the test's class path. */
    private static List<String> libraryClassPath() {
        List<String> path = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("bc(prov|pkix|util)-.*\\.jar")) path.add(entry);
        }
        assertEquals(4, path.size(), "capcert and three Bouncy Castle jars: " + path);
        return path;
    }

    /** The SHA-256 of each certificate {@code list --json} names, in its order. */
    private static List<String> certificatesListed() throws Exception {
        StringWriter out = new StringWriter();
        Context real = new Context((scanner, file) -> scanner.scan(file), options -> new Checker(options)::check,
                options -> new Checker(options)::checkChain, false);
        assertEquals(0, Main.run(real, new PrintWriter(out), new PrintWriter(new StringWriter()),
                "list", "--json", CAPTURE.toString()));
        List<String> sha256 = new ArrayList<>();
        for (JsonNode handshake : new ObjectMapper().readTree(out.toString()).get("captures").get(0).get("handshakes")) {
            for (JsonNode certificate : handshake.get("certificates")) sha256.add(certificate.get("sha256").asText());
        }
        return sha256;
    }
}
