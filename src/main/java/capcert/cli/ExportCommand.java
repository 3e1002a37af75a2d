package capcert.cli;

import capcert.export.CertificateFormat;
import capcert.export.ExportSummary;
import capcert.export.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
                "Write each distinct certificate once, each chain as sent as a PEM bundle under chains/, "
                        + "and index.json saying where each was seen.",
                "Nothing is written if any target exists, unless --force is given."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "Output directory, created if missing.")
    private Path output;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "der,pem",
            description = "Certificate files to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private List<CertificateFormat> formats;

    @Option(names = "--force", description = "Overwrite files left by an earlier export.")
    private boolean force;

    private final Scanner scanner;

    ExportCommand(Scanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public Integer call() throws IOException {
        CaptureInputs.Scanned scanned = inputs.scan(scanner, spec.commandLine().getErr());
        if (scanned.results().isEmpty()) return scanned.exitCode();
        ExportSummary summary = new Exporter(output, EnumSet.copyOf(formats), force).export(scanned.results());
        String evidence = summary.evidence() == 0 ? ""
                : String.format(", %d evidence file%s", summary.evidence(), summary.evidence() == 1 ? "" : "s");
        spec.commandLine().getOut().printf("Wrote %d certificate%s, %d chain%s%s and index.json (%d files) to %s%n",
                summary.certificates(), summary.certificates() == 1 ? "" : "s",
                summary.chains(), summary.chains() == 1 ? "" : "s", evidence,
                summary.files().size(), output);
        return scanned.exitCode();
    }
}
