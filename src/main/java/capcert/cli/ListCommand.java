package capcert.cli;

import capcert.capture.Problem;
import capcert.report.JsonReport;
import capcert.tls.CaptureBatch;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
            try (JsonReport.Document document = JsonReport.open(out, CommandLineWording.INSTANCE)) {
                problems = inputs.streamEach(scanner, spec.commandLine().getErr(), new CaptureBatch.Listener() {
                    @Override
                    public void start(Path capture) {
                        unchecked(() -> document.startCapture(capture));
                    }

                    @Override
                    public void handshakes(Path capture, List<Handshake> batch) {
                        unchecked(() -> {
                            for (Handshake handshake : batch) document.handshake(handshake);
                        });
                    }

                    @Override
                    public void evidence(Path capture, List<Evidence> found) {
                        evidence = found;
                    }

                    @Override
                    public void end(Path capture, List<Problem> found) {
                        unchecked(() -> document.endCapture(evidence, found));
                        evidence = List.of();
                    }

                    private List<Evidence> evidence = List.of();
                });
            }
        } else {
            Listing listing = new Listing(width == null ? terminalWidth() : width);
            problems = inputs.streamEach(scanner, spec.commandLine().getErr(), new CaptureBatch.Listener() {
                @Override
                public void handshakes(Path capture, List<Handshake> batch) {
                    for (Handshake handshake : batch) listing.print(capture, handshake, out);
                    out.flush();
                }

                @Override
                public void evidence(Path capture, List<Evidence> found) {
                    for (Evidence e : found) listing.print(capture, e, out);
                    out.flush();
                }

                @Override
                public void end(Path capture, List<Problem> found) {
                    listing.end(capture, out);
                    out.flush();
                }
            });
        }
        out.flush();
        return problems ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
    }

    private interface Output {
        void write() throws IOException;
    }

    private static void unchecked(Output output) {
        try {
            output.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
