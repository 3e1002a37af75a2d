package capcert.report;

import capcert.check.Verdict;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateText;

import java.io.IOException;
import java.io.Writer;

/**
 * The report as Markdown, for pasting into a case or ticket: the same content as {@link HtmlReport}.
 * Text from captures is escaped so it cannot become markup, links or raw HTML.
 */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** Text made inert in Markdown (and in the HTML many Markdown renderers allow), on one line. */
    public static String escape(String text) {
        String safe = SafeText.escape(text);
        StringBuilder out = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '{', '}', '#', '|', '!', '~' -> out.append('\\').append(c);
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
            out.append("- Options used: `").append(SafeText.escape(model.commandLine()).replace("`", "'")).append("`\n\n");

            out.append("## Summary\n\n").append(model.captures().size()).append(" capture(s), ")
                    .append(model.handshakes().size()).append(" handshake(s), ")
                    .append(model.distinctCertificates()).append(" distinct certificate(s), FAIL ")
                    .append(model.fails()).append(", WARN ").append(model.warns()).append(".\n\n");
            out.append("| Capture | SHA-256 | Handshakes | Certificates | Problems |\n|---|---|---|---|---|\n");
        }

        @Override
        void capture(ReportModel.CaptureSummary c) {
            out.append("| ").append(escape(c.file())).append(" | ").append(escape(c.sha256().orElse("not hashed")))
                    .append(" | ").append(c.handshakes()).append(" | ").append(c.certificates()).append(" | ")
                    .append(String.join("<br>", c.problems().stream().map(MarkdownReport::escape).toList())).append(" |\n");
        }

        @Override
        void capturesEnd() {
            out.append('\n');
        }

        @Override
        void handshake(ReportModel.HandshakeSection s) {
            out.append("## ").append(s.worst().name()).append(": ")
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
        void verdictsBegin(ReportModel.HandshakeSection s) {
            out.append("### Verdicts\n\n");
            if (s.verdicts().isEmpty()) {
                out.append("No verdicts.\n\n");
            } else {
                out.append("| Severity | Rule | Certificate | Reason | Remedy |\n|---|---|---|---|---|\n");
            }
        }

        @Override
        void verdict(ReportModel.HandshakeSection s, Verdict v) {
            out.append("| ").append(v.severity().name()).append(" | ").append(v.rule().name()).append(" | ")
                    .append(escape(s.label(v.certificate()))).append(" | ").append(escape(v.message()))
                    .append(" | ").append(escape(v.remedy())).append(" |\n");
        }

        @Override
        void verdictsEnd(ReportModel.HandshakeSection s) {
            if (!s.verdicts().isEmpty()) out.append('\n');
        }

        @Override
        void certificatesBegin(ReportModel.HandshakeSection s) {
            // Each certificate has its own heading.
        }

        @Override
        void certificate(ReportModel.CertificateView c) {
            CertificateDetails d = c.details();
            out.append("### ").append(escape(c.role())).append(" #").append(c.position()).append(" (frame ")
                    .append(c.frame()).append(", ").append(c.worst().name()).append(")\n\n");
            for (String line : CertificateText.lines(d)) out.append("- ").append(escape(line)).append('\n');
            out.append("- SHA-1 Fingerprint: ").append(d.sha1()).append('\n');
            d.parseError().ifPresent(e -> out.append("- Parse error: ").append(escape(e)).append('\n'));
            out.append("\n<details><summary>PEM</summary>\n\n```\n").append(c.pem()).append("```\n\n</details>\n\n");
        }

        @Override
        void handshakeEnd() {
            // Sections end where the next heading starts.
        }

        @Override
        void end() {
            // Nothing closes a Markdown document.
        }
    }
}
