package capcert.cli;

import capcert.report.EvidenceText;
import capcert.report.TunnelText;
import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.Der;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;
import capcert.x509.EvidenceContent;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The human table of {@code capcert list}: for each handshake a line saying where it was seen,
 * then one row per certificate. Subject and issuer are cut to fit the width, when there is one; the
 * JSON output has them whole.
 */
final class Listing {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int SHORT_HASH = 16;
    private static final String GAP = "  ";
    private static final String INDENT = "  ";

    private final OptionalInt width;
    private final Map<Der, CertificateDetails> decoded = new HashMap<>();
    private long handshakesPrinted;
    private long handshakesOfCapture;

    /** @param width columns to fit the rows to; empty to cut nothing */
    Listing(OptionalInt width) {
        this.width = width;
    }

    /**
     * Prints the next handshake of {@code capture}; {@link #end} follows its last. Handshakes of
     * consecutive captures are separated by a blank line.
     */
    void print(Path capture, Handshake h, PrintWriter out) {
        if (handshakesPrinted++ > 0) out.println();
        handshakesOfCapture++;
        out.println(Text.safe(capture.toString()) + "  " + describe(h));
        if (!h.certificates().isEmpty()) printCertificates(h.certificates(), out);
        for (Alert alert : h.alerts()) {
            out.println(INDENT + "alert: " + alert.from().label() + " sent " + alert.levelName() + " "
                    + alert.descriptionName() + " (frame " + alert.frame() + ")");
        }
        if (h.certificatesDecrypted()) {
            out.println(INDENT + "certificates decrypted with keys from " + Text.safe(h.decryption().get().keySource().get()));
        }
        for (Note note : h.notes()) out.println(INDENT + Text.safe(CommandLineWording.INSTANCE.text(note)));
        if (h.certificates().isEmpty() && h.notes().isEmpty()) out.println(INDENT + "no certificate seen");
    }

    /** Says so when {@code capture} had no handshake at all. */
    void end(Path capture, PrintWriter out) {
        if (handshakesOfCapture == 0) out.println(Text.safe(capture + ": no TLS handshake found"));
        handshakesOfCapture = 0;
    }

    /**
     * {@code frame 3  tcp 192.0.2.10:51234 → 198.51.100.7:443  TLS 1.2  SNI leaf.example}, made safe for
     * a terminal. A handshake inside EAP is named by its EAP identity and NAS instead of an SNI it
     * does not have; one relayed by TURN says through which server.
     */
    static String describe(Handshake h) {
        String quic = h.decryption().flatMap(d -> d.quicVersion()).map(v -> v + ", ").orElse("");
        Optional<String> eap = TunnelText.eap(h);
        String names = eap.isPresent() && h.sni().isEmpty() ? eap.get()
                : "SNI " + h.sni().orElse("none") + eap.map(e -> "  " + e).orElse("");
        return Text.safe("frame " + h.firstFrame() + "  " + h.transport().label() + " " + h.client() + " → " + h.server()
                + TunnelText.relay(h).map(r -> " " + r).orElse("")
                + "  " + quic + h.version().map(TlsVersion::toString).orElse("version unknown") + "  " + names);
    }

    private void printCertificates(List<CertificateEntry> entries, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROLE", "#", "FRAME", "SHA-256", "NOT AFTER", "SUBJECT", "ISSUER"});
        for (CertificateEntry entry : entries) {
            CertificateDetails d = details(entry.derValue());
            rows.add(new String[] {
                    entry.role().label(),
                    Integer.toString(entry.position()),
                    Long.toString(entry.frame()),
                    d.sha256().substring(0, SHORT_HASH),
                    d.notAfter().map(this::date).orElse("-"),
                    Text.safe(subject(d)),
                    Text.safe(d.issuer())});
        }
        printTable(rows, out, 1, 2);
    }

    private static String subject(CertificateDetails d) {
        if (d.entriesCut().isPresent()) return d.subject() + " [" + d.entriesCut().get().describe() + "]";
        return d.parseError().isEmpty() ? d.subject()
                : d.notAfter().isEmpty() ? "unreadable: " + d.parseError().get()
                : d.subject() + " [" + d.parseError().get() + "]";
    }

    /** Rows whose last two columns are subject and issuer, cut to fit; {@code numbers} are right-aligned columns. */
    private void printTable(List<String[]> rows, PrintWriter out, int... numbers) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        if (width.isPresent()) fitNames(widths, width.getAsInt());
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                String cell = Text.fit(row[i], widths[i]);
                String pad = " ".repeat(widths[i] - cell.length());
                int column = i;
                cells.add(java.util.Arrays.stream(numbers).anyMatch(n -> n == column) ? pad + cell : cell + pad);
            }
            out.println((INDENT + String.join(GAP, cells)).stripTrailing());
        }
    }

    /** Shares what the fixed columns leave between subject and issuer (the last two), a short one giving its spare to the other. */
    private static void fitNames(int[] widths, int width) {
        int subject = widths.length - 2;
        int issuer = widths.length - 1;
        int fixed = INDENT.length();
        for (int i = 0; i < subject; i++) fixed += widths[i] + GAP.length();
        int room = Math.max(2 * 12, width - fixed - GAP.length());
        int half = room / 2;
        if (widths[subject] + widths[issuer] <= room) return;
        if (widths[subject] <= half) widths[issuer] = room - widths[subject];
        else if (widths[issuer] <= half) widths[subject] = room - widths[issuer];
        else {
            widths[subject] = half;
            widths[issuer] = room - half;
        }
    }

    /**
     * Prints a certificate, OCSP message or CRL the capture carried outside its handshakes: where it
     * was seen, then what it says and the certificates it holds.
     */
    void print(Path capture, Evidence e, PrintWriter out) {
        if (handshakesPrinted++ > 0) out.println();
        EvidenceContent content = EvidenceContent.decode(e);
        out.println(Text.safe(capture + "  frame " + e.frame() + "  " + e.transport().label() + " " + e.client() + " → "
                + e.server() + "  " + EvidenceText.where(e)));
        for (String line : EvidenceText.says(content)) out.println(INDENT + Text.safe(line));
        if (!content.certificates().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"#", "SHA-256", "NOT AFTER", "SUBJECT", "ISSUER"});
            for (int i = 0; i < content.certificates().size(); i++) {
                CertificateDetails d = details(Der.copyOf(content.certificates().get(i)));
                rows.add(new String[] {Integer.toString(i), d.sha256().substring(0, SHORT_HASH),
                        d.notAfter().map(this::date).orElse("-"), Text.safe(subject(d)), Text.safe(d.issuer())});
            }
            printTable(rows, out, 0);
        }
    }

    private String date(Instant instant) {
        return DATE.format(instant);
    }

    private CertificateDetails details(Der der) {
        return decoded.computeIfAbsent(der, d -> CertificateDetails.decode(d.toByteArray()));
    }
}
