package capcert.spark;

import capcert.check.path.PathOptions;
import capcert.cli.PathValidationOptions;
import capcert.cli.ScanLimitOptions;
import capcert.tls.Limits;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {
                "Read every capture, one Spark task each, and write the certificates they carry as tables: "
                        + "occurrences, certificates (distinct, first and last seen), handshakes, verdicts "
                        + "(with --trust or --profile), evidence (certificates, OCSP and CRLs outside handshakes), "
                        + "errors and captures, each a folder under --output.",
                "Paths are Hadoop paths: local files, hdfs://, s3a://; globs are expanded, directories searched "
                        + "recursively for --glob."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the inventory was written (captures that could not be read are in its errors table)",
                "2:usage error",
                "4:the job failed"})
final class InventoryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", arity = "1..*", required = true, paramLabel = "PATH_OR_GLOB",
            description = "Captures: files, directories or glob patterns (quote them), e.g. 's3a://archive/site=*/2026-11-*/*.pcap'.")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder of the tables; must not exist, unless --force.")
    private String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet, json (JSON lines) or csv (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--force", description = "Replace the tables of an existing --output folder.")
    private boolean force;

    @Option(names = "--glob", paramLabel = "GLOB", defaultValue = "*.{pcap,pcapng,cap,snoop,ntar}{,.gz,.zst,.xz,.bz2,.lz4}",
            description = "In a directory given as --input, the files to read, searched recursively (default: ${DEFAULT-VALUE}).")
    private String glob;

    @Option(names = "--site-pattern", paramLabel = "REGEX",
            description = "Where a capture's site is in its path: the group named site, else the first group, e.g. "
                    + "'site=([^/]+)' (default: the name of the capture's folder).")
    private String sitePattern;

    @Option(names = SparkWording.TRUST, arity = "1..*", paramLabel = "FILE",
            description = "A trusted-CA list (PEM, DER, PKCS#7, JKS, PKCS#12 or a directory); repeat for each peer. Gives a verdicts table.")
    private List<String> trust = new ArrayList<>();

    @Option(names = SparkWording.TRUST_PASSWORD, paramLabel = "PASSWORD", description = "Password of the keystores in the trust lists.")
    private char[] trustPassword;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "generic, web or expressway: the requirements verdicts check; gives a verdicts table.")
    private String profile;

    @Option(names = SparkWording.EXPECT_NAME, paramLabel = "NAME", description = "A name every server certificate must carry (repeatable).")
    private List<String> expectedNames = new ArrayList<>();

    @Option(names = SparkWording.CRL, arity = "1..*", paramLabel = "FILE",
            description = "A CRL (PEM or DER) the verdicts check revocation against, besides those the captures carry (repeatable).")
    private List<String> crls = new ArrayList<>();

    @Option(names = SparkWording.KEYLOG, arity = "1..*", paramLabel = "FILE",
            description = "An NSS key log (SSLKEYLOGFILE, openssl -keylogfile) whose TLS 1.3 secrets decrypt the certificates"
                    + " of TLS 1.3, QUIC and DTLS 1.3 handshakes (repeatable). Secrets a pcapng capture carries"
                    + " (Decryption Secrets Blocks) are used without it.")
    private List<String> keyLogs = new ArrayList<>();

    @Mixin
    private PathValidationOptions pathValidation = new PathValidationOptions();

    @Mixin
    private ScanLimitOptions scanLimits = new ScanLimitOptions();

    private final Set<Integer> ports = new LinkedHashSet<>();

    @Option(names = "--ports", split = ",", paramLabel = "PORT",
            description = "Only connections to or from these ports (default: every port, TLS found by content).")
    private void ports(List<Integer> values) {
        for (int port : values) {
            if (port < 1 || port > 65535) throw new ParameterException(spec.commandLine(), "Invalid port " + port + " for --ports: expected 1-65535");
        }
        ports.addAll(values);
    }

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*]: this JVM, every core).")
    private String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, as spark-submit's --conf (repeatable).")
    private Map<String, String> conf = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inventory.Request request;
        try {
            request = new Inventory.Request(inputs, glob, output, Inventory.format(format), force, sitePattern());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        SparkSession spark = session(master, conf);
        List<Path> temporary = new ArrayList<>();
        try {
            CapcertLibrary capcert;
            try {
                List<Path> trustFiles = new ArrayList<>();
                for (String list : trust) trustFiles.add(local(spark, list, temporary).path());
                List<CapcertLibrary.LocalFile> crlFiles = new ArrayList<>();
                for (String file : crls) crlFiles.add(local(spark, file, temporary));
                List<CapcertLibrary.LocalFile> keyLogFiles = new ArrayList<>();
                for (String log : keyLogs) keyLogFiles.add(local(spark, log, temporary));
                capcert = CapcertLibrary.configure(ports, Optional.ofNullable(profile), expectedNames, trustFiles,
                        trustPassword, crlFiles, keyLogFiles, pathValidation.pathOptions(), pathValidation.at(),
                        scanLimits.applyTo(Limits.defaults()), scanLimits.givesMemoryBudget(), warning -> err.println("capcert-spark: warning: " + warning));
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
            if (!capcert.checks() && (!crls.isEmpty() || !expectedNames.isEmpty() || pathValidation.at().isPresent()
                    || !pathValidation.pathOptions().equals(PathOptions.defaults()))) {
                err.println("capcert-spark: warning: " + SparkWording.CRL + ", " + SparkWording.EXPECT_NAME + ", " + SparkWording.AT
                        + " and the path options serve the verdicts, which need " + SparkWording.TRUST + " or --profile: they are not used");
            }
            Inventory.Summary summary;
            try {
                summary = new Inventory(spark, capcert).run(request);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
            report(summary, request, out);
            return Main.OK;
        } finally {
            for (Path file : temporary) Files.deleteIfExists(file);
            spark.stop();
        }
    }

    private Optional<Pattern> sitePattern() {
        if (sitePattern == null) return Optional.empty();
        try {
            return Optional.of(Pattern.compile(sitePattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--site-pattern: " + e.getDescription() + " in '" + sitePattern + "'", e);
        }
    }

    private int usage(PrintWriter err, String message) {
        err.println("capcert-spark: " + message);
        return Main.USAGE;
    }

    /**
     * The Spark session: spark-submit's when it launched us (it sets spark.master), else Spark in this JVM
     * on every core; {@code master} overrides both. Times are UTC unless spark.sql.session.timeZone says otherwise.
     */
    static SparkSession session(String master, Map<String, String> conf) {
        SparkConf submitted = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("capcert inventory");
        if (master != null) builder.master(master);
        else if (!submitted.contains("spark.master")) builder.master("local[*]");
        if (!submitted.contains("spark.sql.session.timeZone") && !conf.containsKey("spark.sql.session.timeZone")) {
            builder.config("spark.sql.session.timeZone", "UTC");
        }
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }

    /** {@code file} as a local file: itself, or a temporary copy of a file on HDFS or S3. */
    private static CapcertLibrary.LocalFile local(SparkSession spark, String file, List<Path> temporary) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        String scheme = path.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            Path local = Path.of(path.toUri().getPath());
            return new CapcertLibrary.LocalFile(local, local.getFileName() == null ? file : local.getFileName().toString());
        }
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path copy = Files.createTempFile("capcert-", "-" + path.getName());
            temporary.add(copy);
            fs.copyToLocalFile(false, path, new org.apache.hadoop.fs.Path(copy.toUri()), true);
            return new CapcertLibrary.LocalFile(copy, path.getName());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void report(Inventory.Summary s, Inventory.Request request, PrintWriter out) {
        out.printf("Read %,d %s (%s): %,d %s, %,d certificate %s of %,d distinct %s%s%s, %,d %s%s.%n",
                s.captures(), plural(s.captures(), "capture", "captures"), size(s.bytes()),
                s.handshakes(), plural(s.handshakes(), "handshake", "handshakes"),
                s.occurrences(), plural(s.occurrences(), "occurrence", "occurrences"),
                s.certificates(), plural(s.certificates(), "certificate", "certificates"),
                s.tables().containsKey(Inventory.VERDICTS) ? String.format(", %,d verdicts", s.verdicts()) : "",
                s.evidence() > 0 ? String.format(", %,d %s of evidence", s.evidence(), plural(s.evidence(), "piece", "pieces")) : "",
                s.errors(), plural(s.errors(), "error", "errors"),
                s.failedCaptures() > 0 ? String.format(" (%,d %s could not be read to the end)", s.failedCaptures(),
                        plural(s.failedCaptures(), "capture", "captures")) : "");
        out.printf("Wrote %s tables to %s: %s%n", request.format().name().toLowerCase(java.util.Locale.ROOT),
                request.output(), String.join(", ", s.tables().keySet()));
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }

    private static String size(long bytes) {
        if (bytes < 1 << 20) return String.format("%,.1f KB", bytes / 1024.0);
        if (bytes < 1L << 30) return String.format("%,.1f MB", bytes / (1024.0 * 1024));
        return String.format("%,.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
