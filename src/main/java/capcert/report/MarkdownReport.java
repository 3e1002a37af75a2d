package capcert.report;

import capcert.check.Verdict;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateText;

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
        StringBuilder m = new StringBuilder();
        m.append("# capcert support-case report\n\n");
        m.append("- Tool version: capcert ").append(escape(model.version())).append('\n');
        m.append("- Generated: ").append(model.generated()).append('\n');
        m.append("- Options used: `").append(SafeText.escape(model.commandLine()).replace("`", "'")).append("`\n\n");

        m.append("## Summary\n\n").append(model.captures().size()).append(" capture(s), ")
                .append(model.handshakes().size()).append(" handshake(s), ")
                .append(model.distinctCertificates()).append(" distinct certificate(s), FAIL ")
                .append(model.fails()).append(", WARN ").append(model.warns()).append(".\n\n");
        m.append("| Capture | SHA-256 | Handshakes | Certificates | Problems |\n|---|---|---|---|---|\n");
        for (ReportModel.CaptureSummary c : model.captures()) {
            m.append("| ").append(escape(c.file())).append(" | ").append(escape(c.sha256().orElse("not hashed")))
                    .append(" | ").append(c.handshakes()).append(" | ").append(c.certificates()).append(" | ")
                    .append(String.join("<br>", c.problems().stream().map(MarkdownReport::escape).toList())).append(" |\n");
        }
        m.append('\n');
        for (ReportModel.HandshakeSection s : model.handshakes()) handshake(m, s);
        return m.toString();
    }

    private static void handshake(StringBuilder m, ReportModel.HandshakeSection s) {
        m.append("## ").append(s.worst().name()).append(": ")
                .append(escape(s.transport() + " " + s.client() + " → " + s.server() + s.relay().map(r -> " " + r).orElse("")))
                .append("\n\n");
        m.append("- Capture: ").append(escape(s.capture())).append(", frame ").append(s.firstFrame()).append(", ")
                .append(s.time()).append('\n');
        m.append("- SNI: ").append(escape(s.sni().orElse("none"))).append('\n');
        s.eap().ifPresent(eap -> m.append("- EAP: ").append(escape(eap)).append('\n'));
        m.append("- Version: ").append(escape(s.version().orElse("unknown"))).append('\n');
        m.append("- Cipher suite: ").append(escape(s.cipherSuite().orElse("not seen"))).append('\n');
        m.append("- Certificates: ").append(s.decryptedWith().map(k -> "**decrypted** with keys from " + escape(k))
                .orElse(s.certificates().isEmpty() ? "none read" : "sent in clear text")).append('\n');
        m.append("- Alerts: ").append(s.alerts().isEmpty() ? "none"
                : String.join("; ", s.alerts().stream().map(MarkdownReport::escape).toList())).append('\n');
        for (String note : s.notes()) m.append("- Note: ").append(escape(note)).append('\n');
        m.append('\n');

        for (ReportModel.ChainView chain : s.chains()) {
            m.append("Chain sent by the ").append(escape(chain.role())).append(": ");
            for (int i = 0; i < chain.boxes().size(); i++) {
                ReportModel.ChainBox b = chain.boxes().get(i);
                if (i > 0) m.append(" → ");
                m.append("**").append(escape(b.label())).append("** (").append(b.kind()).append(", ")
                        .append(b.worst().name()).append(')');
            }
            m.append("\n\n");
        }

        m.append("### Verdicts\n\n");
        if (s.verdicts().isEmpty()) {
            m.append("No verdicts.\n\n");
        } else {
            m.append("| Severity | Rule | Certificate | Reason | Remedy |\n|---|---|---|---|---|\n");
            for (Verdict v : s.verdicts()) {
                m.append("| ").append(v.severity().name()).append(" | ").append(v.rule().name()).append(" | ")
                        .append(escape(s.label(v.certificate()))).append(" | ").append(escape(v.message()))
                        .append(" | ").append(escape(v.remedy())).append(" |\n");
            }
            m.append('\n');
        }

        for (ReportModel.CertificateView c : s.certificates()) {
            CertificateDetails d = c.details();
            m.append("### ").append(escape(c.role())).append(" #").append(c.position()).append(" (frame ")
                    .append(c.frame()).append(", ").append(c.worst().name()).append(")\n\n");
            for (String line : CertificateText.lines(d)) m.append("- ").append(escape(line)).append('\n');
            m.append("- SHA-1 Fingerprint: ").append(d.sha1()).append('\n');
            d.parseError().ifPresent(e -> m.append("- Parse error: ").append(escape(e)).append('\n'));
            m.append("\n<details><summary>PEM</summary>\n\n```\n").append(c.pem()).append("```\n\n</details>\n\n");
        }
    }
}
