package capcert.cli;

import capcert.capture.BpfFilter;
import capcert.capture.LibpcapReader;
import capcert.capture.LibpcapUnavailableException;
import capcert.capture.Problem;
import capcert.tls.CaptureResult;
import capcert.tls.Limits;
import capcert.tls.ScanOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The captures to read and how, shared by every command that reads captures. */
final class CaptureInputs {

    /** Results of the captures that could be read, and whether anything was amiss. */
    record Scanned(List<CaptureResult> results, boolean problems) {
        int exitCode() {
            return problems ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
        }
    }

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "pcap or pcapng files.")
    private List<Path> captures = new ArrayList<>();

    private final Set<Integer> ports = new LinkedHashSet<>();

    @Option(names = "--ports", split = ",", paramLabel = "PORT",
            description = "Only connections to or from these ports (default: every port, TLS found by content).")
    private void ports(List<Integer> values) {
        for (int port : values) {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "Invalid port " + port + " for --ports: expected 1-65535");
            }
        }
        ports.addAll(values);
    }

    private Limits limits = Limits.defaults();

    @Option(names = "--max-buffer", paramLabel = "SIZE",
            description = "Bytes held per TCP direction while waiting for a missing segment, e.g. 512k or 16M (default: 4M).")
    private void maxBuffer(String value) {
        limits = limits.withBufferedPerStream((int) size("--max-buffer", value, Integer.MAX_VALUE));
    }

    @Option(names = "--max-buffer-total", paramLabel = "SIZE",
            description = "The same, for all TCP directions together (default: 256M).")
    private void maxBufferTotal(String value) {
        limits = limits.withBufferedTotal(size("--max-buffer-total", value, Long.MAX_VALUE / 2));
    }

    @Option(names = "--max-handshake", paramLabel = "SIZE",
            description = "Largest handshake message gathered, e.g. a huge Certificate message (default: 16M).")
    private void maxHandshake(String value) {
        limits = limits.withHandshakeMessage((int) size("--max-handshake", value, Integer.MAX_VALUE));
    }

    @Option(names = "--max-certificates", paramLabel = "N",
            description = "Certificates kept from one Certificate message (default: 1000).")
    private void maxCertificates(int value) {
        limits = limits.withCertificatesPerMessage(positive("--max-certificates", value));
    }

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections tracked at once; the least recently active is closed past it (default: 200000).")
    private void maxConnections(int value) {
        limits = limits.withConnections(positive("--max-connections", value));
    }

    private int positive(String option, int value) {
        if (value < 1) throw new ParameterException(spec.commandLine(), "Invalid value " + value + " for " + option + ": expected 1 or more");
        return value;
    }

    private long size(String option, String value, long max) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = v.endsWith("k") ? 1024 : v.endsWith("m") ? 1024 * 1024 : v.endsWith("g") ? 1024L * 1024 * 1024 : 1;
        try {
            long size = Math.multiplyExact(Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)), unit);
            if (size < 1 || size > max) throw new NumberFormatException();
            return size;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "Invalid size '" + value + "' for " + option
                    + ": expected e.g. 4M, 512k or 65536");
        }
    }

    private ScanOptions.Reader reader = ScanOptions.Reader.JAVA;
    private String bpf;

    @Option(names = "--reader", paramLabel = "READER",
            description = "Capture reader: java (built in, the default) or libpcap (the system libpcap, via pcap4j).")
    private void reader(String value) {
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "java" -> reader = ScanOptions.Reader.JAVA;
            case "libpcap" -> {
                try {
                    LibpcapReader.version();
                } catch (LibpcapUnavailableException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
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
        } catch (IllegalArgumentException | LibpcapUnavailableException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        bpf = expression;
    }

    /**
     * Scans every readable capture, reporting unreadable ones and each capture's problems on
     * {@code err}, one line each, as they are found.
     */
    Scanned scan(Scanner scanner, PrintWriter err) {
        ScanOptions options = new ScanOptions(ports, limits, reader, java.util.Optional.ofNullable(bpf));
        List<CaptureResult> results = new ArrayList<>();
        boolean problems = false;
        for (Path file : captures) {
            String unreadable = unreadable(file);
            if (unreadable != null) {
                err.println("capcert: " + Text.safe(file + ": " + unreadable));
                problems = true;
                continue;
            }
            CaptureResult result = scanner.scan(file, options);
            for (Problem problem : result.problems()) {
                err.println(Text.safe(file + ": " + problem.describe()));
            }
            problems |= !result.problems().isEmpty();
            results.add(result);
        }
        return new Scanned(results, problems);
    }

    /** Why {@code file} cannot be scanned, or null; the scanner itself only reports damage inside a file. */
    private static String unreadable(Path file) {
        if (Files.isDirectory(file)) return "is a directory";
        if (!Files.exists(file)) return "no such file";
        if (!Files.isReadable(file)) return "permission denied";
        return null;
    }
}
