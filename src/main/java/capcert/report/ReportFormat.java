package capcert.report;

import capcert.check.Verdict;

/**
 * One format of the support-case report: what it writes for each part of a {@link ReportModel}.
 * {@link #render} walks the model once, in the report's order, and calls these; a format only lays
 * out what it is given and escapes the text from captures for itself.
 */
abstract class ReportFormat {

    protected final StringBuilder out = new StringBuilder();

    /** The model as this format: the walk every format shares. */
    final String render(ReportModel model) {
        begin(model);
        for (ReportModel.CaptureSummary capture : model.captures()) capture(capture);
        capturesEnd();
        for (ReportModel.HandshakeSection section : model.handshakes()) {
            handshake(section);
            for (ReportModel.ChainView chain : section.chains()) chain(chain);
            verdictsBegin(section);
            for (Verdict verdict : section.verdicts()) verdict(section, verdict);
            verdictsEnd(section);
            certificatesBegin(section);
            for (ReportModel.CertificateView certificate : section.certificates()) certificate(certificate);
            handshakeEnd();
        }
        end();
        return out.toString();
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
