package capcert.cli;

import capcert.tls.Alert;
import capcert.tls.CertificateEntry;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.TlsVersion;
import capcert.x509.CertificateDetails;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The human table of {@code capcert list}: for each handshake a line saying where it was seen,
 * then one row per certificate. Subject and issuer are cut to fit {@code width} columns; the JSON
 * output has them whole.
 */
final class Listing {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int SHORT_HASH = 16;
    private static final String GAP = "  ";
    private static final String INDENT = "  ";

    private final int width;
    private final Map<Der, CertificateDetails> decoded = new HashMap<>();
    private long handshakesPrinted;
    private long handshakesOfCapture;

    Listing(int width) {
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
        for (Note note : h.notes()) out.println(INDENT + Text.safe(CommandLineWording.INSTANCE.text(note)));
        if (h.certificates().isEmpty() && h.notes().isEmpty()) out.println(INDENT + "no certificate seen");
    }

    /** Says so when {@code capture} had no handshake at all. */
    void end(Path capture, PrintWriter out) {
        if (handshakesOfCapture == 0) out.println(Text.safe(capture + ": no TLS handshake found"));
        handshakesOfCapture = 0;
    }

    /** {@code frame 3  tcp 192.0.2.10:51234 → 198.51.100.7:443  TLS 1.2  SNI leaf.example}, made safe for a terminal. */
    static String describe(Handshake h) {
        return Text.safe("frame " + h.firstFrame() + "  " + h.transport().label() + " " + h.client() + " → " + h.server()
                + "  " + h.version().map(TlsVersion::toString).orElse("version unknown") + "  SNI " + h.sni().orElse("none"));
    }

    private void printCertificates(List<CertificateEntry> entries, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ROLE", "#", "FRAME", "SHA-256", "NOT AFTER", "SUBJECT", "ISSUER"});
        for (CertificateEntry entry : entries) {
            CertificateDetails d = details(entry);
            String subject = d.parseError().isEmpty() ? d.subject()
                    : d.notAfter().isEmpty() ? "unreadable: " + d.parseError().get()
                    : d.subject() + " [" + d.parseError().get() + "]";
            rows.add(new String[] {
                    entry.role().label(),
                    Integer.toString(entry.position()),
                    Long.toString(entry.frame()),
                    d.sha256().substring(0, SHORT_HASH),
                    d.notAfter().map(this::date).orElse("-"),
                    Text.safe(subject),
                    Text.safe(d.issuer())});
        }
        int[] widths = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        fitNames(widths);
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                String cell = Text.fit(row[i], widths[i]);
                String pad = " ".repeat(widths[i] - cell.length());
                cells.add(i == 1 || i == 2 ? pad + cell : cell + pad);
            }
            out.println((INDENT + String.join(GAP, cells)).stripTrailing());
        }
    }

    /** Shares what the fixed columns leave between subject and issuer, a short one giving its spare to the other. */
    private void fitNames(int[] widths) {
        int fixed = INDENT.length();
        for (int i = 0; i < 5; i++) fixed += widths[i] + GAP.length();
        int room = Math.max(2 * 12, width - fixed - GAP.length());
        int half = room / 2;
        if (widths[5] + widths[6] <= room) return;
        if (widths[5] <= half) widths[6] = room - widths[5];
        else if (widths[6] <= half) widths[5] = room - widths[6];
        else {
            widths[5] = half;
            widths[6] = room - half;
        }
    }

    private String date(Instant instant) {
        return DATE.format(instant);
    }

    private CertificateDetails details(CertificateEntry entry) {
        return decoded.computeIfAbsent(entry.derValue(), der -> CertificateDetails.decode(der.toByteArray()));
    }
}
