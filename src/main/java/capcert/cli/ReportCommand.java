package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.export.CertificateFormat;
import capcert.export.Exporter;
import capcert.export.NoReplace;
import capcert.report.HtmlReport;
import capcert.report.MarkdownReport;
import capcert.report.ReportModel;
import capcert.tls.CaptureResult;
import capcert.tls.Handshake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
                "Write a support-case report of the captures' handshakes and verdicts, by FILE's extension: "
                        + ".html (one self-contained page), .md (Markdown) or .zip (both, index.json and every "
                        + "certificate as .cer and .pem with chain bundles).",
                "The report records the tool version, each capture's SHA-256 and the options used. "
                        + "FILE is never overwritten without --force."},
        exitCodeListHeading = "%nExit codes (3 wins over 1, 1 over 0):%n",
        exitCodeList = {
                "0:no FAIL verdict, every input read",
                "1:no FAIL verdict, but a capture had problems or an input file could not be read",
                "2:usage error",
                "3:a FAIL verdict in some handshake",
                "4:the report could not be written (FILE exists, internal error)"})
final class ReportCommand implements Callable<Integer> {

    private enum Kind { HTML, MARKDOWN, ZIP }

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Mixin
    private CheckArguments arguments = new CheckArguments();

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The report to write: a .html, .md or .zip file.")
    private Path output;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    private boolean force;

    private final Context context;

    ReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Kind kind = kind(output);
        if (Files.exists(output) && !force) {
            err.println("capcert: " + Text.safe(output + ": already exists; use --force to replace it"));
            return ExitCodes.FAILED;
        }
        // Told before the scan, which may take minutes: the folder the report goes in must be there.
        Path folder = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            err.println("capcert: " + Text.safe(folder + ": no such folder to write the report in"));
            return ExitCodes.FAILED;
        }
        if (!Files.isWritable(folder)) {
            err.println("capcert: " + Text.safe(folder + ": permission denied (cannot write the report there)"));
            return ExitCodes.FAILED;
        }
        CheckOptions options;
        try {
            options = arguments.options(trust, arguments.at());
        } catch (IOException e) {
            err.println("capcert: " + Text.safe(e.getMessage()));
            return ExitCodes.INPUT_PROBLEMS;
        }
        CaptureInputs.Scanned scanned = inputs.scan(context.scanner(), err);
        Map<Handshake, List<Verdict>> verdicts = scanned.verdicts(context.checker().apply(options));
        String commandLine = "capcert " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ReportModel model = ReportModel.of(scanned.results(), verdicts::get, CommandLineWording.INSTANCE,
                ReportModel.toolVersion(Main.class.getPackage()), commandLine, Instant.now());
        writeAtomically(stream -> {
            switch (kind) {
                case HTML -> text(stream, writer -> HtmlReport.write(model, writer));
                case MARKDOWN -> text(stream, writer -> MarkdownReport.write(model, writer));
                case ZIP -> zip(scanned.results(), model, stream);
            }
        });
        out.println("Wrote " + Text.safe(output.toString()) + ": " + model.handshakes().size() + " handshake(s), "
                + model.fails() + " FAIL, " + model.warns() + " WARN.");
        boolean failed = verdicts.values().stream().anyMatch(v -> Severity.worst(v) == Severity.FAIL);
        return failed ? ExitCodes.CHECK_FAILED : scanned.exitCode();
    }

    private Kind kind(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) return Kind.HTML;
        if (name.endsWith(".md")) return Kind.MARKDOWN;
        if (name.endsWith(".zip")) return Kind.ZIP;
        throw new ParameterException(spec.commandLine(),
                "Invalid report file '" + output + "': the name must end in .html, .md or .zip");
    }

    /** What writes a report as text. */
    @FunctionalInterface
    private interface TextReport {
        void writeTo(Writer writer) throws IOException;
    }

    /** UTF-8 text into {@code stream}, flushed at the end but left open (a zip entry goes on after it). */
    private static void text(OutputStream stream, TextReport report) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        report.writeTo(writer);
        writer.flush();
    }

    /** The zip, written into {@code stream} as it is made: the export (certificates, chains, index.json), then both reports. */
    private static void zip(List<CaptureResult> captures, ReportModel model, OutputStream stream) throws IOException {
        Path temp = Files.createTempDirectory("capcert-report-");
        try {
            new Exporter(temp, EnumSet.of(CertificateFormat.DER, CertificateFormat.PEM), false).export(captures);
            ZipOutputStream zip = new ZipOutputStream(stream);
            try (Stream<Path> files = Files.walk(temp)) {
                List<Path> regular = new ArrayList<>(files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList());
                for (Path file : regular) {
                    String name = temp.relativize(file).toString().replace('\\', '/');
                    if (name.startsWith("/") || name.startsWith("../") || name.contains("/../")) {
                        throw new IOException("refusing to zip " + name + ": outside the report");
                    }
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            zip.putNextEntry(new ZipEntry("report.html"));
            text(zip, writer -> HtmlReport.write(model, writer));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("report.md"));
            text(zip, writer -> MarkdownReport.write(model, writer));
            zip.closeEntry();
            zip.finish();
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** What writes the report into the temporary file. */
    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream stream) throws IOException;
    }

    /** Written as it is made into a temporary file beside FILE, then put in place: FILE appears whole or not at all. */
    private void writeAtomically(Content content) throws IOException {
        Path target = output.toAbsolutePath();
        Path temp = target.resolveSibling(".capcert-" + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), 1 << 16)) {
                content.writeTo(stream);
            }
            try {
                NoReplace.publish(temp, target, force);
            } catch (FileAlreadyExistsException e) {
                // It appeared while the report was made; named as the user wrote it.
                throw new FileAlreadyExistsException(output.toString());
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
