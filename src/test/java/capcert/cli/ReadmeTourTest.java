package capcert.cli;

import capcert.check.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code $ java -jar target/capcert.jar ...} example of the README, run on the files shipped in
 * the repository as a user's shell would run it (output into a file or pipe: no colour, nothing cut),
 * prints exactly the lines the README shows under it. Files an example writes ({@code -o}) go to a
 * temporary folder.
 */
class ReadmeTourTest {

    private static final Pattern EXAMPLE = Pattern.compile("^    \\$ java -jar target/capcert\\.jar (.*)$");

    @TempDir
    Path dir;

    record Example(int line, String command, List<String> expected) {
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXAMPLE.matcher(lines.get(i));
            if (!m.matches()) continue;
            List<String> expected = new ArrayList<>();
            int j = i + 1;
            // The indented block below it, blank lines inside it included.
            while (j < lines.size() && (lines.get(j).startsWith("    ") || lines.get(j).isBlank()
                    && j + 1 < lines.size() && lines.get(j + 1).startsWith("    ") && !EXAMPLE.matcher(lines.get(j + 1)).matches())) {
                if (EXAMPLE.matcher(lines.get(j)).matches()) break;
                expected.add(lines.get(j).isBlank() ? "" : lines.get(j).substring(4));
                j++;
            }
            examples.add(new Example(i + 1, m.group(1), expected));
        }
        return examples;
    }

    @Test
    void everyExampleRunsOnShippedFilesAndPrintsWhatTheReadmeShows() throws Exception {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 10, "the tour's examples: " + examples.size());
        List<String> wrong = new ArrayList<>();
        for (Example example : examples) {
            List<String> args = arguments(example.command());
            EndToEndTest.Run run = capcert(args.toArray(String[]::new));
            List<String> printed = run.out().replace(dir + "/", "").lines().map(String::stripTrailing).toList();
            if (!printed.equals(example.expected())) {
                wrong.add("README.md line " + example.line() + ": " + example.command() + "\n--- README\n"
                        + String.join("\n", example.expected()) + "\n--- prints\n" + String.join("\n", printed));
            }
            assertFalse(run.err().contains("no such file"), "README.md line " + example.line() + " names a file the repository lacks: "
                    + run.err());
        }
        assertEquals("", String.join("\n\n", wrong));
    }

    /** The command as {@code java -jar} runs it into a pipe: the real reader, the engine in the command line's words, no colour. */
    private static EndToEndTest.Run capcert(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Context real = new Context((scanner, file) -> scanner.scan(file),
                options -> new Checker(options, CommandLineWording.INSTANCE)::check,
                options -> new Checker(options, CommandLineWording.INSTANCE)::checkChain, false);
        int code = Main.run(real, new java.io.PrintWriter(out), new java.io.PrintWriter(err), args);
        return new EndToEndTest.Run(code, out.toString(), err.toString());
    }

    /** Words as a shell splits them (single quotes kept together), globs expanded, {@code -o} into the temporary folder. */
    private List<String> arguments(String command) throws IOException {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(command);
        while (word.find()) words.add(word.group(1) != null ? word.group(1) : word.group(2));
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.contains("*")) {
                args.addAll(glob(w));
            } else if (i > 0 && (words.get(i - 1).equals("-o") || words.get(i - 1).equals("--output"))) {
                args.add(dir.resolve(w).toString());
            } else {
                args.add(w);
            }
        }
        return args;
    }

    private static List<String> glob(String pattern) throws IOException {
        Path folder = Path.of(pattern.substring(0, pattern.lastIndexOf('/')));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(matcher::matches).map(Path::toString).sorted().toList();
        }
    }
}
