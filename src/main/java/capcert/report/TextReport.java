package capcert.report;

import capcert.check.Verdict;
import capcert.x509.CertificateFields;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The report as plain text, for tickets and e-mail that show text as it is: the same content as
 * {@link HtmlReport}, lines wrapped at {@value #WIDTH} columns with a hanging indent, no markup.
 * Text from captures has its control and bidi characters escaped.
 */
public final class TextReport {

    static final int WIDTH = 100;

    private TextReport() {
    }

    public static String render(ReportModel model) {
        return new Text().render(model);
    }

    /** The report written to {@code writer} one handshake at a time. */
    public static void write(ReportModel model, Writer writer) throws IOException {
        new Text().write(model, writer);
    }

    private static final class Text extends ReportFormat {

        @Override
        void begin(ReportModel model) {
            heading("capcert support-case report", '=');
            field("", "Tool version", "capcert " + model.version());
            field("", "Generated", model.generated().toString());
            field("", "Options used", model.commandLine());
            field("", "Trust lists", model.trustLists().isEmpty() ? "none: trust was not checked" : String.join(", ", model.trustLists()));
            out.append('\n');
        }

        @Override
        void findings(List<ReportModel.Finding> findings) {
            heading("Key findings", '-');
            if (findings.isEmpty()) out.append("No FAIL or WARN verdict.\n");
            int n = 1;
            for (ReportModel.Finding f : findings) {
                String number = n++ + ". ";
                wrap(number, " ".repeat(number.length() + 10), f.severity().name() + " " + f.rule() + "  " + f.certificate() + ": "
                        + f.message() + " (" + sections(f.sections()) + ")");
                if (!f.remedy().isBlank()) wrap(" ".repeat(number.length() + 10) + "→ ", " ".repeat(number.length() + 12), f.remedy());
            }
            out.append('\n');
        }

        @Override
        void captures(ReportModel model) {
            heading("Summary", '-');
            out.append(SafeText.escape(summary(model))).append(".\n\n");
            for (ReportModel.CaptureSummary c : model.captures()) {
                out.append(SafeText.escape(c.file())).append('\n');
                field("  ", "SHA-256", c.sha256().orElse("not hashed"));
                field("  ", "Handshakes", c.handshakes() + ", " + count(c.certificates(), "certificate") + ", " + c.fails()
                        + " FAIL, " + c.warns() + " WARN, " + c.evidence() + " evidence");
                for (String problem : c.problems()) field("  ", "Problem", problem);
            }
            out.append('\n');
        }

        @Override
        void contents(List<ReportModel.Heading> sections) {
            if (sections.isEmpty()) return;
            heading("Contents", '-');
            for (ReportModel.Heading s : sections) {
                String number = s.number() + ". ";
                wrap(number, " ".repeat(number.length()), title(s));
            }
            out.append('\n');
        }

        @Override
        void handshake(ReportModel.HandshakeSection s) {
            heading(s.number() + ". " + title(s.heading()), '-');
            field("", "Capture", s.capture() + ", frame " + s.firstFrame() + ", " + s.time());
            field("", "SNI", s.sni().orElse("none"));
            s.eap().ifPresent(eap -> field("", "EAP", eap));
            field("", "Version", s.version().orElse("unknown"));
            field("", "Cipher suite", s.cipherSuite().orElse("not seen"));
            field("", "Certificates", s.decryptedWith().map(k -> "decrypted with keys from " + k)
                    .orElse(s.certificates().isEmpty() ? "none read" : "sent in clear text"));
            field("", "Alerts", s.alerts().isEmpty() ? "none" : String.join("; ", s.alerts()));
            for (String note : s.notes()) field("", "Note", note);
            out.append('\n');
        }

        @Override
        void chain(ReportModel.ChainView chain) {
            StringBuilder boxes = new StringBuilder();
            for (int i = 0; i < chain.boxes().size(); i++) {
                ReportModel.ChainBox b = chain.boxes().get(i);
                if (i > 0) boxes.append(" → ");
                boxes.append(b.label()).append(" (").append(b.kind()).append(", ").append(b.worst().name()).append(')');
            }
            wrap("Chain sent by the " + chain.role() + ": ", "  ", boxes.toString());
        }

        @Override
        void verdicts(ReportModel.HandshakeSection s) {
            out.append('\n');
            for (Verdict v : s.problemsAndNotes()) {
                String head = v.severity().name() + " " + v.rule().name();
                String lead = "  " + head + " ".repeat(Math.max(1, 10 - head.length()));
                wrap(lead, " ".repeat(12), s.label(v.certificate()) + "  " + v.message());
                if (!v.remedy().isBlank()) wrap(" ".repeat(12) + "→ ", " ".repeat(14), v.remedy());
            }
            if (s.passed() > 0) out.append("  PASS      ").append(count(s.passed(), "check")).append(" passed\n");
            if (s.verdicts().isEmpty()) out.append("  no verdicts\n");
            out.append('\n');
        }

        @Override
        void certificatesBegin(ReportModel.HandshakeSection s) {
            // Each certificate has its own heading line.
        }

        @Override
        void certificate(ReportModel.CertificateView c) {
            out.append("Certificate: ").append(SafeText.escape(c.role())).append(" #").append(c.position()).append(" (frame ")
                    .append(c.frame()).append(", ").append(c.worst().name()).append(")\n");
            for (CertificateFields.Field f : c.fields()) {
                List<String> lines = f.value().lines().toList();
                field("  ", f.name(), lines.isEmpty() ? "" : lines.get(0));
                String indent = " ".repeat(2 + f.name().length() + 2);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    out.append(indent).append(SafeText.escape(line)).append('\n');
                }
            }
            out.append('\n').append(c.pem()).append('\n');
        }

        @Override
        void handshakeEnd() {
            // The next section's heading ends this one.
        }

        @Override
        void evidence(List<ReportModel.EvidenceView> evidence) {
            heading("Evidence outside the handshakes", '-');
            for (ReportModel.EvidenceView e : evidence) {
                wrap("", "  ", e.capture() + ", frame " + e.frame() + ": " + e.transport() + " " + e.client() + " → "
                        + e.server() + ", " + e.where());
                for (String line : e.says()) wrap("  ", "    ", line);
                for (String certificate : e.certificates()) wrap("  certificate ", "    ", certificate);
            }
            out.append('\n');
        }

        @Override
        void end() {
            // Nothing closes a text document.
        }

        private void heading(String text, char underline) {
            String safe = SafeText.escape(text);
            out.append(safe).append('\n').append(String.valueOf(underline).repeat(Math.min(WIDTH, safe.length()))).append("\n\n");
        }

        private void field(String indent, String name, String value) {
            wrap(indent + name + ": ", indent + "    ", value);
        }

        /** {@code text} after {@code lead}, wrapped, its further lines after {@code hanging}. */
        private void wrap(String lead, String hanging, String text) {
            List<String> lines = TextWrap.lines(SafeText.escape(text), lead.length(), hanging, WIDTH);
            out.append(lead).append(lines.get(0)).append('\n');
            for (String line : lines.subList(1, lines.size())) out.append(line).append('\n');
        }
    }
}
