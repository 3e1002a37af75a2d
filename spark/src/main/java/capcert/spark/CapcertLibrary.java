package capcert.spark;

import capcert.capture.LimitReached;
import capcert.capture.Problem;
import capcert.check.CaptureEvidence;
import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Profile;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.check.path.PathOptions;
import capcert.tls.Alert;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Decryption;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.KeyLog;
import capcert.tls.KeyLogException;
import capcert.tls.Limits;
import capcert.tls.Note;
import capcert.tls.Scan;
import capcert.tls.ScanOptions;
import capcert.trust.CertificateFileException;
import capcert.trust.CrlFile;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;
import capcert.x509.EvidenceContent;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one class of the Spark job that calls capcert's library: it scans a capture with capcert's
 * scanner, checks its handshakes with capcert's checker and decodes certificates and evidence with
 * capcert's decoders, and turns what they return into Spark rows. Everything else in this module works
 * on those rows only.
 *
 * <p>Built on the driver from the command's options (trust lists, CRLs and key logs are read there,
 * once, and travel as their bytes), then serialized to every task.
 */
final class CapcertLibrary implements Serializable {

    private static final long serialVersionUID = 3L;

    /** Certificates decoded once per capture and kept for the next handshake that sends them. */
    private static final int DECODED_PER_CAPTURE = 4096;

    private final Set<Integer> ports;
    /** {@code null} when none was given. */
    private final Profile profile;
    private final List<String> expectedNames;
    private final List<List<TrustedDer>> trustLists;
    private final List<byte[]> crls;
    private final List<KeyLogText> keyLogs;
    private final PathOptions path;
    private final Limits limits;
    /** Without it, each task's budget is its own JVM's share of the heap, not the driver's. */
    private final boolean memoryBudgetGiven;
    /** {@code null}: each handshake is judged at its own time only. */
    private final Instant at;
    private final RecordColumns certificate = new RecordColumns(CertificateDetails.class);
    private final RecordColumns ocsp = new RecordColumns(EvidenceContent.Ocsp.class);
    private final RecordColumns crl = new RecordColumns(EvidenceContent.Crl.class);
    /** The key logs parsed, once per copy of this object (a task's). */
    private transient ScanOptions scanOptions;

    /** A trust list certificate as it travels to the tasks. */
    private record TrustedDer(byte[] der, String source) implements Serializable {
    }

    /** A key log file as it travels to the tasks: its text, credited to its file name. */
    private record KeyLogText(String source, byte[] text) implements Serializable {
    }

    private CapcertLibrary(Set<Integer> ports, Optional<Profile> profile, List<String> expectedNames,
                           List<List<TrustedDer>> trustLists, List<byte[]> crls, List<KeyLogText> keyLogs, PathOptions path,
                           Optional<Instant> at, Limits limits, boolean memoryBudgetGiven) {
        this.ports = Set.copyOf(ports);
        this.profile = profile.orElse(null);
        this.expectedNames = List.copyOf(expectedNames);
        this.trustLists = List.copyOf(trustLists);
        this.crls = List.copyOf(crls);
        this.keyLogs = List.copyOf(keyLogs);
        this.path = path;
        this.at = at.orElse(null);
        this.limits = limits;
        this.memoryBudgetGiven = memoryBudgetGiven;
    }

    /** A local copy of a file an option names, and the name it was given by (its own, for a copy of a remote file). */
    record LocalFile(Path path, String name) {
    }

