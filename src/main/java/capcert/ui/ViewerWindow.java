package capcert.ui;

import capcert.capture.Problem;
import capcert.check.Profile;
import capcert.export.CertificateFormat;
import capcert.tls.CaptureResult;
import capcert.tls.KeyLog;
import capcert.tls.KeyLogException;
import capcert.tls.ScanOptions;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The viewer's window: handshakes on the left, the selected chain and certificate on the right,
 * verdicts below, what to check against on top. Captures are read and checked off the UI thread.
 */
final class ViewerWindow {

    /** What the window works with; tests replace the checker, the dialogs, the store and how files are opened. */
    record Services(VerdictChecker checker, Dialogs dialogs, SettingsStore store, ScanOptions scanOptions,
                    CaptureLoading.Opener opener) {
        static Services production() {
            return new Services(VerdictChecker.ENGINE, new FxDialogs(), SettingsStore.user(), ScanOptions.defaults(),
                    CaptureLoading.Opener.FILES);
        }
    }

    private static final int MAX_PROBLEMS_SHOWN = 50;

    private final Stage stage;
    private final Services services;
    private final Dialogs dialogs;
    private final SettingsStore store;
    private final Evaluator evaluator;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "capcert-read");
        thread.setDaemon(true);
        return thread;
    });

    private final HandshakeTable handshakes = new HandshakeTable();
    private final ChainTree chainTree = new ChainTree();
    private final DetailTabs details = new DetailTabs();
    private final VerdictsPane verdicts = new VerdictsPane(chainTree::selectCertificate);
    private final CheckSettingsBar settingsBar = new CheckSettingsBar(this::addTrustFiles, this::changeSettings);
    private final StatusBar statusBar = new StatusBar(this::cancelLoading);
    private final ExportActions exports;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final CheckMenuItem darkTheme = new CheckMenuItem("_Dark Theme");
    private final ToggleGroup profiles = new ToggleGroup();
    private final Scene scene;

    private final List<CaptureResult> captures = new ArrayList<>();
    /** The key logs loaded so far, merged: every capture is read with them. */
    private KeyLog keyLog = KeyLog.empty();
    private final List<CaptureLoading> loadings = new ArrayList<>();
    /** The newest check of the open handshakes. */
    private Task<Evaluator.Result> checking;
    private ViewerSettings settings;

    ViewerWindow(Stage stage, Services services) {
        this.stage = stage;
        this.services = services;
        this.dialogs = services.dialogs();
        this.store = services.store();
        this.evaluator = new Evaluator(services.checker());
        this.settings = store.load();
        this.exports = new ExportActions(() -> stage, dialogs, statusBar::say, background);

        handshakes.selectedRowProperty().addListener((obs, old, row) -> showHandshake(old, row));
        chainTree.selectedCertificateProperty().addListener((obs, old, certificate) -> details.showCertificate(certificate));

        BorderPane root = new BorderPane();
        root.setTop(new VBox(menuBar(), settingsBar));
        root.setCenter(layout());
        root.setBottom(statusBar);
        scene = new Scene(root);
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) openDropped(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(files);
            e.consume();
        });

        stage.setTitle("capcert");
        stage.setScene(scene);
        // Fits a 1366×768 laptop screen with its task bar; larger screens get a comfortable window.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(1280, screen.getWidth()));
        stage.setHeight(Math.min(800, screen.getHeight()));
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.setOnHidden(e -> {
            cancelLoading();
            background.shutdownNow();
            evaluator.shutdown();
        });
        applySettings();
    }

    void show() {
        stage.show();
        handshakes.table().requestFocus();
    }

    /** Reads the captures in the background and adds them; ones already open or being read are not read twice. */
    void open(List<Path> files) {
        Set<Path> open = new LinkedHashSet<>();
        for (CaptureResult c : captures) open.add(c.file().toAbsolutePath().normalize());
        for (CaptureLoading l : loadings) l.files().forEach(f -> open.add(f.toAbsolutePath().normalize()));
        List<Path> fresh = files.stream().filter(f -> !open.contains(f.toAbsolutePath().normalize())).distinct().toList();
        if (fresh.isEmpty()) {
            if (!files.isEmpty()) statusBar.say("Already open: " + files.get(0).getFileName());
            return;
        }
        ViewerSettings updated = settings;
        for (int i = fresh.size() - 1; i >= 0; i--) updated = updated.withRecent(fresh.get(i));
        settings = updated;
        store.save(settings);
        refreshRecentMenu();

        List<CaptureResult> troubled = new ArrayList<>();
        CaptureLoading loading = new CaptureLoading(fresh, services.scanOptions().withKeyLog(keyLog), services.opener(), result -> {
            captures.add(result);
            if (!result.problems().isEmpty()) troubled.add(result);
            updateTitle();
            recheck(false, false);
        });
        loadings.add(loading);
        loading.setOnRunning(e -> statusBar.follow(loading, true));
        loading.setOnSucceeded(e -> loadingEnded(loading, troubled, "Read " + captures.size() + " capture" + (captures.size() == 1 ? "" : "s") + "."));
        loading.setOnCancelled(e -> loadingEnded(loading, troubled, "Cancelled; the captures read before the cancel are shown."));
        loading.setOnFailed(e -> {
            loadingEnded(loading, troubled, "Reading failed.");
            dialogs.showError(stage, "Open captures", "Reading stopped on an internal error", String.valueOf(loading.getException()));
        });
        background.execute(loading);
    }

    /** Dropped files: key logs (told by their content) are loaded, the rest opened as captures. */
    void openDropped(List<Path> files) {
        List<Path> keyLogs = files.stream().filter(KeyLog::looksLikeKeyLog).toList();
        List<Path> others = files.stream().filter(f -> !keyLogs.contains(f)).toList();
        if (!keyLogs.isEmpty()) loadKeyLogs(keyLogs);
        if (!others.isEmpty()) open(others);
    }

    /**
     * Adds key logs to those every capture is read with, and reads the open captures again with
     * them: decryption happens while a capture is read.
     */
    void loadKeyLogs(List<Path> files) {
        if (files.isEmpty()) return;
        KeyLog merged = keyLog;
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                KeyLog read = KeyLog.read(file);
                if (read.isEmpty()) errors.add(file + ": no TLS 1.3 secret in it");
                merged = merged.merge(read);
            } catch (KeyLogException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) dialogs.showError(stage, "Key logs", "A key log could not be used", String.join("\n", errors));
        if (merged == keyLog) return;
        keyLog = merged;
        List<Path> reread = captures.stream().map(CaptureResult::file).toList();
        statusBar.say("Key logs: secrets of " + keyLog.handshakes() + " handshake" + (keyLog.handshakes() == 1 ? "" : "s")
                + (reread.isEmpty() ? "" : "; reading the open captures again"));
        if (reread.isEmpty()) return;
        cancelLoading();
        captures.clear();
        open(reread);
    }

    private void loadingEnded(CaptureLoading loading, List<CaptureResult> troubled, String message) {
        loadings.remove(loading);
        if (loadings.isEmpty()) {
            // Checking what was read goes on after the reading: show its progress; it says when it is done.
            if (checking != null && !checking.isDone()) statusBar.follow(checking, false);
            else statusBar.say(message);
        }
        if (!troubled.isEmpty()) showProblems(troubled);
    }

    /** One dialog per batch of captures, listing each file's problems; what was read stays shown. */
    private void showProblems(List<CaptureResult> troubled) {
        StringBuilder text = new StringBuilder();
        for (CaptureResult result : troubled) {
            text.append(result.file()).append(result.handshakes().isEmpty() ? " (nothing read):" : " (" + result.handshakes().size()
                    + " handshake" + (result.handshakes().size() == 1 ? "" : "s") + " read and shown):").append('\n');
            List<Problem> problems = result.problems();
            for (Problem p : problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size()))) {
                text.append("  ").append(Labels.safe(ViewerWording.INSTANCE.describe(p))).append('\n');
            }
            if (problems.size() > MAX_PROBLEMS_SHOWN) text.append("  … and ").append(problems.size() - MAX_PROBLEMS_SHOWN).append(" more\n");
        }
        String summary = troubled.size() == 1
                ? troubled.get(0).file().getFileName() + ": " + ViewerWording.INSTANCE.text(troubled.get(0).problems().get(0))
                : troubled.size() + " captures have problems";
        dialogs.showError(stage, "Problems reading captures", Labels.safe(summary), text.toString().strip());
    }

    private void cancelLoading() {
        for (CaptureLoading loading : List.copyOf(loadings)) loading.cancel();
    }

    private void closeAll() {
        cancelLoading();
        captures.clear();
        updateTitle();
        recheck(false, false);
    }

    /** Checks every open handshake again off the UI thread; the table follows as it goes. */
    private void recheck(boolean all, boolean reportTrustErrors) {
        checking = evaluator.evaluate(captures, settings, all, handshakes::setRows, result -> {
            handshakes.setRows(result.rows());
            if (loadings.isEmpty()) statusBar.say(result.rows().size() + " handshake" + (result.rows().size() == 1 ? "" : "s")
                    + (settings.trustFiles().isEmpty() ? "; no trust list set" : ""));
            if (reportTrustErrors && !result.trustErrors().isEmpty()) {
                dialogs.showError(stage, "Trust lists", "A trust list could not be read; verdicts are checked without it",
                        String.join("\n", result.trustErrors()));
            }
        });
        if (loadings.isEmpty()) statusBar.follow(checking, false);
    }

    private void changeSettings(UnaryOperator<ViewerSettings> edit) {
        ViewerSettings updated = edit.apply(settings);
        if (updated.equals(settings)) return;
        boolean checkChanged = !updated.trustFiles().equals(settings.trustFiles())
                || !updated.expectedNames().equals(settings.expectedNames()) || updated.profile() != settings.profile();
        boolean trustChanged = !updated.trustFiles().equals(settings.trustFiles());
        settings = updated;
        store.save(settings);
        applySettings();
        if (checkChanged) recheck(false, trustChanged);
    }

    private void addTrustFiles() {
        List<Path> chosen = dialogs.chooseTrustFiles(stage);
        if (chosen.isEmpty()) return;
        changeSettings(s -> {
            List<Path> files = new ArrayList<>(s.trustFiles());
            for (Path p : chosen) if (!files.contains(p)) files.add(p);
            return s.withTrustFiles(files);
        });
    }

    private void applySettings() {
        settingsBar.show(settings);
        darkTheme.setSelected(settings.darkTheme());
        profiles.getToggles().forEach(t -> t.setSelected(t.getUserData() == settings.profile()));
        scene.getStylesheets().setAll(stylesheet("viewer.css"));
        if (settings.darkTheme()) scene.getStylesheets().add(stylesheet("dark.css"));
        refreshRecentMenu();
    }

    private static String stylesheet(String name) {
        return Objects.requireNonNull(ViewerWindow.class.getResource(name), name).toExternalForm();
    }

    private void showHandshake(HandshakeRow old, HandshakeRow row) {
        // The same handshake re-checked: keep the certificate the user was looking at.
        String keep = old != null && row != null && old.handshake() == row.handshake()
                && chainTree.selectedCertificateProperty().get() != null
                ? chainTree.selectedCertificateProperty().get().details().sha256() : null;
        if (row == null) {
            chainTree.clear();
            verdicts.show(null, List.of());
        } else {
            List<ChainLayout> chains = ChainLayout.of(row.handshake());
            chainTree.show(chains, row.assessment(),
                    row.handshake().notes().stream().map(ViewerWording.INSTANCE::text).toList());
            verdicts.show(row, chains);
            if (keep != null) chainTree.selectCertificate(keep);
        }
        details.showHandshake(row);
        if (chainTree.selectedCertificateProperty().get() == null) details.showCertificate(null);
    }

    private void updateTitle() {
        stage.setTitle(captures.isEmpty() ? "capcert" : "capcert — " + captures.get(0).file().getFileName()
                + (captures.size() > 1 ? " and " + (captures.size() - 1) + " more" : ""));
    }

    private SplitPane layout() {
        VBox chainBox = titled("Chain (root at top)", chainTree);
        SplitPane right = new SplitPane(chainBox, details);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        SplitPane top = new SplitPane(handshakes, right);
        top.setDividerPositions(0.56);
        SplitPane.setResizableWithParent(handshakes, false);
        VBox verdictBox = titled("Verdicts", verdicts);
        SplitPane all = new SplitPane(top, verdictBox);
        all.setOrientation(Orientation.VERTICAL);
        // The top panes ask for more height than a 1366×768 screen leaves; without this the verdicts get one row.
        top.setMinHeight(0);
        all.setDividerPositions(0.66);
        handshakes.setStyle("-fx-padding: 4;");
        return all;
    }

    private static VBox titled(String title, Node content) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        VBox box = new VBox(label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private MenuBar menuBar() {
        MenuItem open = item("_Open Captures…", "Shortcut+O", () -> open(dialogs.chooseCaptures(stage)));
        open.setId("menu-open");
        MenuItem keyLogs = item("Load _Key Log…", "Shortcut+K", () -> loadKeyLogs(dialogs.chooseKeyLogs(stage)));
        keyLogs.setId("menu-keylog");
        MenuItem close = item("_Close All", "Shortcut+W", this::closeAll);
        MenuItem quit = item("_Quit", "Shortcut+Q", stage::close);
        Menu file = new Menu("_File", null, open, recentMenu, keyLogs, close, new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        recentMenu.setId("menu-recent");

        MenuItem certCer = item("Certificate as ._cer (DER)…", "Shortcut+E",
                () -> exports.certificate(chainTree.selectedCertificateProperty().get(), CertificateFormat.DER));
        certCer.setId("menu-export-cer");
        MenuItem certPem = item("Certificate as ._pem…", "Shortcut+Shift+E",
                () -> exports.certificate(chainTree.selectedCertificateProperty().get(), CertificateFormat.PEM));
        certPem.setId("menu-export-pem");
        MenuItem chain = item("C_hain as Sent (.pem)…", null, () -> exports.chain(chainTree.selectedChainProperty().get()));
        chain.setId("menu-export-chain");
        MenuItem bundle = item("CA _Bundle for a Trusted-CA List (.pem)…", null,
                () -> exports.caBundle(chainTree.selectedChainProperty().get()));
        bundle.setId("menu-export-bundle");
        MenuItem all = item("_All Certificates and Chains…", null, () -> exports.all(captures));
        all.setId("menu-export-all");
        MenuItem report = item("Support-Case _Report (.html)…", "Shortcut+R", () -> exports.report(handshakes.allRows(),
                "trust lists: " + settings.trustFiles() + "; expected names: " + settings.expectedNames()
                        + "; profile: " + settings.profile()));
        report.setId("menu-export-report");
        Menu export = new Menu("_Export", null, certCer, certPem, chain, bundle, new SeparatorMenuItem(), all, report);
        export.setId("menu-export");

        MenuItem addTrust = item("Add _Trust List…", "Shortcut+T", this::addTrustFiles);
        MenuItem names = item("Expected _Names", "Shortcut+N", () -> settingsBar.namesField().requestFocus());
        Menu profile = new Menu("_Profile");
        for (Profile p : Profile.values()) {
            RadioMenuItem choice = new RadioMenuItem(p == Profile.EXPRESSWAY ? "_Expressway / MRA" : "_Generic TLS");
            choice.setUserData(p);
            choice.setToggleGroup(profiles);
            choice.setOnAction(e -> changeSettings(s -> s.withProfile(p)));
            profile.getItems().add(choice);
        }
        MenuItem again = item("_Re-check (re-read trust lists)", "F5", () -> recheck(true, true));
        Menu check = new Menu("_Check", null, addTrust, names, profile, again);

        darkTheme.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        darkTheme.setOnAction(e -> changeSettings(s -> s.withDarkTheme(darkTheme.isSelected())));
        Menu view = new Menu("_View", null,
                item("_Filter Handshakes", "Shortcut+F", () -> handshakes.filterField().requestFocus()),
                item("_Handshakes", "Shortcut+1", () -> handshakes.table().requestFocus()),
                item("_Chain", "Shortcut+2", chainTree::requestFocus),
                item("_Decoded Fields", "Shortcut+3", () -> {
                    details.getSelectionModel().select(0);
                    details.decoded().table().requestFocus();
                }),
                item("_Verdicts", "Shortcut+4", verdicts::requestFocus),
                new SeparatorMenuItem(), darkTheme);

        Menu help = new Menu("_Help", null,
                item("_Keyboard Shortcuts", "F1", this::showShortcuts),
                item("_About capcert", null, this::showAbout));
        MenuBar bar = new MenuBar(file, export, check, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void refreshRecentMenu() {
        List<MenuItem> items = new ArrayList<>();
        int n = 1;
        for (Path path : settings.recentFiles()) {
            MenuItem item = new MenuItem((n <= 9 ? "_" + n + " " : "") + path.getFileName() + "  (" + path.getParent() + ")");
            item.setId("recent-" + (n - 1));
            item.setOnAction(e -> open(List.of(path)));
            items.add(item);
            n++;
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("No recent captures");
            none.setDisable(true);
            items.add(none);
        } else {
            items.add(new SeparatorMenuItem());
            items.add(item("Clear Recent", null, () -> changeSettings(ViewerSettings::withoutRecent)));
        }
        recentMenu.getItems().setAll(items);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    @SuppressWarnings("StringConcatToTextBlock") // a line per shortcut, as the dialog shows them
    private void showShortcuts() {
        info("Keyboard shortcuts", String.join("\n",
                "Ctrl+O  open captures (or drop files on the window)",
                "Ctrl+K  load a key log (SSLKEYLOGFILE) to decrypt TLS 1.3, QUIC and DTLS 1.3 certificates",
                "Ctrl+F  filter handshakes; Enter or ↓ goes to the table, Esc clears",
                "Ctrl+1 / 2 / 3 / 4  handshakes / chain / decoded fields / verdicts",
                "↑ ↓  move in a table or the chain; Tab  next pane",
                "Ctrl+C  copy the selected field's value",
                "Ctrl+E / Ctrl+Shift+E  export the selected certificate as .cer / .pem",
                "Ctrl+R  save the support-case report (.html)",
                "Ctrl+T  add a trust list; Ctrl+N  expected names; F5  re-check",
                "Ctrl+Shift+D  dark theme; Ctrl+W  close all; Ctrl+Q  quit",
                "Alt  opens the menus by their underlined letters"));
    }

    private void showAbout() {
        String version = ViewerWindow.class.getPackage().getImplementationVersion();
        info("About capcert", "capcert " + (version == null ? "(development build)" : version)
                + "\nX.509 certificates from packet captures, and why a TLS chain is or is not trusted.");
    }

    private void info(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text);
        alert.initOwner(stage);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.show();
    }
}
