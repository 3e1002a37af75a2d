package capcert;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void theCoreKeepsNoStateInStaticFields() {
        fields().that().areDeclaredInClassesThat().resideInAnyPackage(CORE).and().areStatic()
                .should().beFinal()
                .check(CLASSES);
    }
}