    /**
     * What to scan and check with, read on the driver.
     *
     * @param profile  {@code generic}, {@code web} or {@code expressway}; verdicts are made when it or a trust list is given
     * @param trust    trust list files or directories, one list each
     * @param crls     CRL files (PEM or DER), for the verdicts
     * @param keyLogs  NSS key logs whose TLS 1.3 secrets decrypt TLS 1.3, QUIC and DTLS 1.3 certificates
     * @param pathOptions the inputs of path validation: depth, policies, partial chains
     * @param at       a time to judge validity at, besides each handshake's own
     * @param limits   the scan limits: those given over the defaults
     * @param memoryBudgetGiven whether {@code limits}' memory budget was given, rather than the driver's default
     * @param warnings what in the files was not understood, one line each
     * @throws IllegalArgumentException with a one-line message naming the option or file at fault
     */
    static CapcertLibrary configure(Set<Integer> ports, Optional<String> profile, List<String> expectedNames,
                                    List<Path> trust, char[] trustPassword, List<LocalFile> crls,
                                    List<LocalFile> keyLogs, PathOptions pathOptions, Optional<Instant> at,
                                    Limits limits, boolean memoryBudgetGiven, Consumer<String> warnings) {
        Optional<Profile> checkProfile = profile.map(CapcertLibrary::profile);
        TrustLists loader = new TrustLists(trustPassword, warnings);
        List<List<TrustedDer>> lists = new ArrayList<>();
        for (Path path : trust) {
            try {
                List<TrustedDer> list = new ArrayList<>();
                for (TrustedCertificate c : loader.load(path).certificates()) list.add(new TrustedDer(c.der(), c.source()));
                lists.add(list);
            } catch (CertificateFileException e) {
                throw new IllegalArgumentException(SparkWording.TRUST + ": " + SparkWording.describe(e), e);
            }
        }
        List<byte[]> crlDer = new ArrayList<>();
        for (LocalFile file : crls) {
            try {
                for (ParsedCrl c : CrlFile.read(file.path())) crlDer.add(c.der());
            } catch (CertificateFileException e) {
                throw new IllegalArgumentException(SparkWording.CRL + ": " + e.getMessage(), e);
            }
        }
        List<KeyLogText> logs = new ArrayList<>();
        for (LocalFile file : keyLogs) logs.add(keyLog(file, warnings));
        return new CapcertLibrary(ports, checkProfile, expectedNames, lists, crlDer, logs, pathOptions, at,
                limits, memoryBudgetGiven);
    }

    private static Profile profile(String name) {
        try {
            return Profile.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile: expected generic, web or expressway, not '" + name + "'", e);
        }
    }

