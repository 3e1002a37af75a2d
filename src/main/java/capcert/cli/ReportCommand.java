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
import capcert.report.TextReport;
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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {
                "Write a support-case report of the captures' handshakes and verdicts, by FILE's extension: "
                        + ".html (one self-contained page), .md (Markdown), .txt (plain text, for tickets and e-mail) "
                        + "or .zip (the three, index.json, every certificate as .cer and .pem with chain bundles, "
                        + "and the trust lists the verdicts used).",
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

    private enum Kind { HTML, MARKDOWN, TEXT, ZIP }

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Mixin
    private CheckArguments arguments = new CheckArguments();

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The report to write: a .html, .md, .txt or .zip file.")
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
        arguments.refuseTerminalOptions("report");
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
        String commandLine = "capcert " + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                .map(ReportCommand::withoutFolder).toList());
        Map<Path, String> trustFiles = zipNames(trustFiles());
        List<String> trustNames = new ArrayList<>();
        trustFiles.forEach((file, name) -> trustNames.add(name + sha256(file).map(h -> " (SHA-256 " + h + ")").orElse("")));
        if (trust.systemTrust()) trustNames.add("the JDK's trusted public CAs (--system-trust)");
        ReportModel model = ReportModel.of(scanned.results(), verdicts::get, CommandLineWording.INSTANCE,
                ReportModel.toolVersion(Main.class.getPackage()), commandLine, Instant.now(), trustNames);
        writeAtomically(stream -> {
            switch (kind) {
                case HTML -> text(stream, writer -> HtmlReport.write(model, writer));
                case MARKDOWN -> text(stream, writer -> MarkdownReport.write(model, writer));
                case TEXT -> text(stream, writer -> TextReport.write(model, writer));
                case ZIP -> zip(scanned.results(), model, trustFiles, stream);
            }
        });
        out.println("Wrote " + Text.safe(output.toString()) + ": " + Text.count(model.handshakes().size(), "handshake") + ", "
                + model.fails() + " FAIL, " + model.warns() + " WARN.");
        boolean failed = verdicts.values().stream().anyMatch(v -> Severity.worst(v) == Severity.FAIL);
        return failed ? ExitCodes.CHECK_FAILED : scanned.exitCode();
    }

    private Kind kind(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) return Kind.HTML;
        if (name.endsWith(".md")) return Kind.MARKDOWN;
        if (name.endsWith(".txt")) return Kind.TEXT;
        if (name.endsWith(".zip")) return Kind.ZIP;
        throw new ParameterException(spec.commandLine(),
                "Invalid report file '" + output + "': the name must end in .html, .md, .txt or .zip");
    }

    /** What writes a report as text. */
    @FunctionalInterface
    private interface Rendering {
        void writeTo(Writer writer) throws IOException;
    }

    /** UTF-8 text into {@code stream}, flushed at the end but left open (a zip entry goes on after it). */
    private static void text(OutputStream stream, Rendering report) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        report.writeTo(writer);
        writer.flush();
    }

    /**
     * The zip, written into {@code stream} as it is made: the export (certificates, chains, index.json),
     * the trust lists the verdicts used (under {@code trust/}), then the three reports.
     */
    private static void zip(List<CaptureResult> captures, ReportModel model, Map<Path, String> trustFiles, OutputStream stream)
            throws IOException {
        Path temp = Files.createTempDirectory("capcert-report-");
        try {
            new Exporter(temp, EnumSet.of(CertificateFormat.DER, CertificateFormat.PEM), false).export(captures);
            if (!trustFiles.isEmpty()) Files.createDirectories(temp.resolve(TRUST_FOLDER));
            for (Map.Entry<Path, String> file : trustFiles.entrySet()) {
                Files.copy(file.getKey(), temp.resolve(TRUST_FOLDER).resolve(file.getValue()));
            }
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
            zip.putNextEntry(new ZipEntry("report.txt"));
            text(zip, writer -> TextReport.write(model, writer));
            zip.closeEntry();
            zip.finish();
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static final String TRUST_FOLDER = "trust";

    /**
     * An argument as the report shows it: a file or folder by its name alone, since where it sat on
     * the engineer's disk is no one else's business (the SHA-256 identifies a capture).
     */
    private static String withoutFolder(String argument) {
        if (argument.startsWith("-")) return argument;
        try {
            Path path = Path.of(argument);
            return Files.exists(path) && path.getFileName() != null ? path.getFileName().toString() : argument;
        } catch (java.nio.file.InvalidPathException e) {
            return argument;
        }
    }

    /** Every file of the trust lists given (a directory's, in name order, as the lists read them), each once. */
    private List<Path> trustFiles() throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path given : trust.files()) {
            if (Files.isDirectory(given)) {
                try (Stream<Path> walk = Files.walk(given)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(given)) {
                files.add(given);
            }
        }
        return List.copyOf(files);
    }

    /**
     * Each trust list's name in the zip and the report: its file name, prefixed with its SHA-256's
     * first digits when two lists given share a name (Expressway-C's and Expressway-E's {@code ca.pem}).
     */
    private static Map<Path, String> zipNames(List<Path> files) {
        Map<String, Long> uses = new java.util.HashMap<>();
        for (Path f : files) uses.merge(String.valueOf(f.getFileName()), 1L, Long::sum);
        Map<Path, String> names = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            String name = String.valueOf(f.getFileName());
            names.put(f, uses.get(name) < 2 ? name : sha256(f).map(h -> h.substring(0, 8) + "_").orElse("") + name);
        }
        return names;
    }

    private static Optional<String> sha256(Path file) {
        try {
            return Optional.of(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return Optional.empty();
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
