package capcert.ui;

import capcert.export.CertificateFormat;
import capcert.export.ExportSummary;
import capcert.export.Exporter;
import capcert.check.Verdict;
import capcert.report.HtmlReport;
import capcert.report.ReportModel;
import capcert.tls.CaptureResult;
import capcert.tls.Handshake;
import javafx.concurrent.Task;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Export menu: the selected certificate, its chain, the chain's CA bundle, or everything. */
final class ExportActions {

    private final Supplier<Window> owner;
    private final Dialogs dialogs;
    private final Consumer<String> status;
    private final Executor background;

    ExportActions(Supplier<Window> owner, Dialogs dialogs, Consumer<String> status, Executor background) {
        this.owner = owner;
        this.dialogs = dialogs;
        this.status = status;
        this.background = background;
    }

    void certificate(ChainLayout.Certificate certificate, CertificateFormat format) {
        if (certificate == null) {
            status.accept("Select a certificate in the chain to export it.");
            return;
        }
        save("Export certificate", ChainExports.certificateName(certificate, format), format.extension(),
                ChainExports.certificate(certificate, format));
    }

    void chain(ChainLayout chain) {
        if (chain == null) {
            status.accept("Select a handshake with a certificate chain to export it.");
            return;
        }
        save("Export chain as sent", ChainExports.chainName(chain), "pem", ChainExports.chain(chain));
    }

    void caBundle(ChainLayout chain) {
        if (chain == null) {
            status.accept("Select a handshake with a certificate chain to export its CA certificates.");
            return;
        }
        Optional<byte[]> bundle = ChainExports.caBundle(chain);
        if (bundle.isEmpty()) {
            dialogs.showError(owner.get(), "Export CA bundle", "This chain has no CA certificate",
                    "The peer sent only its own certificate. Get its intermediate and root CA certificates from "
                            + "the CA (or the peer's administrator) for the other side's trusted-CA list.");
            return;
        }
        Optional<Path> written = save("Export CA bundle (for the other peer's trusted-CA list)",
                ChainExports.caBundleName(chain), "pem", bundle.get());
        if (written.isPresent() && chain.missingIssuer().isPresent()) {
            status.accept("Wrote " + written.get() + "; its root was not sent, so it is not in the bundle: "
                    + Labels.safe(chain.missingIssuer().get()));
        }
    }

    /** Every certificate once as .cer and .pem, every chain, and index.json, as {@code capcert export} writes them. */
    void all(List<CaptureResult> captures) {
        if (captures.isEmpty()) {
            status.accept("Open a capture first.");
            return;
        }
        dialogs.chooseDirectory(owner.get(), "Export all certificates and chains into…")
                .ifPresent(dir -> exportAll(List.copyOf(captures), dir, false));
    }

    private void exportAll(List<CaptureResult> captures, Path dir, boolean force) {
        Task<ExportSummary> task = new Task<>() {
            @Override
            protected ExportSummary call() throws IOException {
                return new Exporter(dir, EnumSet.allOf(CertificateFormat.class), force).export(captures);
            }
        };
        task.setOnSucceeded(e -> {
            ExportSummary s = task.getValue();
            status.accept("Wrote " + s.certificates() + " certificate" + (s.certificates() == 1 ? "" : "s") + ", "
                    + s.chains() + " chain" + (s.chains() == 1 ? "" : "s") + " and index.json to " + dir);
        });
        task.setOnFailed(e -> {
            Throwable error = task.getException();
            if (error instanceof FileAlreadyExistsException && !force) {
                if (dialogs.confirm(owner.get(), "Export all", "Files of an earlier export are in " + dir
                        + ".\nOverwrite them?")) {
                    exportAll(captures, dir, true);
                }
            } else {
                dialogs.showError(owner.get(), "Export all", "Nothing more was written to " + dir, describe(error));
            }
        });
        status.accept("Exporting to " + dir + "…");
        background.execute(task);
    }

    /** The support-case report (as {@code capcert report} writes it) of what the window shows, as one HTML page. */
    void report(List<HandshakeRow> rows, String settingsUsed) {
        if (rows.isEmpty()) {
            status.accept("Open a capture with TLS handshakes to write a report of it.");
            return;
        }
        Map<Handshake, List<Verdict>> verdicts = new IdentityHashMap<>();
        Set<CaptureResult> captures = new LinkedHashSet<>();
        for (HandshakeRow row : rows) {
            verdicts.put(row.handshake(), row.assessment().verdicts().orElse(List.of()));
            captures.add(row.capture());
        }
        ReportModel model = ReportModel.of(List.copyOf(captures), h -> verdicts.getOrDefault(h, List.of()),
                ViewerWording.INSTANCE, ReportModel.toolVersion(ExportActions.class.getPackage()),
                "capcert view (" + settingsUsed + ")", Instant.now());
        save("Save support-case report", "capcert-report.html", "html", HtmlReport.render(model).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<Path> save(String title, String suggestedName, String extension, byte[] content) {
        Optional<Path> target = dialogs.chooseSaveFile(owner.get(), title, suggestedName, extension);
        if (target.isEmpty()) return Optional.empty();
        try {
            Files.write(target.get(), content);
            status.accept("Wrote " + target.get() + " (" + content.length + " bytes).");
            return target;
        } catch (IOException e) {
            dialogs.showError(owner.get(), title, "Cannot write " + target.get(), describe(e));
            return Optional.empty();
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getFile() + ": " + f.getReason();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