    /** Reads a key log as capcert's command line does, saying what in it is not understood. */
    private static KeyLogText keyLog(LocalFile file, Consumer<String> warnings) {
        KeyLog read;
        byte[] text;
        try {
            read = KeyLog.read(file.path());
            text = Files.readAllBytes(file.path());
        } catch (KeyLogException e) {
            throw new IllegalArgumentException(SparkWording.KEYLOG + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(SparkWording.KEYLOG + " " + file.name() + ": cannot read: " + e.getMessage(), e);
        }
        for (String remark : read.remarks()) warnings.accept(file.name() + ": " + remark);
        return new KeyLogText(file.name(), text);
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
        StructType decryption = new StructType()
                .add("quic", DataTypes.StringType).add("keySource", DataTypes.StringType)
                .add("certificatesDecrypted", DataTypes.BooleanType)
                .add("offeredAlpn", DataTypes.createArrayType(DataTypes.StringType)).add("alpn", DataTypes.StringType);
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
                .add("notes", DataTypes.createArrayType(kindAndMessage()))
                .add("decryption", decryption)
                .add("certificates", DataTypes.createArrayType(sent))
                .add("verdicts", DataTypes.createArrayType(verdict))
                .add("worst", DataTypes.StringType);
    }

    /** A note: its kind (the library's type, e.g. {@code Note.BytesNotCaptured}) and its words. */
    private static StructType kindAndMessage() {
        return new StructType().add("kind", DataTypes.StringType).add("message", DataTypes.StringType);
    }

    /**
     * Something wrong in a capture: frame (0 when not tied to one), byte offset (-1 when unknown), its kind
     * (the library's type, e.g. {@code CaptureProblem.Damaged}), the limit reached when a limit caused it,
     * and its words.
     */
    static StructType problemSchema() {
        return new StructType()
                .add("frame", DataTypes.LongType).add("offset", DataTypes.LongType)
                .add("kind", DataTypes.StringType).add("limit", DataTypes.StringType)
                .add("message", DataTypes.StringType);
    }

    /** A problem of the capture as a row of {@link #problemSchema()}. */
    static Row problem(Problem p) {
        String limit = p instanceof LimitReached reached ? reached.limit().name() : null;
        return RowFactory.create(p.frame(), p.offset(), kind(p), limit, SparkWording.INSTANCE.text(p));
    }

    /**
     * Certificates, OCSP messages and CRLs the capture carried outside handshakes, as {@code list --json}
     * lists them, with the certificates fully decoded.
     */
    StructType evidenceSchema() {
        return new StructType()
                .add("kind", DataTypes.StringType).add("carrier", DataTypes.StringType)
                .add("frame", DataTypes.LongType).add("time", DataTypes.TimestampType)
                .add("transport", DataTypes.StringType).add("client", DataTypes.StringType)
                .add("server", DataTypes.StringType).add("connectionFrame", DataTypes.LongType)
                .add("url", DataTypes.StringType).add("contentType", DataTypes.StringType)
                .add("sni", DataTypes.StringType).add("sha256", DataTypes.StringType)
                .add("length", DataTypes.IntegerType)
                .add("certificates", DataTypes.createArrayType(certificate.schema()))
                .add("ocsp", ocsp.schema()).add("crl", crl.schema())
                .add("parseError", DataTypes.StringType);
    }

    /** A problem's or note's kind: its type as the library names it, e.g. {@code NetworkProblem.StreamBufferFull}. */
    private static String kind(Object value) {
        Class<?> type = value.getClass();
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    // ---- scanning ---------------------------------------------------------------------------------

    /** Opens the capture, once more for each pass over it. */
    @FunctionalInterface
    interface Opener {
        ReadableByteChannel open() throws IOException;
    }

    /**
     * Starts reading a capture. When handshakes are checked, the capture is read twice: here first, whole,
     * for the OCSP responses and CRLs it carries anywhere (which the verdicts of every handshake use, as
     * {@code capcert check}'s do), then a handshake at a time through the reading returned, so that
     * neither pass holds more than a few handshakes.
     *
     * @throws IOException when the capture cannot be opened
     */
    Reading open(Opener capture) throws IOException {
        Optional<List<Evidence>> evidence = Optional.empty();
        CaptureScanner scanner = new CaptureScanner(scanOptions());
        if (checks()) {
            List<Evidence> found = new ArrayList<>();
            try (ReadableByteChannel first = capture.open()) {
                scanner.scan(first, handshake -> { }, found::add);
            }
            evidence = Optional.of(found);
        }
        return new Reading(scanner, capture.open(), evidence);
    }

    private ScanOptions scanOptions() {
        if (scanOptions == null) {
            KeyLog keys = KeyLog.empty();
            for (KeyLogText log : keyLogs) keys = keys.merge(KeyLog.parse(log.source(), log.text(), 0, log.text().length));
            Limits taskLimits = memoryBudgetGiven ? limits : limits.withMemoryBudget(Limits.defaults().memoryBudget());
            scanOptions = ScanOptions.defaults().withPorts(ports).withKeyLog(keys).withLimits(taskLimits);
        }
        return scanOptions;
    }

    /**
     * One capture being read: its handshakes as rows of {@link #handshakeSchema()}, pulled one at a time
     * (the capture is read only as far as the next one needs), then, once they are all out, its problems
     * ({@link #problemSchema()}) and evidence ({@link #evidenceSchema()}). Bad input never throws: it is a
     * problem. Closing it closes the capture.
     */
    final class Reading implements Iterator<Row>, AutoCloseable {
        private final ReadableByteChannel channel;
        private final Scan scan;
        /** From the first pass, when there was one. */
        private final Optional<List<Evidence>> evidence;
        private final Map<Der, Row> decoded = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Der, Row> eldest) {
                return size() > DECODED_PER_CAPTURE;
            }
        };
        private final Optional<Checker> checker;
        private final Optional<CaptureEvidence> revocation;
        private long handshakes;
        private long certificates;

        private Reading(CaptureScanner scanner, ReadableByteChannel channel, Optional<List<Evidence>> evidence) {
            this.channel = channel;
            this.scan = scanner.open(channel);
            this.evidence = evidence;
            this.checker = checks() ? Optional.of(new Checker(checkOptions(), SparkWording.INSTANCE)) : Optional.empty();
            this.revocation = evidence.map(CaptureEvidence::new);
        }

        @Override
        public boolean hasNext() {
            return scan.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            Handshake h = scan.next();
            handshakes++;
            certificates += h.certificates().size();
            return row(h);
        }

        long handshakes() {
            return handshakes;
        }

        long certificates() {
            return certificates;
        }

        /** The capture's problems: all of them once {@link #hasNext()} has said false. */
        List<Row> problems() {
            return scan.problems().stream().map(CapcertLibrary::problem).toList();
        }

        /** The capture's evidence, in frame order: known once {@link #hasNext()} has said false. */
        List<Row> evidence() {
            return evidence.orElseGet(scan::evidence).stream().map(this::evidence).toList();
        }

        @Override
        public void close() throws IOException {
            scan.close();
            channel.close();
        }

        private Row row(Handshake h) {
            Object[] alerts = h.alerts().stream().map(Reading::alert).toArray();
            Object[] notes = h.notes().stream().map(Reading::note).toArray();
            Object[] sent = h.certificates().stream().map(this::sent).toArray();
            Object[] verdicts = null;
            String worst = null;
            if (checker.isPresent()) {
                List<Verdict> found = revocation.isPresent() ? checker.get().check(h, revocation.get()) : checker.get().check(h);
                verdicts = found.stream().map(Reading::verdict).toArray();
                worst = Severity.worst(found).name();
            }
            return RowFactory.create(h.transport().label(), h.client().toString(), h.server().toString(),
                    h.firstFrame(), Timestamp.from(h.time()), h.version().map(Object::toString).orElse(null),
                    h.sni().orElse(null), h.cipherSuite().map(c -> c.name()).orElse(null), alerts, notes,
                    h.decryption().map(d -> decryption(h, d)).orElse(null), sent, verdicts, worst);
        }

        private Row sent(CertificateEntry entry) {
            return RowFactory.create(entry.role().label(), entry.position(), entry.frame(), decoded(entry.derValue()));
        }

        private Row decoded(Der der) {
            return decoded.computeIfAbsent(der, d -> certificate.row(CertificateDetails.decode(d.toByteArray())));
        }

        private Row evidence(Evidence e) {
            EvidenceContent content = EvidenceContent.decode(e);
            Object[] carried = content.certificates().stream().map(der -> decoded(Der.copyOf(der))).toArray();
            return RowFactory.create(e.kind().id(), e.carrier().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    e.frame(), Timestamp.from(e.time()), e.transport().label(), e.client().toString(),
                    e.server().toString(), e.connectionFrame(), e.url().orElse(null), e.contentType().orElse(null),
                    e.sni().orElse(null), content.sha256(), e.content().length(), carried,
                    content.ocsp().map(ocsp::row).orElse(null), content.crl().map(crl::row).orElse(null),
                    content.parseError().orElse(null));
        }

        private static Row alert(Alert a) {
            return RowFactory.create(a.from().label(), a.levelName(), a.descriptionName(), a.frame());
        }

        private static Row note(Note n) {
            return RowFactory.create(kind(n), SparkWording.INSTANCE.text(n));
        }

        private static Row decryption(Handshake h, Decryption d) {
            return RowFactory.create(d.quicVersion().orElse(null), d.keySource().orElse(null), h.certificatesDecrypted(),
                    d.offeredAlpn().toArray(), d.selectedAlpn().orElse(null));
        }

        private static Row verdict(Verdict v) {
            return RowFactory.create(v.rule().name(), v.rule().title(), v.severity().name(),
                    v.certificate().orElse(null), v.message(), v.remedy());
        }
    }

    private CheckOptions checkOptions() {
        List<TrustList> lists = new ArrayList<>();
        List<ParsedCrl> revocationLists = new ArrayList<>();
        try {
            for (List<TrustedDer> list : trustLists) {
                List<TrustedCertificate> certificates = new ArrayList<>();
                for (TrustedDer c : list) certificates.add(TrustedCertificate.of(c.der(), c.source()));
                lists.add(TrustList.of(certificates));
            }
            for (byte[] der : crls) revocationLists.add(ParsedCrl.parse(der));
        } catch (ParsedCertificate.NotACertificate e) {
            throw new IllegalStateException("a trust list certificate or CRL read on the driver no longer decodes", e);
        }
        return new CheckOptions(lists, expectedNames, Optional.ofNullable(at), profile == null ? Profile.GENERIC : profile,
                revocationLists, List.of(), path, List.of());
    }
}
