package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.export.CertificateFormat;
import capcert.export.Exporter;
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

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        byte[] content = switch (kind) {
            case HTML -> HtmlReport.render(model).getBytes(StandardCharsets.UTF_8);
            case MARKDOWN -> MarkdownReport.render(model).getBytes(StandardCharsets.UTF_8);
            case ZIP -> zip(scanned.results(), model);
        };
        writeAtomically(content);
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

    /** The export (certificates, chains, index.json) and both reports, built in a temporary folder and zipped. */
    private byte[] zip(List<CaptureResult> captures, ReportModel model) throws IOException {
        Path temp = Files.createTempDirectory("capcert-report-");
        try {
            new Exporter(temp, EnumSet.of(CertificateFormat.DER, CertificateFormat.PEM), false).export(captures);
            Files.writeString(temp.resolve("report.html"), HtmlReport.render(model));
            Files.writeString(temp.resolve("report.md"), MarkdownReport.render(model));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(temp)) {
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
            return bytes.toByteArray();
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Temp file beside FILE, then a rename: FILE appears whole or not at all. */
    private void writeAtomically(byte[] content) throws IOException {
        Path target = output.toAbsolutePath();
        Path temp = target.resolveSibling(".capcert-" + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream stream = Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                stream.write(content);
            }
            if (force) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails rather than replace a FILE that appeared while the report was made.
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                    if (Files.exists(target)) throw new FileAlreadyExistsException(output.toString());
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
