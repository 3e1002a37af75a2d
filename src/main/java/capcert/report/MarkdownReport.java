package capcert.report;

import capcert.check.Verdict;
import capcert.x509.CertificateFields;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The report as Markdown, for pasting into a case or ticket: the same content as {@link HtmlReport}.
 * Text from captures is escaped so it cannot become markup, links or raw HTML.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * Text made inert in Markdown (and in the HTML many Markdown renderers allow), on one line, with
     * only what Markdown would read as markup escaped, so that it still reads well where a ticket
     * system shows the text as it is: {@code TLS_ECDHE_RSA} and {@code (frame 16)} stay as they are.
     * Escaped: backslash, backtick, asterisk, brackets, angle brackets, pipe (tables), tilde, an
     * underscore at either end of a word, an ampersand that could start an entity.
     */
    public static String escape(String text) {
        String safe = SafeText.escape(text);
        StringBuilder out = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '\\', '`', '*', '[', ']', '<', '>', '|', '~' -> out.append('\\').append(c);
                case '_' -> {
                    boolean inWord = i > 0 && i + 1 < safe.length()
                            && Character.isLetterOrDigit(safe.charAt(i - 1)) && Character.isLetterOrDigit(safe.charAt(i + 1));
                    if (!inWord) out.append('\\');
                    out.append(c);
                }
                case '&' -> {
                    boolean entity = i + 1 < safe.length() && (Character.isLetterOrDigit(safe.charAt(i + 1)) || safe.charAt(i + 1) == '#');
                    if (entity) out.append('\\');
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String render(ReportModel model) {
        return new Markdown().render(model);
    }

    /** The report written to {@code writer} one handshake at a time. */
    public static void write(ReportModel model, Writer writer) throws IOException {
        new Markdown().write(model, writer);
    }

    private static final class Markdown extends ReportFormat {

        @Override
        void begin(ReportModel model) {
            out.append("# capcert support-case report\n\n");
            out.append("- Tool version: capcert ").append(escape(model.version())).append('\n');
            out.append("- Generated: ").append(model.generated()).append('\n');
            out.append("- Options used: `").append(SafeText.escape(model.commandLine()).replace("`", "'")).append("`\n");
            out.append("- Trust lists: ").append(model.trustLists().isEmpty() ? "none: trust was not checked"
                    : String.join(", ", model.trustLists().stream().map(MarkdownReport::escape).toList())).append("\n\n");
        }

        @Override
        void findings(List<ReportModel.Finding> findings) {
            out.append("## Key findings\n\n");
            if (findings.isEmpty()) out.append("No FAIL or WARN verdict.\n");
            int n = 1;
            for (ReportModel.Finding f : findings) {
                out.append(n++).append(". **").append(f.severity().name()).append(' ').append(escape(f.rule())).append("** ")
                        .append(escape(f.certificate())).append(": ").append(escape(f.message())).append(" (")
                        .append(sections(f.sections(), section -> "[" + section + "](#" + anchor(section) + ")")).append(")\n");
                if (!f.remedy().isBlank()) out.append("   → ").append(escape(f.remedy())).append('\n');
            }
            out.append('\n');
        }

        @Override
        void captures(ReportModel model) {
            out.append("## Summary\n\n").append(escape(summary(model))).append(".\n\n");
            out.append("| Capture | SHA-256 | Handshakes | Certificates | FAIL | WARN | Evidence | Problems |\n");
            out.append("|---|---|---|---|---|---|---|---|\n");
            for (ReportModel.CaptureSummary c : model.captures()) {
                out.append("| ").append(escape(c.file())).append(" | ").append(escape(c.sha256().orElse("not hashed")))
                        .append(" | ").append(c.handshakes()).append(" | ").append(c.certificates()).append(" | ")
                        .append(c.fails()).append(" | ").append(c.warns()).append(" | ").append(c.evidence()).append(" | ")
                        .append(String.join("<br>", c.problems().stream().map(MarkdownReport::escape).toList())).append(" |\n");
            }
            out.append('\n');
        }

        @Override
        void contents(List<ReportModel.Heading> sections) {
            if (sections.isEmpty()) return;
            out.append("## Contents\n\n");
            for (ReportModel.Heading s : sections) {
                out.append(s.number()).append(". [").append(escape(title(s))).append("](#").append(anchor(s.number())).append(")\n");
            }
            out.append('\n');
        }

        @Override
        void handshake(ReportModel.HandshakeSection s) {
            // An anchor of our own: renderers make heading ids each their own way, if at all.
            out.append("<a id=\"").append(anchor(s.number())).append("\"></a>\n\n");
            out.append("## ").append(s.number()).append(". ").append(s.worst().name()).append(": ")
                    .append(escape(s.transport() + " " + s.client() + " → " + s.server() + s.relay().map(r -> " " + r).orElse("")))
                    .append("\n\n");
            out.append("- Capture: ").append(escape(s.capture())).append(", frame ").append(s.firstFrame()).append(", ")
                    .append(s.time()).append('\n');
            out.append("- SNI: ").append(escape(s.sni().orElse("none"))).append('\n');
            s.eap().ifPresent(eap -> out.append("- EAP: ").append(escape(eap)).append('\n'));
            out.append("- Version: ").append(escape(s.version().orElse("unknown"))).append('\n');
            out.append("- Cipher suite: ").append(escape(s.cipherSuite().orElse("not seen"))).append('\n');
            out.append("- Certificates: ").append(s.decryptedWith().map(k -> "**decrypted** with keys from " + escape(k))
                    .orElse(s.certificates().isEmpty() ? "none read" : "sent in clear text")).append('\n');
            out.append("- Alerts: ").append(s.alerts().isEmpty() ? "none"
                    : String.join("; ", s.alerts().stream().map(MarkdownReport::escape).toList())).append('\n');
            for (String note : s.notes()) out.append("- Note: ").append(escape(note)).append('\n');
            out.append('\n');
        }

        @Override
        void chain(ReportModel.ChainView chain) {
            out.append("Chain sent by the ").append(escape(chain.role())).append(": ");
            for (int i = 0; i < chain.boxes().size(); i++) {
                ReportModel.ChainBox b = chain.boxes().get(i);
                if (i > 0) out.append(" → ");
                out.append("**").append(escape(b.label())).append("** (").append(b.kind()).append(", ")
                        .append(b.worst().name()).append(')');
            }
            out.append("\n\n");
        }

        @Override
        void verdicts(ReportModel.HandshakeSection s) {
            out.append("### Verdicts\n\n");
            List<Verdict> shown = s.problemsAndNotes();
            if (!shown.isEmpty()) {
                out.append("| Severity | Rule | Certificate | Reason | Remedy |\n|---|---|---|---|---|\n");
                for (Verdict v : shown) {
                    out.append("| ").append(v.severity().name()).append(" | ").append(v.rule().name()).append(" | ")
                            .append(escape(s.label(v.certificate()))).append(" | ").append(escape(v.message()))
                            .append(" | ").append(escape(v.remedy())).append(" |\n");
                }
                out.append('\n');
            }
            if (s.passed() > 0) out.append("PASS: ").append(count(s.passed(), "check")).append(" passed.\n\n");
            if (s.verdicts().isEmpty()) out.append("No verdicts.\n\n");
        }

        @Override
        void certificatesBegin(ReportModel.HandshakeSection s) {
            if (!s.certificates().isEmpty()) out.append("### Certificates\n\n");
        }

        @Override
        void certificate(ReportModel.CertificateView c) {
            out.append("#### ").append(escape(c.role())).append(" #").append(c.position()).append(" (frame ")
                    .append(c.frame()).append(", ").append(c.worst().name()).append(")\n\n");
            for (CertificateFields.Field field : c.fields()) {
                List<String> lines = field.value().lines().toList();
                if (lines.size() == 1) {
                    out.append("- ").append(escape(field.name())).append(": ").append(escape(lines.get(0))).append('\n');
                } else {
                    out.append("- ").append(escape(field.name())).append(":\n");
                    for (String line : lines) out.append("  - ").append(escape(line)).append('\n');
                }
            }
            out.append("\n<details><summary>PEM</summary>\n\n```\n").append(c.pem()).append("```\n\n</details>\n\n");
        }

        @Override
        void handshakeEnd() {
            // Sections end where the next heading starts.
        }

        @Override
        void evidence(List<ReportModel.EvidenceView> evidence) {
            out.append("## Evidence outside the handshakes\n\n");
            for (ReportModel.EvidenceView e : evidence) {
                out.append("- ").append(escape(e.capture())).append(", frame ").append(e.frame()).append(": ")
                        .append(escape(e.transport() + " " + e.client() + " → " + e.server() + ", " + e.where())).append('\n');
                for (String line : e.says()) out.append("  - ").append(escape(line)).append('\n');
                for (String certificate : e.certificates()) out.append("  - certificate ").append(escape(certificate)).append('\n');
            }
            out.append('\n');
        }

        @Override
        void end() {
            // Nothing closes a Markdown document.
        }
    }
}
