package capcert;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packages as the guide draws them: data flows one way, capture → net → tls → x509 → trust →
 * check → export → report → ui → cli, and a package uses only those before it. The core (capture
 * to check) is a library: no command line, window or JSON in it, and no state shared by the whole
 * JVM.
 */
class ArchitectureTest {

    /** Lowest first: each may use the packages before it and none after it. */
    private static final List<String> LAYERS = List.of("capture", "net", "tls", "x509", "trust", "check", "export",
            "report", "ui", "cli");
    private static final String[] CORE = {"capcert.capture..", "capcert.net..", "capcert.tls..", "capcert.x509..",
            "capcert.trust..", "capcert.check.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("capcert");

    @Test
    void eachPackageUsesOnlyThoseBeforeIt() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) layers = layers.layer(layer).definedBy("capcert." + layer + "..");
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            List<String> later = LAYERS.subList(i + 1, LAYERS.size());
            layers = layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(later.toArray(String[]::new));
        }
        layers = layers.whereLayer(LAYERS.get(LAYERS.size() - 1)).mayNotBeAccessedByAnyLayer();
        layers.check(CLASSES);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("capcert.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCoreUsesNoCommandLineWindowOrJson() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "javafx..", "com.fasterxml.jackson..")
                .check(CLASSES);
    }

    /**
     * What the core says reaches the viewer and library users, who have no command line: options and
     * commands are named by the faces ({@code capcert.check.Wording}), never in the core's text.
     */
    @Test
    void theCoreNamesNoOptionOrCommand() throws IOException {
        // An option starts a word: the hyphens of a PEM boundary ("-----BEGIN") are none.
        Pattern commandLineWord = Pattern.compile("(?<![-\\w])--[a-z]|\\b(check-cert|trust-lint|capcert (list|check|export|report|view))\\b");
        List<String> found = new ArrayList<>();
        for (String layer : LAYERS.subList(0, LAYERS.indexOf("check") + 1)) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/capcert", layer))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String text : stringLiterals(Files.readString(file))) {
                        if (commandLineWord.matcher(text).find()) found.add(file + ": \"" + text + "\"");
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The string literals of Java source (text blocks included), comments and character literals skipped. */
    static List<String> stringLiterals(String java) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i);
                if (i < 0) break;
            } else if (java.startsWith("/*", i)) {
                i = java.indexOf("*/", i + 2) + 2;
                if (i < 2) break;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                literals.add(java.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (java.charAt(j) != c) {
                    if (java.charAt(j) == '\\') text.append(java.charAt(j++));
                    text.append(java.charAt(j++));
                }
                if (c == '"') literals.add(text.toString());
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    @Test
    void theCoreKeepsNoStateInStaticFields() {
        fields().that().areDeclaredInClassesThat().resideInAnyPackage(CORE).and().areStatic()
                .should().beFinal()
                .check(CLASSES);
    }
}
