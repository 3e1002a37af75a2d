package capcert.cli;

import capcert.capture.BpfFilter;
import capcert.check.CaptureEvidence;
import capcert.check.Verdict;
import capcert.tls.Handshake;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.Problem;
import capcert.tls.CaptureBatch;
import capcert.tls.CaptureResult;
import capcert.tls.Evidence;
import capcert.tls.Limits;
import capcert.tls.ScanOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The captures to read and how, shared by every command that reads captures. */
final class CaptureInputs {

    /** Results of the captures that could be read, and whether anything was amiss. */
    record Scanned(List<CaptureResult> results, boolean problems) {
        int exitCode() {
            return problems ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
        }

        /** Every handshake's verdicts, worst first. */
        Map<Handshake, List<Verdict>> verdicts(HandshakeChecker checker) {
            // Identity: two handshakes can be equal records (a capture given twice) yet are reported apart.
            Map<Handshake, List<Verdict>> verdicts = new IdentityHashMap<>();
            for (CaptureResult capture : results) {
                CaptureEvidence evidence = new CaptureEvidence(capture.evidence());
                for (Handshake handshake : capture.handshakes()) {
                    List<Verdict> found = new ArrayList<>(checker.check(handshake, evidence));
                    found.sort(VerdictPrinter.WORST_FIRST);
                    verdicts.put(handshake, List.copyOf(found));
                }
            }
            return verdicts;
        }
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private KeyLogOptions keyLogs = new KeyLogOptions();

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "pcap, pcapng, snoop or Network Monitor files, also compressed (gzip, zstd, xz, bzip2, LZ4),"
                    + " directories of them (see --glob), or - for standard input.")
    private List<Path> captures = new ArrayList<>();

    private final Set<Integer> ports = new LinkedHashSet<>();

