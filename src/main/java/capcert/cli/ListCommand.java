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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every certificate seen in the captures, and handshakes that showed none.",
        footer = "Problems in a capture are reported on standard error, one line each.")
final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    @Option(names = "--json", description = "Write the JSON document instead of the table.")
    private boolean json;

    @Option(names = "--tsv", description = "Write one tab-separated row per certificate sent, under a header row, "
            + "instead of the table (for spreadsheets and shell pipelines).")
    private boolean tsv;

    @Mixin
    private WidthOptions width = new WidthOptions();

    private final Scanner scanner;
    private final Context context;

    ListCommand(Context context) {
        this.scanner = context.scanner();
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json && tsv) throw new ParameterException(spec.commandLine(), "--json and --tsv are two outputs: give one of them");
        width.refuseWith(json, "--json");
        width.refuseWith(tsv, "--tsv");
        boolean problems;
        if (tsv) {
            TsvListing listing = new TsvListing(out);
            problems = inputs.streamEach(scanner, spec.commandLine().getErr(), new CaptureBatch.Listener() {
                @Override
                public void handshakes(Path capture, List<Handshake> batch) {
                    for (Handshake handshake : batch) listing.print(capture, handshake);
                    out.flush();
                }

                @Override
                public void evidence(Path capture, List<Evidence> found) {
                    for (Evidence e : found) listing.print(capture, e);
                }

                @Override
                public void end(Path capture, List<Problem> found) {
                    out.flush();
                }
            });
        } else if (json) {
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
            // Never cut in a file or pipe: what is cut there is lost to whoever reads it.
            Listing listing = new Listing(width.columns(context, OptionalInt.empty()));
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
}
