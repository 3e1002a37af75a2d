package capcert.report;

import capcert.check.Verdict;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One format of the support-case report: what it writes for each part of a {@link ReportModel}.
 * {@link #write} walks the model once, in the report's order, and calls these; a format only lays
 * out what it is given and escapes the text from captures for itself.
 */
abstract class ReportFormat {

    /** What the format has laid out and not yet written: a part of the report at most. */
    protected final StringBuilder out = new StringBuilder();

    /** The model as this format, written to {@code writer} as it is made: the walk every format shares. */
    final void write(ReportModel model, Writer writer) throws IOException {
        begin(model);
        for (ReportModel.CaptureSummary capture : model.captures()) capture(capture);
        capturesEnd();
        flush(writer);
        for (ReportModel.HandshakeSection section : model.handshakes()) {
            handshake(section);
            for (ReportModel.ChainView chain : section.chains()) chain(chain);
            verdictsBegin(section);
            for (Verdict verdict : section.verdicts()) verdict(section, verdict);
            verdictsEnd(section);
            certificatesBegin(section);
            for (ReportModel.CertificateView certificate : section.certificates()) certificate(certificate);
            handshakeEnd();
            flush(writer);
        }
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

    /** The title, the run's facts and the summary line, up to the table of captures. */
    abstract void begin(ReportModel model);

    /** One row of the table of captures. */
    abstract void capture(ReportModel.CaptureSummary capture);

    abstract void capturesEnd();

    /** A handshake's heading and facts: where it was seen, SNI, version, suite, alerts, notes. */
    abstract void handshake(ReportModel.HandshakeSection section);

    /** The diagram of one chain as sent. */
    abstract void chain(ReportModel.ChainView chain);

    /** Before the handshake's verdicts (there may be none). */
    abstract void verdictsBegin(ReportModel.HandshakeSection section);

    abstract void verdict(ReportModel.HandshakeSection section, Verdict verdict);

    abstract void verdictsEnd(ReportModel.HandshakeSection section);

    /** Before the handshake's certificates (there may be none). */
    abstract void certificatesBegin(ReportModel.HandshakeSection section);

    /** One certificate: its fields, fingerprints and PEM. */
    abstract void certificate(ReportModel.CertificateView certificate);

    abstract void handshakeEnd();

    abstract void end();
}
