package capcert.report;

import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.x509.CertificateFields;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS (with a print stylesheet), no scripts,
 * nothing fetched. Every piece of text from a capture goes through {@link #escape}.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:80em}
            h1{font-size:1.6em}h2{font-size:1.3em;border-top:2px solid #ccc;padding-top:.6em;margin-top:2em}
            h3{font-size:1.05em}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            code,pre{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}
            pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap}
            .sev{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}
            .FAIL{background:#c62828}.WARN{background:#ef8f00}.UNKNOWN{background:#6a1b9a}.INFO{background:#0277bd}.PASS{background:#2e7d32}
            .chain-diagram{display:flex;flex-wrap:wrap;align-items:center;gap:.4em;margin:.5em 0}
            .chain-box{border:3px solid;border-radius:6px;padding:.4em .7em;min-width:9em;background:#fff}
            .chain-box.b-FAIL{border-color:#c62828;background:#fdecea}.chain-box.b-WARN{border-color:#ef8f00;background:#fff4e0}
            .chain-box.b-INFO{border-color:#0277bd;background:#e6f2fa}.chain-box.b-UNKNOWN{border-color:#6a1b9a;background:#f3e5f5}.chain-box.b-PASS{border-color:#2e7d32;background:#eaf5ea}
            .chain-box small{display:block;color:#555}.arrow{font-size:1.4em;color:#555}
            @media print{body{margin:0;max-width:none}
            h2{page-break-before:auto}section.handshake{page-break-inside:avoid}
            .sev,.chain-box{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            """;

    private HtmlReport() {
    }

    /** Text made safe to place in HTML element content or a quoted attribute. */
    public static String escape(String text) {
        return markup(SafeText.escape(text));
    }

    /** Only the HTML metacharacters escaped: for text of our own making with line breaks, such as PEM. */
    private static String markup(String safe) {
        StringBuilder out = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String render(ReportModel model) {
        return new Html().render(model);
    }

    /** The report written to {@code writer} one handshake at a time. */
    public static void write(ReportModel model, Writer writer) throws IOException {
        new Html().write(model, writer);
    }

    private static final class Html extends ReportFormat {

        @Override
        void begin(ReportModel model) {
            out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                    .append("<title>capcert report</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
            out.append("<h1>capcert support-case report</h1>\n");
            out.append("<table class=\"meta\">")
                    .append(row("Tool version", "capcert " + escape(model.version())))
                    .append(row("Generated", escape(model.generated().toString())))
                    .append(row("Options used", "<code>" + escape(model.commandLine()) + "</code>"))
                    .append(row("Trust lists", model.trustLists().isEmpty() ? "none: trust was not checked"
                            : String.join("<br>", model.trustLists().stream().map(HtmlReport::escape).toList())))
                    .append("</table>\n");
        }

        @Override
        void findings(List<ReportModel.Finding> findings) {
            out.append("<h2 id=\"findings\">Key findings</h2>\n");
            if (findings.isEmpty()) {
                out.append("<p>No FAIL or WARN verdict.</p>\n");
                return;
            }
            out.append("<ol class=\"findings\">\n");
            for (ReportModel.Finding f : findings) {
                out.append("<li>").append(badge(f.severity())).append(" <strong>").append(escape(f.rule())).append("</strong> ")
                        .append(escape(f.certificate())).append(": ").append(escape(f.message()));
                if (!f.remedy().isBlank()) out.append("<br>→ ").append(escape(f.remedy()));
                out.append("<br><small>in ").append(sections(f.sections(), n -> "<a href=\"#" + anchor(n) + "\">" + n + "</a>"))
                        .append("</small></li>\n");
            }
            out.append("</ol>\n");
        }

        @Override
        void captures(ReportModel model) {
            out.append("<h2>Summary</h2>\n<p>").append(escape(summary(model))).append(".</p>\n");
            out.append("<table><tr><th>Capture</th><th>SHA-256</th><th>Handshakes</th><th>Certificates</th><th>FAIL</th>"
                    + "<th>WARN</th><th>Evidence</th><th>Problems</th></tr>\n");
            for (ReportModel.CaptureSummary c : model.captures()) {
                out.append("<tr><td>").append(escape(c.file())).append("</td><td><code>")
                        .append(escape(c.sha256().orElse("not hashed"))).append("</code></td><td>").append(c.handshakes())
                        .append("</td><td>").append(c.certificates()).append("</td><td>").append(c.fails())
                        .append("</td><td>").append(c.warns()).append("</td><td>").append(c.evidence()).append("</td><td>");
                out.append(String.join("<br>", c.problems().stream().map(HtmlReport::escape).toList()));
                out.append("</td></tr>\n");
            }
            out.append("</table>\n");
        }

        @Override
        void contents(List<ReportModel.Heading> sections) {
            if (sections.isEmpty()) return;
            out.append("<h2>Contents</h2>\n<ol class=\"contents\">\n");
            for (ReportModel.Heading s : sections) {
                out.append("<li><a href=\"#").append(anchor(s.number())).append("\">").append(escape(title(s))).append("</a></li>\n");
            }
            out.append("</ol>\n");
        }

        @Override
        void handshake(ReportModel.HandshakeSection s) {
            out.append("<section class=\"handshake\" id=\"").append(anchor(s.number())).append("\">\n<h2>").append(s.number())
                    .append(". ").append(badge(s.worst())).append(' ')
                    .append(escape(s.transport() + " " + s.client() + " → " + s.server() + s.relay().map(r -> " " + r).orElse("")))
                    .append("</h2>\n");
            out.append("<table>")
                    .append(row("Capture", escape(s.capture()) + ", frame " + s.firstFrame() + ", " + escape(s.time().toString())))
                    .append(row("SNI", escape(s.sni().orElse("none"))));
            s.eap().ifPresent(eap -> out.append(row("EAP", escape(eap))));
            out.append(row("Version", escape(s.version().orElse("unknown"))))
                    .append(row("Cipher suite", escape(s.cipherSuite().orElse("not seen"))))
                    .append(row("Certificates", s.decryptedWith().map(k -> "<strong>decrypted</strong> with keys from " + escape(k))
                            .orElse(s.certificates().isEmpty() ? "none read" : "sent in clear text")))
                    .append(row("Alerts", s.alerts().isEmpty() ? "none" : String.join("<br>", s.alerts().stream().map(HtmlReport::escape).toList())));
            if (!s.notes().isEmpty()) out.append(row("Notes", String.join("<br>", s.notes().stream().map(HtmlReport::escape).toList())));
            out.append("</table>\n");
        }

        @Override
        void chain(ReportModel.ChainView chain) {
            out.append("<h3>Chain sent by the ").append(escape(chain.role())).append("</h3>\n<div class=\"chain-diagram\">");
            for (int i = 0; i < chain.boxes().size(); i++) {
                ReportModel.ChainBox b = chain.boxes().get(i);
                if (i > 0) out.append("<span class=\"arrow\">→</span>");
                out.append("<div class=\"chain-box b-").append(b.worst().name()).append("\"><small>")
                        .append(escape(b.kind())).append(" · ").append(b.worst().name()).append("</small>")
                        .append(escape(b.label())).append("<small><code>").append(escape(b.sha256().substring(0, Math.min(16, b.sha256().length()))))
                        .append("…</code></small></div>");
            }
            out.append("</div>\n");
        }

        @Override
        void verdicts(ReportModel.HandshakeSection s) {
            out.append("<h3>Verdicts</h3>\n");
            List<Verdict> shown = s.problemsAndNotes();
            if (!shown.isEmpty()) {
                out.append("<table><tr><th>Severity</th><th>Rule</th><th>Certificate</th><th>Reason</th><th>Remedy</th></tr>\n");
                for (Verdict v : shown) {
                    out.append("<tr><td>").append(badge(v.severity())).append("</td><td>").append(v.rule().name())
                            .append("<br><small>").append(escape(v.rule().title())).append("</small></td><td>")
                            .append(escape(s.label(v.certificate()))).append("</td><td>").append(escape(v.message()))
                            .append("</td><td>").append(escape(v.remedy())).append("</td></tr>\n");
                }
                out.append("</table>\n");
            }
            if (s.passed() > 0) out.append("<p>").append(badge(Severity.PASS)).append(' ').append(count(s.passed(), "check")).append(" passed.</p>\n");
            if (s.verdicts().isEmpty()) out.append("<p>No verdicts.</p>\n");
        }

        @Override
        void certificatesBegin(ReportModel.HandshakeSection s) {
            if (!s.certificates().isEmpty()) out.append("<h3>Certificates</h3>\n");
        }

        @Override
        void certificate(ReportModel.CertificateView c) {
            out.append("<h4>").append(badge(c.worst())).append(' ').append(escape(c.role())).append(" #").append(c.position())
                    .append(" (frame ").append(c.frame()).append(")</h4>\n<table>");
            for (CertificateFields.Field field : c.fields()) {
                out.append(row(escape(field.name()), String.join("<br>", field.value().lines().map(HtmlReport::escape).toList())));
            }
            out.append("</table>\n<details><summary>PEM</summary><pre>").append(markup(c.pem())).append("</pre></details>\n");
        }

        @Override
        void handshakeEnd() {
            out.append("</section>\n");
        }

        @Override
        void evidence(List<ReportModel.EvidenceView> evidence) {
            out.append("<h2 id=\"evidence\">Evidence outside the handshakes</h2>\n<p>Certificates, OCSP messages and CRLs "
                    + "the captures carried besides their handshakes, in frame order.</p>\n<table><tr><th>Capture, frame</th>"
                    + "<th>Where</th><th>What it says</th><th>Certificates</th></tr>\n");
            for (ReportModel.EvidenceView e : evidence) {
                out.append("<tr><td>").append(escape(e.capture())).append(", frame ").append(e.frame()).append("</td><td>")
                        .append(escape(e.transport() + " " + e.client() + " → " + e.server())).append("<br>")
                        .append(escape(e.where())).append("</td><td>")
                        .append(String.join("<br>", e.says().stream().map(HtmlReport::escape).toList())).append("</td><td>")
                        .append(String.join("<br>", e.certificates().stream().map(HtmlReport::escape).toList()))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }

        @Override
        void end() {
            out.append("</body></html>\n");
        }
    }

    private static String row(String name, String valueHtml) {
        return "<tr><th>" + name + "</th><td>" + valueHtml + "</td></tr>\n";
    }

    private static String badge(Severity severity) {
        return "<span class=\"sev " + severity.name() + "\">" + severity.name().toUpperCase(Locale.ROOT) + "</span>";
    }
}
