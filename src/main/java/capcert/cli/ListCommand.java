package capcert.cli;

import capcert.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every certificate seen in the captures, and handshakes that showed none.",
        footer = "Problems in a capture are reported on standard error, one line each.")
final class ListCommand implements Callable<Integer> {

    static final int DEFAULT_WIDTH = 120;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    @Option(names = "--json", description = "Write the JSON document instead of the table.")
    private boolean json;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Table width (default: $COLUMNS if set, else " + DEFAULT_WIDTH + ").")
    private Integer width;

    private final Scanner scanner;

    ListCommand(Scanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean problems;
        if (json) {
            try (JsonReport.Document document = JsonReport.open(out)) {
                problems = inputs.scanEach(scanner, spec.commandLine().getErr(), capture -> {
                    try {
                        document.add(capture);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } else {
            Listing listing = new Listing(width == null ? terminalWidth() : width);
            problems = inputs.scanEach(scanner, spec.commandLine().getErr(), capture -> {
                listing.print(capture, out);
                out.flush();
            });
        }
        out.flush();
        return problems ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
    }

    /** No TTY probing: output must look the same piped into a file. */
    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns >= 40 ? columns : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
