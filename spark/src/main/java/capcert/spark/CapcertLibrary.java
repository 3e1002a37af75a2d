package capcert.spark;

import capcert.capture.Problem;
import capcert.check.CaptureEvidence;
import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Profile;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.tls.Alert;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import capcert.trust.CertificateFileException;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one class of the Spark job that calls capcert: it scans a capture with capcert's scanner, checks
 * its handshakes with capcert's checker and decodes certificates with capcert's decoder, and turns what
 * they return into Spark rows. Everything else in this module works on those rows only.
 *
 * <p>Built on the driver from the command's options (trust lists are read there, once, and travel as
 * their certificates), then serialized to every task.
 */
final class CapcertLibrary implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Certificates decoded once per capture and kept for the next handshake that sends them. */
    private static final int DECODED_PER_CAPTURE = 4096;

    private final Set<Integer> ports;
    /** {@code null} when none was given. */
    private final String profile;
    private final List<String> expectedNames;
    private final List<List<TrustedDer>> trustLists;
    private final RecordColumns certificate = new RecordColumns(CertificateDetails.class);

    /** A trust list certificate as it travels to the tasks. */
    private record TrustedDer(byte[] der, String source) implements Serializable {
    }

    private CapcertLibrary(Set<Integer> ports, Optional<String> profile, List<String> expectedNames,
                           List<List<TrustedDer>> trustLists) {
        this.ports = Set.copyOf(ports);
        this.profile = profile.orElse(null);
        this.expectedNames = List.copyOf(expectedNames);
        this.trustLists = List.copyOf(trustLists);
    }

    /**
     * What to scan and check with, read on the driver.
     *
     * @param profile  {@code generic} or {@code expressway}; verdicts are made when it or a trust list is given
     * @param trust    local trust list files or directories, one list each
     * @param keyLogs  key log files for TLS 1.3
     * @throws IllegalArgumentException with a one-line message naming the option or file at fault
     */
    static CapcertLibrary configure(Set<Integer> ports, Optional<String> profile, List<String> expectedNames,
                                    List<Path> trust, char[] trustPassword, List<Path> keyLogs,
                                    Consumer<String> warnings) {
        if (!keyLogs.isEmpty()) {
            throw new IllegalArgumentException("--keylog: this capcert cannot decrypt TLS 1.3 handshakes yet, "
                    + "so key logs would change nothing; leave --keylog out");
        }
        profile.ifPresent(CapcertLibrary::profile);
        TrustLists loader = new TrustLists(trustPassword, warnings);
        List<List<TrustedDer>> lists = new ArrayList<>();
        for (Path path : trust) {
            try {
                List<TrustedDer> list = new ArrayList<>();
                for (TrustedCertificate c : loader.load(path).certificates()) {
                    list.add(new TrustedDer(c.certificate().getEncoded(), c.source()));
                }
                lists.add(list);
            } catch (CertificateFileException e) {
                throw new IllegalArgumentException("--trust: " + e.getMessage(), e);
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("--trust " + path + ": " + e.getMessage(), e);
            }
        }
        return new CapcertLibrary(ports, profile, expectedNames, lists);
    }

    private static Profile profile(String name) {
        try {
            return Profile.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile: expected generic or expressway, not '" + name + "'", e);
        }
    }

    /** Whether handshakes get verdicts: a trust list or a profile was given. */
    boolean checks() {
        return profile != null || !trustLists.isEmpty();
    }

    // ---- rows -------------------------------------------------------------------------------------

    /** Every decoded field of capcert's certificate record, named as in its JSON. */
    StructType certificateSchema() {
        return certificate.schema();
    }

    /** A handshake: what {@code list --json} says of it, its certificates fully decoded, and its verdicts. */
    StructType handshakeSchema() {
        StructType alert = new StructType()
                .add("from", DataTypes.StringType).add("level", DataTypes.StringType)
                .add("description", DataTypes.StringType).add("frame", DataTypes.LongType);
        StructType sent = new StructType()
                .add("role", DataTypes.StringType).add("position", DataTypes.IntegerType)
                .add("frame", DataTypes.LongType).add("certificate", certificate.schema());
        StructType verdict = new StructType()
                .add("rule", DataTypes.StringType).add("title", DataTypes.StringType)
                .add("severity", DataTypes.StringType).add("certificate", DataTypes.StringType)
                .add("message", DataTypes.StringType).add("remedy", DataTypes.StringType);
        return new StructType()
                .add("transport", DataTypes.StringType).add("client", DataTypes.StringType)
                .add("server", DataTypes.StringType).add("firstFrame", DataTypes.LongType)
                .add("time", DataTypes.TimestampType).add("version", DataTypes.StringType)
                .add("sni", DataTypes.StringType).add("cipherSuite", DataTypes.StringType)
                .add("alerts", DataTypes.createArrayType(alert))
                .add("notes", DataTypes.createArrayType(DataTypes.StringType))
                .add("certificates", DataTypes.createArrayType(sent))
                .add("verdicts", DataTypes.createArrayType(verdict))
                .add("worst", DataTypes.StringType);
    }

    /** Something wrong in a capture: frame (0 when not tied to one), byte offset (-1 when unknown), message. */
    static StructType problemSchema() {
        return new StructType()
                .add("frame", DataTypes.LongType).add("offset", DataTypes.LongType).add("message", DataTypes.StringType);
    }

    static Row problem(long frame, long offset, String message) {
        return RowFactory.create(frame, offset, message);
    }

    // ---- scanning ---------------------------------------------------------------------------------

    /** What a scan found besides the handshakes it handed on. */
    record Scanned(long handshakes, long certificates, List<Row> problems) {
    }

    /** Opens the capture, once more for each pass over it. */
    @FunctionalInterface
    interface Opener {
        ReadableByteChannel open() throws IOException;
    }

    /**
     * Scans the capture, handing each handshake's row ({@link #handshakeSchema()}) to {@code handshakes}
     * as soon as capcert's scanner has it, and returns the capture's problems ({@link #problemSchema()}).
     * Never throws for bad input: damage and read errors are problems. When handshakes are checked, the
     * capture is read twice: first for the OCSP responses and CRLs it carries anywhere (which the
     * verdicts of every handshake use, as {@code capcert check}'s do), then for the handshakes, so that
     * neither pass holds more than a few of them.
     *
     * @throws IOException when the capture cannot be opened
     */
    Scanned scan(Opener capture, Consumer<Row> handshakes) throws IOException {
        Optional<CaptureEvidence> evidence = Optional.empty();
        if (checks()) {
            List<Evidence> found = new ArrayList<>();
            try (ReadableByteChannel first = capture.open()) {
                new CaptureScanner(scanOptions()).scan(first, handshake -> { }, found::add);
            }
            evidence = Optional.of(new CaptureEvidence(found));
        }
        Task task = new Task(evidence);
        long[] counts = new long[2];
        List<Problem> problems;
        try (ReadableByteChannel channel = capture.open()) {
            problems = scanHandshakes(channel, task, counts, handshakes);
        }
        return new Scanned(counts[0], counts[1],
                problems.stream().map(p -> problem(p.frame(), p.offset(), p.message())).toList());
    }

    private List<Problem> scanHandshakes(ReadableByteChannel channel, Task task, long[] counts, Consumer<Row> handshakes) {
        return new CaptureScanner(scanOptions()).scan(channel, handshake -> {
            counts[0]++;
            counts[1] += handshake.certificates().size();
            handshakes.accept(task.row(handshake));
        });
    }

    private ScanOptions scanOptions() {
        return ScanOptions.defaults().withPorts(ports);
    }

    /** What one scan keeps: decoded certificates, and the options its checks run with. */
    private final class Task {
        private final Map<Der, Row> decoded = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Der, Row> eldest) {
                return size() > DECODED_PER_CAPTURE;
            }
        };
        private final Optional<Checker> checker = checks() ? Optional.of(new Checker(checkOptions())) : Optional.empty();
        private final Optional<CaptureEvidence> evidence;

        Task(Optional<CaptureEvidence> evidence) {
            this.evidence = evidence;
        }

        Row row(Handshake h) {
            Object[] alerts = h.alerts().stream().map(Task::alert).toArray();
            Object[] sent = h.certificates().stream().map(this::sent).toArray();
            Object[] verdicts = null;
            String worst = null;
            if (checker.isPresent()) {
                List<Verdict> found = evidence.isPresent() ? checker.get().check(h, evidence.get()) : checker.get().check(h);
                verdicts = found.stream().map(Task::verdict).toArray();
                worst = Severity.worst(found).name();
            }
            return RowFactory.create(h.transport().label(), h.client().toString(), h.server().toString(),
                    h.firstFrame(), Timestamp.from(h.time()), h.version().map(Object::toString).orElse(null), h.sni().orElse(null),
                    h.cipherSuite().map(c -> c.name()).orElse(null), alerts, h.notes().stream().map(n -> n.message()).toArray(),
                    sent, verdicts, worst);
        }

        private Row sent(CertificateEntry entry) {
            Row details = decoded.computeIfAbsent(entry.derValue(),
                    der -> certificate.row(CertificateDetails.decode(der.toByteArray())));
            return RowFactory.create(entry.role().label(), entry.position(), entry.frame(), details);
        }

        private static Row alert(Alert a) {
            return RowFactory.create(a.from().label(), a.levelName(), a.descriptionName(), a.frame());
        }

        private static Row verdict(Verdict v) {
            return RowFactory.create(v.rule().name(), v.rule().title(), v.severity().name(),
                    v.certificate().orElse(null), v.message(), v.remedy());
        }
    }

    private CheckOptions checkOptions() {
        List<TrustList> lists = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (List<TrustedDer> list : trustLists) {
                List<TrustedCertificate> certificates = new ArrayList<>();
                for (TrustedDer c : list) {
                    X509Certificate cert = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(c.der()));
                    certificates.add(new TrustedCertificate(cert, c.source()));
                }
                lists.add(TrustList.of(certificates));
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("a trust list certificate read on the driver no longer decodes", e);
        }
        return new CheckOptions(lists, expectedNames, Optional.empty(),
                profile == null ? Profile.GENERIC : profile(profile), List.of());
    }
}
