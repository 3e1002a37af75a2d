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
import capcert.x509.CertificateDetails;

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
 * What a support-case report says; {@link HtmlReport} and {@link MarkdownReport} only lay it out.
 * Text in it is raw (as the capture gave it): each renderer escapes for its format. The summary is
 * computed once; each handshake's section (decoded fields, PEM, chain diagram) is made when it is
 * asked for, so that a report of 20,000 handshakes is written one section at a time instead of
 * held whole.
 */
public record ReportModel(String version, String commandLine, Instant generated, List<CaptureSummary> captures,
                          List<HandshakeSection> handshakes, int distinctCertificates, int fails, int warns) {

    /** One capture file: its SHA-256 (empty for standard input or an unreadable file). */
    public record CaptureSummary(String file, Optional<String> sha256, int handshakes, int certificates,
                                 List<String> problems) {
    }

    /** One box of a chain diagram: leaf, intermediate or root, coloured by the certificate's worst verdict. */
    public record ChainBox(String kind, String label, String sha256, Severity worst) {
    }

    /** The chain one side sent, as the boxes of its diagram. */
    public record ChainView(String role, List<ChainBox> boxes) {
    }

    /** One certificate of a handshake with its decoded fields and PEM. */
    public record CertificateView(String role, int position, long frame, CertificateDetails details, String pem,
                                  Severity worst) {
    }

    /**
     * One handshake, with its verdicts worst first.
     *
     * @param relay the TURN server that relayed it ({@code via …}), if any
     * @param eap   the EAP method and what names the supplicant, for a handshake inside EAP
     */
    public record HandshakeSection(String capture, long firstFrame, Instant time, String transport, String client,
                                   String server, Optional<String> relay, Optional<String> sni, Optional<String> eap,
                                   Optional<String> version,
                                   Optional<String> cipherSuite, List<String> alerts, List<String> notes,
                                   Severity worst, List<Verdict> verdicts, List<ChainView> chains,
                                   List<CertificateView> certificates, Map<String, String> labels,
                                   Optional<String> decryptedWith) {

        /** A short name for the certificate a verdict is about: its CN (or subject) and hash prefix. */
        public String label(Optional<String> sha256) {
            return sha256.map(h -> labels.getOrDefault(h, "") + " [" + h.substring(0, Math.min(12, h.length())) + "…]")
                    .orElse("handshake");
        }
    }

    private static final Comparator<Verdict> WORST_FIRST = Comparator.comparing(Verdict::severity).reversed();

    /** The version string to show: the jar's implementation version, or "development build". */
    public static String toolVersion(Package pkg) {
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** {@code wording} is the face's that made the report: notes and problems are in its words. */
    public static ReportModel of(List<CaptureResult> captures, Function<Handshake, List<Verdict>> verdicts,
                                 Wording wording, String version, String commandLine, Instant generated) {
        List<CaptureSummary> summaries = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        Set<Der> distinct = new HashSet<>();
        int fails = 0;
        int warns = 0;
        for (CaptureResult capture : captures) {
            int certificates = 0;
            for (Handshake handshake : capture.handshakes()) {
                List<Verdict> found = new ArrayList<>(verdicts.apply(handshake));
                found.sort(WORST_FIRST);
                for (Verdict v : found) {
                    if (v.severity() == Severity.FAIL) fails++;
                    if (v.severity() == Severity.WARN) warns++;
                }
                certificates += handshake.certificates().size();
                handshake.certificates().forEach(c -> distinct.add(c.derValue()));
                pending.add(new Pending(capture.file().toString(), handshake, List.copyOf(found), Severity.worst(found)));
            }
            summaries.add(new CaptureSummary(capture.file().toString(), sha256(capture.file()),
                    capture.handshakes().size(), certificates,
                    capture.problems().stream().map(wording::describe).toList()));
        }
        // Stable: equally bad handshakes keep capture and frame order.
        pending.sort(Comparator.comparing(Pending::worst).reversed());
        return new ReportModel(version, commandLine, generated, summaries, new Sections(pending, wording), distinct.size(),
                fails, warns);
    }

    /** A handshake whose section is not made yet, with its verdicts worst first. */
    private record Pending(String capture, Handshake handshake, List<Verdict> verdicts, Severity worst) {
    }

    /** The sections, each made when asked for; the certificates of the last few thousand stay decoded. */
    private static final class Sections extends AbstractList<HandshakeSection> {
        private static final int DECODED_KEPT = 4096;

        private final List<Pending> pending;
        private final Wording wording;
        private final Map<Der, CertificateDetails> decoded = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Der, CertificateDetails> eldest) {
                return size() > DECODED_KEPT;
            }
        };

        Sections(List<Pending> pending, Wording wording) {
            this.pending = pending;
            this.wording = wording;
        }

        @Override
        public HandshakeSection get(int index) {
            Pending p = pending.get(index);
            return section(p.capture(), p.handshake(), p.verdicts(), decoded, wording);
        }

        @Override
        public int size() {
            return pending.size();
        }
    }

    private static HandshakeSection section(String capture, Handshake h, List<Verdict> verdicts,
                                            Map<Der, CertificateDetails> decoded, Wording wording) {
        List<CertificateView> views = new ArrayList<>();
        Map<String, String> labels = new HashMap<>();
        for (CertificateEntry entry : h.certificates()) {
            byte[] der = entry.der();
            CertificateDetails d = decoded.computeIfAbsent(entry.derValue(), k -> CertificateDetails.decode(der));
            labels.put(d.sha256(), name(d));
            views.add(new CertificateView(entry.role().label(), entry.position(), entry.frame(), d,
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
        return new HandshakeSection(capture, h.firstFrame(), h.time(), h.transport().label(), h.client().toString(),
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
