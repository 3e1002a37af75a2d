package capcert.cli;

import capcert.check.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's rule table is what users read verdict ids against: it must name every rule, in order. */
class ReadmeRulesTest {

    @Test
    void everyRuleHasARowInTheReadme() throws Exception {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.matches("\\| [A-Z]{2}\\d \\| .*"))
                .map(line -> line.substring(2, 5))
                .toList();

        assertEquals(Arrays.stream(Rule.values()).map(Rule::name).toList(), rows);
    }
}
