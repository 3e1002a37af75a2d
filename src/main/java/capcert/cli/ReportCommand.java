package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.export.CertificateFormat;
import capcert.export.Exporter;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        String commandLine = "capcert " + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                .map(ReportCommand::withoutFolder).toList());
        Map<Path, String> trustFiles = zipNames(trustFiles());
        List<String> trustNames = new ArrayList<>();
        trustFiles.forEach((file, name) -> trustNames.add(name + sha256(file).map(h -> " (SHA-256 " + h + ")").orElse("")));
        if (trust.systemTrust()) trustNames.add("the JDK's trusted public CAs (--system-trust)");
        ReportModel model = ReportModel.of(scanned.results(), verdicts::get, CommandLineWording.INSTANCE,
                ReportModel.toolVersion(Main.class.getPackage()), commandLine, Instant.now(), trustNames);
        byte[] content = switch (kind) {
            case HTML -> HtmlReport.render(model).getBytes(StandardCharsets.UTF_8);
            case MARKDOWN -> MarkdownReport.render(model).getBytes(StandardCharsets.UTF_8);
            case TEXT -> TextReport.render(model).getBytes(StandardCharsets.UTF_8);
            case ZIP -> zip(scanned.results(), model, trustFiles);
        };
        writeAtomically(content);
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

    /**
     * The export (certificates, chains, index.json), the three reports and the trust lists the verdicts
     * used (under {@code trust/}), built in a temporary folder and zipped.
     */
    private static byte[] zip(List<CaptureResult> captures, ReportModel model, Map<Path, String> trustFiles) throws IOException {
        Path temp = Files.createTempDirectory("capcert-report-");
        try {
            new Exporter(temp, EnumSet.of(CertificateFormat.DER, CertificateFormat.PEM), false).export(captures);
            Files.writeString(temp.resolve("report.html"), HtmlReport.render(model));
            Files.writeString(temp.resolve("report.md"), MarkdownReport.render(model));
            Files.writeString(temp.resolve("report.txt"), TextReport.render(model));
            if (!trustFiles.isEmpty()) Files.createDirectories(temp.resolve(TRUST_FOLDER));
            for (Map.Entry<Path, String> file : trustFiles.entrySet()) {
                Files.copy(file.getKey(), temp.resolve(TRUST_FOLDER).resolve(file.getValue()));
            }
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
