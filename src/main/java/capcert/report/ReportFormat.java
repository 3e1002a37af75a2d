package capcert.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One format of the support-case report: what it writes for each part of a {@link ReportModel}.
 * {@link #write} walks the model once, in the report's order: what a reader needs first (the key
 * findings, the captures, the contents), then each handshake worst first, then the evidence the
 * captures carried. A format only lays out what it is given and escapes the text from captures
 * for itself.
 */
abstract class ReportFormat {

    /** What the format has laid out and not yet written: a part of the report at most. */
    protected final StringBuilder out = new StringBuilder();

    /** The model as this format, written to {@code writer} as it is made: the walk every format shares. */
    final void write(ReportModel model, Writer writer) throws IOException {
        begin(model);
        findings(model.findings());
        captures(model);
        contents(model.contents());
        flush(writer);
        for (ReportModel.HandshakeSection section : model.handshakes()) {
            handshake(section);
            for (ReportModel.ChainView chain : section.chains()) chain(chain);
            verdicts(section);
            certificatesBegin(section);
            for (ReportModel.CertificateView certificate : section.certificates()) certificate(certificate);
            handshakeEnd();
            flush(writer);
        }
        if (!model.evidence().isEmpty()) evidence(model.evidence());
        end();
        flush(writer);
    }

    /** The model as this format, whole, for a report small enough to hold (the viewer's, tests). */
    final String render(ReportModel model) {
        StringWriter text = new StringWriter();
        try {
            write(model, text);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    private void flush(Writer writer) throws IOException {
        writer.append(out);
        out.setLength(0);
    }

    /** The title and the run's facts: tool version, time, options, trust lists. */
    abstract void begin(ReportModel model);

    /** Each distinct FAIL and WARN once, with the sections it was found in (there may be none). */
    abstract void findings(List<ReportModel.Finding> findings);

    /** The summary line and the table of captures, with their FAIL and WARN counts. */
    abstract void captures(ReportModel model);

    /** The table of contents: one line per handshake section. */
    abstract void contents(List<ReportModel.Heading> sections);

    /** A handshake's heading and facts: where it was seen, SNI, version, suite, alerts, notes. */
    abstract void handshake(ReportModel.HandshakeSection section);

    /** The diagram of one chain as sent. */
    abstract void chain(ReportModel.ChainView chain);

    /** The FAIL, WARN and INFO verdicts, then how many checks passed. */
    abstract void verdicts(ReportModel.HandshakeSection section);

    /** Before the handshake's certificates (there may be none). */
    abstract void certificatesBegin(ReportModel.HandshakeSection section);

    /** One certificate: every decoded field, its fingerprints and PEM. */
    abstract void certificate(ReportModel.CertificateView certificate);

    abstract void handshakeEnd();

    /** Certificates, OCSP messages and CRLs the captures carried outside their handshakes. */
    abstract void evidence(List<ReportModel.EvidenceView> evidence);

    abstract void end();

    /** {@code "1 handshake"}, {@code "2 handshakes"}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code "3 captures, 4 handshakes, 5 distinct certificates, 2 FAIL, 1 WARN"}. */
    static String summary(ReportModel model) {
        return count(model.captures().size(), "capture") + ", " + count(model.handshakes().size(), "handshake") + ", "
                + count(model.distinctCertificates(), "distinct certificate") + ", " + model.fails() + " FAIL, "
                + model.warns() + " WARN";
    }

    /** The id a section's heading has in a page, for the contents and the findings to link to. */
    static String anchor(int section) {
        return "h" + section;
    }

    /** {@code "sections 1, 4 and 7"}, {@code "section 2"}. */
    static String sections(List<Integer> numbers) {
        return sections(numbers, String::valueOf);
    }

    /** The same, each number written by {@code name} (a link, in a page). */
    static String sections(List<Integer> numbers, IntFunction<String> name) {
        if (numbers.size() == 1) return "section " + name.apply(numbers.get(0));
        List<String> names = numbers.stream().map(name::apply).toList();
        return "sections " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** A section's title: {@code "FAIL: tcp 10.0.0.2:5000 → 10.0.0.1:443, SNI a.example (x.pcap #1)"}. */
    static String title(ReportModel.Heading s) {
        return s.worst().name() + ": " + s.transport() + " " + s.client() + " → " + s.server()
                + s.relay().map(r -> " " + r).orElse("")
                + s.sni().map(name -> ", SNI " + name).or(() -> s.eap().map(eap -> ", " + eap)).orElse("")
                + " (" + s.capture() + " #" + s.firstFrame() + ")";
    }
}
