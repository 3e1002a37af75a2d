package capcert.report;

import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.check.Wording;
import capcert.export.CertificateFiles;
import capcert.tls.Alert;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.CipherSuite;
import capcert.tls.Decryption;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import capcert.tls.Evidence;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateFields;
import capcert.x509.EvidenceContent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a support-case report says; {@link HtmlReport}, {@link MarkdownReport} and {@link TextReport}
 * only lay it out. Text in it is raw (as the capture gave it): each renderer escapes for its
 * format. Captures are named by their file name, never the engineer's path: the SHA-256
 * identifies them. The summary, the findings and the contents are computed once; each handshake's
 * section (decoded fields, PEM, chain diagram) is made when it is asked for, so that a report of
 * 20,000 handshakes is written one section at a time instead of held whole.
 *
 * @param findings   the FAIL and WARN verdicts, each distinct one once with the handshakes it was found in, worst first
 * @param contents   each handshake section's heading, in the sections' order
 * @param trustLists the trust lists the verdicts were checked against, as their files are named
 * @param evidence   certificates, OCSP messages and CRLs the captures carried outside their handshakes
 */
public record ReportModel(String version, String commandLine, Instant generated, List<CaptureSummary> captures,
                          List<Finding> findings, List<Heading> contents, List<HandshakeSection> handshakes,
                          List<EvidenceView> evidence,
                          List<String> trustLists, int distinctCertificates, int fails, int warns) {

    /** One capture file: its SHA-256 (empty for standard input or an unreadable file), its FAIL and WARN verdicts. */
    public record CaptureSummary(String file, Optional<String> sha256, int handshakes, int certificates, int fails,
                                 int warns, int evidence, List<String> problems) {
    }

    /** One problem found, and where: the numbers of the handshake sections (1-based) it was found in. */
    public record Finding(Severity severity, String rule, String certificate, String message, String remedy,
                          List<Integer> sections) {
    }

    /** A certificate, OCSP message or CRL carried outside the handshakes, in words ({@link EvidenceText}). */
    public record EvidenceView(String capture, long frame, String transport, String client, String server, String where,
                               List<String> says, List<String> certificates) {
    }

    /** One box of a chain diagram: leaf, intermediate or root, coloured by the certificate's worst verdict. */
    public record ChainBox(String kind, String label, String sha256, Severity worst) {
    }

    /** The chain one side sent, as the boxes of its diagram. */
    public record ChainView(String role, List<ChainBox> boxes) {
    }

    /** One certificate of a handshake with its decoded fields (every one the viewer shows) and PEM. */
    public record CertificateView(String role, int position, long frame, CertificateDetails details,
                                  List<CertificateFields.Field> fields, String pem, Severity worst) {
    }

    /**
     * What names a handshake section in the contents and its heading.
     *
     * @param number counts sections from 1, worst first
     * @param relay  the TURN server that relayed it ({@code via …}), if any
     * @param eap    the EAP method and what names the supplicant, for a handshake inside EAP
     */
    public record Heading(int number, Severity worst, String capture, long firstFrame, String transport, String client,
                          String server, Optional<String> relay, Optional<String> sni, Optional<String> eap) {

        static Heading of(int number, String capture, Handshake h, Severity worst) {
            return new Heading(number, worst, capture, h.firstFrame(), h.transport().label(), h.client().toString(),
                    h.server().toString(), TunnelText.relay(h), h.sni(), TunnelText.eap(h));
        }
    }

    /**
     * One handshake, with its verdicts worst first.
     *
     * @param number counts sections from 1, worst first
     * @param relay  the TURN server that relayed it ({@code via …}), if any
     * @param eap    the EAP method and what names the supplicant, for a handshake inside EAP
     */
    public record HandshakeSection(int number, String capture, long firstFrame, Instant time, String transport, String client,
                                   String server, Optional<String> relay, Optional<String> sni, Optional<String> eap,
                                   Optional<String> version,
                                   Optional<String> cipherSuite, List<String> alerts, List<String> notes,
                                   Severity worst, List<Verdict> verdicts, List<ChainView> chains,
                                   List<CertificateView> certificates, Map<String, String> labels,
                                   Optional<String> decryptedWith) {

        /** The verdicts but PASS, which a report counts rather than lists. */
        public List<Verdict> problemsAndNotes() {
            return verdicts.stream().filter(v -> v.severity() != Severity.PASS).toList();
        }

        public int passed() {
            return (int) verdicts.stream().filter(v -> v.severity() == Severity.PASS).count();
        }

        public Heading heading() {
            return new Heading(number, worst, capture, firstFrame, transport, client, server, relay, sni, eap);
        }

        /** A short name for the certificate a verdict is about: its CN (or subject) and hash prefix. */
        public String label(Optional<String> sha256) {
            return sha256.map(h -> ReportModel.label(labels.getOrDefault(h, ""), h)).orElse("handshake");
        }
    }

    private static String label(String name, String sha256) {
        return name + " [" + sha256.substring(0, Math.min(12, sha256.length())) + "…]";
    }

    private static final Comparator<Verdict> WORST_FIRST = Comparator.comparing(Verdict::severity).reversed();

    /** The version string to show: the jar's implementation version, or "development build". */
    public static String toolVersion(Package pkg) {
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /**
     * {@code wording} is the face's that made the report: notes and problems are in its words;
     * {@code trustLists} names the trust lists the verdicts were checked against.
     */
    public static ReportModel of(List<CaptureResult> captures, Function<Handshake, List<Verdict>> verdicts,
                                 Wording wording, String version, String commandLine, Instant generated,
                                 List<String> trustLists) {
        Sections sections = new Sections(wording);
        List<CaptureSummary> summaries = new ArrayList<>();
        List<EvidenceView> evidence = new ArrayList<>();
        Set<Der> distinct = new HashSet<>();
        int fails = 0;
        int warns = 0;
        for (CaptureResult capture : captures) {
            String name = fileName(capture.file());
            int certificates = 0;
            int captureFails = 0;
            int captureWarns = 0;
            for (Handshake handshake : capture.handshakes()) {
                List<Verdict> found = new ArrayList<>(verdicts.apply(handshake));
                found.sort(WORST_FIRST);
                for (Verdict v : found) {
                    if (v.severity() == Severity.FAIL) captureFails++;
                    if (v.severity() == Severity.WARN) captureWarns++;
                }
                certificates += handshake.certificates().size();
                handshake.certificates().forEach(c -> distinct.add(c.derValue()));
                sections.pending.add(new Pending(name, handshake, List.copyOf(found), Severity.worst(found)));
            }
            for (Evidence e : capture.evidence()) evidence.add(evidence(name, e, sections.decoded));
            fails += captureFails;
            warns += captureWarns;
            summaries.add(new CaptureSummary(name, sha256(capture.file()), capture.handshakes().size(), certificates,
                    captureFails, captureWarns, capture.evidence().size(),
                    capture.problems().stream().map(wording::describe).toList()));
        }
        // Stable: equally bad handshakes keep capture and frame order.
        sections.pending.sort(Comparator.comparing(Pending::worst).reversed());
        List<Heading> contents = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Pending p = sections.pending.get(i);
            contents.add(Heading.of(i + 1, p.capture(), p.handshake(), p.worst()));
        }
        return new ReportModel(version, commandLine, generated, summaries, findings(sections), contents, sections, evidence,
                List.copyOf(trustLists), distinct.size(), fails, warns);
    }

    /** A handshake whose section is not made yet, with its verdicts worst first. */
    private record Pending(String capture, Handshake handshake, List<Verdict> verdicts, Severity worst) {
    }

    /** The sections, each made when asked for; the certificates of the last few thousand stay decoded. */
    private static final class Sections extends AbstractList<HandshakeSection> {
        private static final int DECODED_KEPT = 4096;

        private final List<Pending> pending = new ArrayList<>();
        private final Wording wording;
        private final Map<Der, CertificateDetails> decoded = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Der, CertificateDetails> eldest) {
                return size() > DECODED_KEPT;
            }
        };

        Sections(Wording wording) {
            this.wording = wording;
        }

        @Override
        public HandshakeSection get(int index) {
            Pending p = pending.get(index);
            return section(index + 1, p.capture(), p.handshake(), p.verdicts(), decoded, wording);
        }

        @Override
        public int size() {
            return pending.size();
        }

        /** The name the report gives the certificate of {@code p}'s handshake with this SHA-256. */
        String label(Pending p, String sha256) {
            for (CertificateEntry entry : p.handshake().certificates()) {
                CertificateDetails d = decoded.computeIfAbsent(entry.derValue(), k -> CertificateDetails.decode(entry.der()));
                if (d.sha256().equals(sha256)) return ReportModel.label(name(d), sha256);
            }
            return ReportModel.label("", sha256);
        }
    }

    /** A capture as the report names it: its file name; standard input as {@code -}. */
    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Each distinct FAIL and WARN verdict once, worst first, with the sections it was found in. */
    private static List<Finding> findings(Sections sections) {
        Map<List<Object>, Finding> found = new LinkedHashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            Pending p = sections.pending.get(i);
            int number = i + 1;
            for (Verdict v : p.verdicts()) {
                if (v.severity() != Severity.FAIL && v.severity() != Severity.WARN) continue;
                String about = v.certificate().map(h -> sections.label(p, h)).orElse("handshake");
                List<Object> key = List.of(v.severity(), v.rule().name(), about, v.message());
                Finding earlier = found.get(key);
                List<Integer> where = new ArrayList<>(earlier == null ? List.of() : earlier.sections());
                if (!where.contains(number)) where.add(number);
                found.put(key, new Finding(v.severity(), v.rule().name(), about, v.message(), v.remedy(), List.copyOf(where)));
            }
        }
        List<Finding> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.comparing(Finding::severity).reversed());
        return sorted;
    }

    private static EvidenceView evidence(String capture, Evidence e, Map<Der, CertificateDetails> decoded) {
        EvidenceContent content = EvidenceContent.decode(e);
        List<String> certificates = new ArrayList<>();
        for (byte[] der : content.certificates()) {
            CertificateDetails d = decoded.computeIfAbsent(Der.copyOf(der), k -> CertificateDetails.decode(der));
            certificates.add(name(d) + " [" + d.sha256().substring(0, 16) + "]"
                    + d.notAfter().map(t -> ", expires " + t.toString().substring(0, 10)).orElse(""));
        }
        return new EvidenceView(capture, e.frame(), e.transport().label(), e.client().toString(), e.server().toString(),
                EvidenceText.where(e), EvidenceText.says(content), certificates);
    }

    private static HandshakeSection section(int number, String capture, Handshake h, List<Verdict> verdicts,
                                            Map<Der, CertificateDetails> decoded, Wording wording) {
        List<CertificateView> views = new ArrayList<>();
        Map<String, String> labels = new HashMap<>();
        for (CertificateEntry entry : h.certificates()) {
            byte[] der = entry.der();
            CertificateDetails d = decoded.computeIfAbsent(entry.derValue(), k -> CertificateDetails.decode(der));
            labels.put(d.sha256(), name(d));
            List<CertificateFields.Field> fields = new ArrayList<>(CertificateFields.of(der));
            // As list, check and the JSON write it, for a reader who searches the report for a hash.
            fields.add(new CertificateFields.Field("SHA-256 (hex)", d.sha256()));
            views.add(new CertificateView(entry.role().label(), entry.position(), entry.frame(), d, List.copyOf(fields),
                    CertificateFiles.pem(der), worstFor(d.sha256(), verdicts)));
        }
        List<ChainView> chains = new ArrayList<>();
        for (Role role : Role.values()) {
            List<CertificateView> sent = views.stream().filter(v -> v.role().equals(role.label())).toList();
            if (sent.isEmpty()) continue;
            List<ChainBox> boxes = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                CertificateDetails d = sent.get(i).details();
                boolean selfIssued = !d.subject().isEmpty() && d.subject().equals(d.issuer());
                String kind = i == 0 ? (selfIssued && sent.size() == 1 ? "self-signed" : "leaf")
                        : selfIssued ? "root" : "intermediate";
                boxes.add(new ChainBox(kind, name(d), d.sha256(), sent.get(i).worst()));
            }
            chains.add(new ChainView(role.label(), boxes));
        }
        List<String> alerts = new ArrayList<>();
        for (Alert a : h.alerts()) {
            alerts.add(a.from().label() + " sent " + a.levelName() + " " + a.descriptionName() + " (frame " + a.frame() + ")");
        }
        Optional<String> quic = h.decryption().flatMap(Decryption::quicVersion);
        Optional<String> tls = h.version().map(TlsVersion::toString);
        Optional<String> version = quic.isPresent() ? Optional.of(quic.get() + ", " + tls.orElse("TLS version unknown")) : tls;
        Optional<String> decryptedWith = h.certificatesDecrypted() ? h.decryption().flatMap(Decryption::keySource) : Optional.empty();
        return new HandshakeSection(number, capture, h.firstFrame(), h.time(), h.transport().label(), h.client().toString(),
                h.server().toString(), TunnelText.relay(h), h.sni(), TunnelText.eap(h), version,
                h.cipherSuite().map(CipherSuite::name), alerts, h.notes().stream().map(wording::text).toList(),
                Severity.worst(verdicts), List.copyOf(verdicts), chains, views, labels, decryptedWith);
    }

    /** The worst verdict about one certificate; PASS when none names it. */
    private static Severity worstFor(String sha256, List<Verdict> verdicts) {
        return Severity.worst(verdicts.stream().filter(v -> v.certificate().filter(sha256::equals).isPresent()).toList());
    }

    private static String name(CertificateDetails d) {
        if (!d.commonName().isEmpty()) return d.commonName();
        if (!d.subject().isEmpty()) return d.subject();
        return d.parseError().map(e -> "unreadable certificate").orElse("(empty subject)");
    }

    /** Hex SHA-256 of a capture file's bytes; empty for standard input or a file that cannot be read again. */
    static Optional<String> sha256(Path file) {
        if (file.toString().equals("-") || !Files.isRegularFile(file)) return Optional.empty();
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