    @Option(names = "--ports", split = ",", paramLabel = "PORT",
            description = "Only TCP and UDP traffic to or from these ports (default: every port, TLS found by content);"
                    + " 802.1X (EAPOL) frames have no port and are always read.")
    private void ports(List<Integer> values) {
        for (int port : values) {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "Invalid port " + port + " for --ports: expected 1-65535");
            }
        }
        ports.addAll(values);
    }

    @picocli.CommandLine.Mixin
    private ScanLimitOptions limits = new ScanLimitOptions();

    private ScanOptions.Reader reader = ScanOptions.Reader.JAVA;
    private String bpf;

    @Option(names = CommandLineWording.READER, paramLabel = "READER",
            description = "Capture reader: java (built in, the default) or libpcap (the system libpcap, via pcap4j).")
    private void reader(String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "java" -> reader = ScanOptions.Reader.JAVA;
            case "libpcap" -> {
                try {
                    LibpcapReader.version();
                } catch (LibpcapUnavailableException e) {
                    throw new ParameterException(spec.commandLine(), CommandLineWording.libpcapMissing(e.detail()));
                }
                reader = ScanOptions.Reader.LIBPCAP;
            }
            default -> throw new ParameterException(spec.commandLine(), "Invalid value '" + value + "' for --reader: expected java or libpcap");
        }
    }

    @Option(names = "--bpf", paramLabel = "EXPR",
            description = "Only packets matching this tcpdump-syntax filter, e.g. 'host 10.1.1.5 and port 7001' (needs libpcap);"
                    + " frame numbers stay those of the whole file.")
    private void bpf(String expression) {
        try {
            BpfFilter.compile(expression);
        } catch (LibpcapUnavailableException e) {
            throw new ParameterException(spec.commandLine(), CommandLineWording.libpcapMissing(e.detail()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        bpf = expression;
    }

    @Option(names = "--glob", paramLabel = "GLOB", defaultValue = "*.{pcap,pcapng,cap,snoop,ntar}{,.gz,.zst,.xz,.bz2,.lz4}",
            description = "In a directory given as CAPTURE, the files to read, searched recursively (default: ${DEFAULT-VALUE}:"
                    + " captures, also compressed). A file's format is told by its bytes, not its name.")
    private String glob;

    @Option(names = "--threads", paramLabel = "N",
            description = "Captures read in parallel (default: the number of cores); results keep the input order.")
    private void threads(int value) {
        threads = ScanLimitOptions.positive(spec, "--threads", value);
    }

    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "No progress line on standard error (it only shows on a terminal anyway).")
    private boolean quiet;

    /**
     * Scans every readable capture, in parallel, reporting unreadable ones and each capture's
     * problems on {@code err}, one line each, in input order. One capture's failure never stops
     * the others.
     */
    Scanned scan(Scanner scanner, PrintWriter err) {
        List<CaptureResult> results = new ArrayList<>();
        boolean problems = scanEach(scanner, err, results::add);
        return new Scanned(results, problems);
    }

    /**
     * The same, handing each result to {@code each} in input order as soon as it and those before
     * it are read, so that writing one capture's output overlaps reading the next ones. At most
     * {@code --threads} + 1 results are held at a time: a batch of any length runs in the memory
     * of a few captures. {@code each} may write to standard output: it runs with the progress line
     * cleared. Returns whether anything was amiss.
     */
    boolean scanEach(Scanner scanner, PrintWriter err, Consumer<CaptureResult> each) {
        return streamEach(scanner, err, new CaptureBatch.Collector(each));
    }

    /**
     * The same again, handing on each capture's handshakes while it is still being read: the first
     * capture's output is written by this thread as another reads it, so that a single large capture
     * keeps two cores busy. Later captures are read ahead as in {@link #scanEach} and their
     * handshakes wait their turn. Each capture's problems follow its handshakes on {@code err}; {@code writer}
     * is told with the progress line cleared.
     */
    boolean streamEach(Scanner scanner, PrintWriter err, CaptureBatch.Listener writer) {
        ScanOptions options = new ScanOptions(ports, limits.applyTo(Limits.defaults()), reader, java.util.Optional.ofNullable(bpf), keyLogs.keyLog());
        keyLogs.warn(err);
        List<Path> files = new ArrayList<>();
        boolean problems = false;
        for (Path capture : captures) {
            String unreadable = expand(capture, files);
            if (unreadable != null) {
                err.println("capcert: " + Text.safe(capture + ": " + unreadable));
                problems = true;
            }
        }
        long totalBytes = files.stream().mapToLong(CaptureInputs::size).sum();
        boolean[] found = {problems};
        try (Progress progress = Progress.start(err, files.size(), totalBytes, !quiet && System.console() != null)) {
            new CaptureBatch(options, threads, scanner::stream).run(files, new CaptureBatch.Listener() {
                @Override
                public void start(Path capture) {
                    progress.above(() -> writer.start(capture));
                }

                @Override
                public void handshakes(Path capture, List<Handshake> batch) {
                    progress.above(() -> writer.handshakes(capture, batch));
                }

                @Override
                public void evidence(Path capture, List<Evidence> evidence) {
                    progress.above(() -> writer.evidence(capture, evidence));
                }

                @Override
                public void end(Path capture, List<Problem> problems) {
                    for (Problem problem : problems) {
                        progress.println(Text.safe(capture + ": " + CommandLineWording.INSTANCE.describe(problem)));
                    }
                    found[0] |= !problems.isEmpty();
                    progress.above(() -> writer.end(capture, problems));
                }
            }, file -> progress.fileDone(size(file)));
        }
        return found[0];
    }

    /** Adds {@code capture} (or, for a directory, its captures) to {@code files}; returns why not, or null. */
    private String expand(Path capture, List<Path> files) {
        if (capture.toString().equals(STANDARD_INPUT)) {
            files.add(capture);
            return null;
        }
        if (!Files.isDirectory(capture)) {
            String unreadable = unreadable(capture);
            if (unreadable == null) files.add(capture);
            return unreadable;
        }
        PathMatcher matcher = capture.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> tree = Files.walk(capture)) {
            List<Path> found = tree.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
            if (found.isEmpty()) return "no capture files in it (matching " + glob + ")";
            files.addAll(found);
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "cannot list it: " + e.getMessage();
        }
    }

    private static long size(Path file) {
        try {
            return file.toString().equals(STANDARD_INPUT) ? 0 : Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The CAPTURE that stands for standard input. */
    static final String STANDARD_INPUT = "-";

    /** Why {@code file} cannot be scanned, or null; the scanner itself only reports damage inside a file. */
    private static String unreadable(Path file) {
        if (Files.isDirectory(file)) return "is a directory";
        if (!Files.exists(file)) return "no such file";
        if (!Files.isReadable(file)) return "permission denied";
        return null;
    }
}
