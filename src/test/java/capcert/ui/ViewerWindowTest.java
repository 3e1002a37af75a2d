package capcert.ui;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.export.CertificateFiles;
import capcert.tls.CertificateEntry;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateFields;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window on the headless Monocle platform, driven as a user would: keyboard shortcuts, clicks,
 * typing; captures really read from test-captures/, files really written. File choosers are answered
 * by {@link TestDialogs}. Verdicts come from the real engine ({@link Checker#check}) unless a test hands
 * the window a canned checker, to pin down how the window shows verdicts whatever the engine says.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerWindowTest {

    private static final byte[] LEAF = ShippedPki.der("server.crt");
    private static final byte[] INTERMEDIATE = ShippedPki.der("intermediate-ca.crt");
    private static final byte[] ROOT = ShippedPki.der("root-ca.crt");

    @TempDir
    Path dir;

    private final Preferences prefs = Preferences.userRoot().node("capcert-test-" + UUID.randomUUID());
    private final TestDialogs dialogs = new TestDialogs();
    private final List<CheckOptions> checked = new CopyOnWriteArrayList<>();
    private volatile VerdictChecker checker = VerdictChecker.ENGINE;
    private volatile CaptureLoading.Opener opener = CaptureLoading.Opener.FILES;

    @Start
    void start(Stage stage) {
        VerdictChecker recording = options -> handshake -> {
            checked.add(options);
            return checker.with(options).apply(handshake);
        };
        window = new ViewerWindow(stage, new ViewerWindow.Services(recording, dialogs, new SettingsStore(prefs),
                ScanOptions.defaults(), file -> opener.open(file)));
        window.show();
    }

    private ViewerWindow window;

    @AfterEach
    void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    // --- opening, the chain, export ---

    @Test
    void openSelectSeeTheChainAndExportTheLeafAsDerAndPem(FxRobot robot) throws Exception {
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);

        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(0).queryAs(Node.class));
        TreeView<ChainTree.Node> tree = control(robot, "#chain-tree");
        waitUntil(() -> tree.getExpandedItemCount() == 4);
        // Root at the top, leaf at the bottom, as certificate viewers draw a path.
        assertEquals("Server's chain · 3 certificates · frame 9", text(tree, 0));
        assertEquals("capcert Test Root CA  #2", text(tree, 1));
        assertEquals("capcert Test Intermediate CA  #1", text(tree, 2));
        assertEquals("server.capcert.test  #0", text(tree, 3));
        assertEquals(3, tree.getSelectionModel().getSelectedIndex(), "the leaf is selected first");
        assertTrue(decodedValue(robot, "Subject").contains("CN=server.capcert.test"));
        assertEquals("TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)\nTLS Web Client Authentication (1.3.6.1.5.5.7.3.2)",
                decodedValue(robot, "Extended key usage"));

        Path cer = dir.resolve("leaf.cer");
        dialogs.saveTargets.add(cer);
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        waitUntil(() -> Files.exists(cer));
        assertArrayEquals(LEAF, Files.readAllBytes(cer), "the leaf exactly as the server sent it");
        assertEquals(CertificateDetails.decode(LEAF).sha256().substring(0, 16) + "_server.capcert.test.cer",
                dialogs.suggestedNames.get(0));

        robot.clickOn("capcert Test Intermediate CA  #1");
        assertTrue(decodedValue(robot, "Basic constraints").startsWith("CA: yes, path length 0"));
        Path pem = dir.resolve("intermediate.pem");
        dialogs.saveTargets.add(pem);
        robot.clickOn("#menu-export").clickOn("#menu-export-pem");
        waitUntil(() -> Files.exists(pem));
        assertEquals(CertificateFiles.pem(INTERMEDIATE), Files.readString(pem, StandardCharsets.US_ASCII));
        assertArrayEquals(INTERMEDIATE, CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))).getEncoded());

        robot.clickOn("PEM");
        assertEquals(CertificateFiles.pem(INTERMEDIATE), robot.lookup("#pem-text").queryAs(TextArea.class).getText());
    }

    @Test
    void chainCaBundleAndEverythingAreExported(FxRobot robot) throws Exception {
        open(robot, ShippedPki.UNKNOWN_CA);
        waitUntil(() -> handshakes(robot).getItems().size() == 1);

        Path chain = dir.resolve("chain.pem");
        dialogs.saveTargets.add(chain);
        robot.clickOn("#menu-export").clickOn("#menu-export-chain");
        waitUntil(() -> Files.exists(chain));
        assertEquals(CertificateFiles.pemBundle(List.of(LEAF, INTERMEDIATE, ROOT)), Files.readString(chain));

        Path bundle = dir.resolve("ca-bundle.pem");
        dialogs.saveTargets.add(bundle);
        robot.clickOn("#menu-export").clickOn("#menu-export-bundle");
        waitUntil(() -> Files.exists(bundle));
        assertEquals(CertificateFiles.pemBundle(List.of(ROOT, INTERMEDIATE)), Files.readString(bundle),
                "root first, no leaf: what the other peer's trusted-CA list needs");

        Path out = dir.resolve("all");
        dialogs.directory = out;
        robot.clickOn("#menu-export").clickOn("#menu-export-all");
        waitUntil(() -> Files.exists(out.resolve("index.json")));
        String name = CertificateDetails.decode(LEAF).sha256().substring(0, 16) + "_server.capcert.test";
        assertArrayEquals(LEAF, Files.readAllBytes(out.resolve(name + ".cer")));

        // Again into the same folder: the user is asked before anything is overwritten.
        robot.clickOn("#menu-export").clickOn("#menu-export-all");
        waitUntil(() -> dialogs.confirmations.size() == 1);
        assertTrue(dialogs.confirmations.get(0).contains("Overwrite"));
    }

    // --- verdicts ---

    @Test
    void failVerdictShowsAsBadgesOnTheRowAndTheCertificateWithReasonAndRemedy(FxRobot robot) {
        String root = CertificateDetails.decode(ROOT).sha256();
        String leaf = CertificateDetails.decode(LEAF).sha256();
        // Canned verdicts, so the badges on the tree are pinned down whatever the engine's rules say.
        checker = options -> handshake -> handshake.certificates().isEmpty() ? List.of() : List.of(
                new Verdict(Rule.CH2, Severity.FAIL, Optional.of(root), "The client does not trust capcert Test Root CA",
                        "Add capcert Test Root CA to the client's trusted-CA list"),
                Verdict.pass(Rule.VD1, leaf, "Valid at the time of the handshake"));
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);

        assertEquals("FAIL", robot.from(table).lookup(".badge").queryAs(Label.class).getText());
        TableView<Verdict> verdicts = control(robot, "#verdicts-table");
        waitUntil(() -> verdicts.getItems().size() == 2);
        assertEquals(Rule.CH2, verdicts.getItems().get(0).rule());
        assertTrue(robot.from(verdicts).lookup((Text t) -> t.getText().equals("Add capcert Test Root CA to the client's trusted-CA list"))
                .tryQuery().isPresent(), "the remedy is on screen");
        TreeView<ChainTree.Node> tree = control(robot, "#chain-tree");
        assertEquals(Optional.of(Severity.FAIL), tree.getTreeItem(1).getValue().severity(), "root");
        assertEquals(Optional.empty(), tree.getTreeItem(2).getValue().severity(), "intermediate: no verdict about it");
        assertEquals(Optional.of(Severity.PASS), tree.getTreeItem(3).getValue().severity(), "leaf");

        robot.clickOn(robot.from(verdicts).lookup(".table-row-cell").nth(0).queryAs(Node.class));
        assertEquals(1, tree.getSelectionModel().getSelectedIndex(), "choosing a verdict shows its certificate");
        assertTrue(decodedValue(robot, "Subject").startsWith("CN=capcert Test Root CA"));

        ComboBox<VerdictFilter> filter = control(robot, "#verdict-filter");
        robot.interact(() -> filter.setValue(VerdictFilter.PASS));
        assertEquals(0, table.getItems().size());
        assertEquals("0 of 1 handshakes", robot.lookup("#handshake-count").queryAs(Label.class).getText());
        robot.interact(() -> filter.setValue(VerdictFilter.FAIL));
        assertEquals(1, table.getItems().size());
    }

    @Test
    void theRealEngineFailsTheUnknownCaHandshakeOnTheClientsAlert(FxRobot robot) {
        checker = VerdictChecker.ENGINE;
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);

        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(0).queryAs(Node.class));
        assertEquals("FAIL", robot.from(table).lookup(".badge").queryAs(Label.class).getText());
        TableView<Verdict> verdicts = control(robot, "#verdicts-table");
        waitUntil(() -> !verdicts.getItems().isEmpty());
        // Worst first: the client's fatal unknown_ca alert after the server's chain (frame 16).
        Node first = robot.from(verdicts).lookup(".table-row-cell").nth(0).queryAs(Node.class);
        assertEquals("FAIL", robot.from(first).lookup(".badge").queryAs(Label.class).getText());
        assertTrue(robot.from(first).lookup((TableCell<?, ?> c) -> "TV2".equals(c.getText())).tryQuery().isPresent(),
                "the first verdict row is rule TV2");
        assertTrue(robot.from(first).lookup((Text t) -> t.getText().startsWith(
                        "The client rejected the server's certificate chain with a fatal unknown_ca (48) alert (frame 16)"))
                .tryQuery().isPresent(), "the engine's reason is on screen");
        assertTrue(robot.from(first).lookup((TableCell<?, ?> c) -> "server.capcert.test".equals(c.getText())).tryQuery().isPresent(),
                "the verdict is about the leaf");
    }

    @Test
    void theSupportCaseReportHoldsWhatTheWindowShows(FxRobot robot) throws Exception {
        checker = VerdictChecker.ENGINE;
        open(robot, ShippedPki.UNKNOWN_CA);
        waitUntil(() -> handshakes(robot).getItems().size() == 1 && handshakes(robot).getItems().get(0).assessment().verdicts().isPresent());

        Path report = dir.resolve("report.html");
        dialogs.saveTargets.add(report);
        robot.clickOn("#menu-export").clickOn("#menu-export-report");
        waitUntil(() -> Files.exists(report));
        String html = Files.readString(report);
        assertTrue(html.contains("class=\"chain-diagram\""), "the chain diagram");
        assertTrue(html.contains("TV2") && html.contains("unknown_ca"), "the engine's FAIL verdict");
        assertTrue(html.contains(CertificateDetails.decode(LEAF).sha256()), "the leaf's fingerprint");
    }

    @Test
    void aCheckerThatCannotRunLeavesTheCaptureReadableAndSaysWhy(FxRobot robot) {
        checker = options -> handshake -> {
            throw new IllegalStateException("trust store corrupt");
        };
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);

        assertEquals(Badges.NONE, robot.from(table).lookup(".badge").queryAs(Label.class).getText());
        TableView<Verdict> verdicts = control(robot, "#verdicts-table");
        assertTrue(((Label) verdicts.getPlaceholder()).getText().contains("trust store corrupt"));
        assertEquals(4, ViewerWindowTest.<TreeView<?>>control(robot, "#chain-tree").getExpandedItemCount());
    }

    @Test
    void trustListsAndExpectedNamesAreCheckedLiveAndRemembered(FxRobot robot) {
        checker = options -> handshake -> List.of(options.expectedNames().contains("missing.example")
                ? new Verdict(Rule.NM2, Severity.FAIL, Optional.empty(), "missing.example is not in the certificate", "Reissue it")
                : Verdict.pass(Rule.NM2, null, "expected names present"));
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);
        assertEquals(Optional.of(Severity.PASS), table.getItems().get(0).worst());

        robot.clickOn("#expected-names").write("missing.example").type(KeyCode.ENTER);
        waitUntil(() -> table.getItems().get(0).worst().equals(Optional.of(Severity.FAIL)));
        assertEquals(List.of("missing.example"), last().expectedNames());

        dialogs.trustFiles.add(List.of(ShippedPki.file("root-ca.crt"), ShippedPki.file("other-root-ca.crt")));
        robot.press(KeyCode.CONTROL).type(KeyCode.T).release(KeyCode.CONTROL);
        waitUntil(() -> last().trustLists().size() == 2);
        assertArrayEquals(ROOT, encoded(last()));

        ViewerSettings remembered = new SettingsStore(prefs).load();
        assertEquals(List.of("missing.example"), remembered.expectedNames());
        assertEquals(List.of(ShippedPki.file("root-ca.crt"), ShippedPki.file("other-root-ca.crt")), remembered.trustFiles());
        assertEquals(List.of(ShippedPki.UNKNOWN_CA.toAbsolutePath()), remembered.recentFiles());
    }

    @Test
    void recentCapturesReopenAfterCloseAll(FxRobot robot) {
        open(robot, ShippedPki.UNKNOWN_CA);
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);

        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        waitUntil(() -> table.getItems().isEmpty());
        assertEquals("capcert", ((Stage) table.getScene().getWindow()).getTitle());

        robot.clickOn("#menu-file").clickOn("#menu-recent").clickOn("#recent-0");
        waitUntil(() -> table.getItems().size() == 1);
    }

    @Test
    void anUnreadableTrustListIsReportedAndTheOthersStillApply(FxRobot robot) throws Exception {
        checker = options -> handshake -> List.of();
        open(robot, ShippedPki.UNKNOWN_CA);
        waitUntil(() -> handshakes(robot).getItems().size() == 1);
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        dialogs.trustFiles.add(List.of(broken, ShippedPki.file("root-ca.crt")));
        robot.clickOn("#trust-button").clickOn("#trust-add");

        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(((TextArea) dialog.getContent()).getText().startsWith(broken.toString()));
        assertEquals(1, last().trustLists().size());
        assertArrayEquals(ROOT, encoded(last()));
    }

    // --- bad files, cancel, keyboard ---

    @Test
    void badFilesGetOneErrorDialogAndWhatWasReadStillShows(FxRobot robot) throws Exception {
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(ShippedPki.CAPTURES.resolve("tls12-mutual.pcap")), 3000));
        Path junk = dir.resolve("notes.pcap");
        Files.writeString(junk, "hello\n");
        open(robot, cut, junk);

        waitUntil(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String details = ((TextArea) dialog.getContent()).getText();
        assertEquals("2 captures have problems", dialog.getHeaderText());
        assertTrue(details.contains("cut.pcap (1 handshake read and shown)"), details);
        assertTrue(details.contains("file ends inside a packet record"), details);
        assertTrue(details.contains("notes.pcap (nothing read)"), details);
        assertTrue(details.contains("a text file, not a capture"), details);

        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);
        List<CertificateEntry> kept = table.getItems().get(0).handshake().certificates();
        assertArrayEquals(LEAF, kept.get(0).der(), "the certificate completed before the cut");
        robot.clickOn(robot.from(dialog).lookup(".button").queryAs(Button.class));
    }

    @Test
    void cancelStopsReadingAndTheWindowGoesOn(FxRobot robot) {
        // Hands out the file header, then stalls as a slow disk would until the read is interrupted.
        opener = file -> new ReadableByteChannel() {
            private boolean sent;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (!sent) {
                    sent = true;
                    dst.put(Arrays.copyOf(Files.readAllBytes(file), 24));
                    return 24;
                }
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                } catch (InterruptedException e) {
                    throw new ClosedByInterruptException();
                }
                return -1;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        open(robot, ShippedPki.UNKNOWN_CA);
        Button cancel = robot.lookup("#cancel-button").queryButton();
        waitUntil(cancel::isVisible);
        assertTrue(robot.lookup("#status-message").queryAs(Label.class).getText().startsWith("Reading tls12-unknown-ca.pcap"));

        robot.clickOn(cancel);
        waitUntil(() -> !cancel.isVisible());
        assertTrue(robot.lookup("#status-message").queryAs(Label.class).getText().startsWith("Cancelled"));
        assertEquals(0, handshakes(robot).getItems().size(), "a capture cut short by a cancel is not shown");

        opener = CaptureLoading.Opener.FILES;
        open(robot, ShippedPki.UNKNOWN_CA);
        waitUntil(() -> handshakes(robot).getItems().size() == 1);
    }

    @Test
    void checkingThatOutlastsTheReadingKeepsItsProgressInTheStatusBar(FxRobot robot) {
        CountDownLatch release = new CountDownLatch(1);
        checker = options -> handshake -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return VerdictChecker.ENGINE.with(options).apply(handshake);
        };
        open(robot, ShippedPki.UNKNOWN_CA);
        Label status = robot.lookup("#status-message").queryAs(Label.class);
        // Reading is over (the capture is tiny); checking is held back.
        waitUntil(() -> status.getText().startsWith("Checking"));
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertTrue(status.getText().startsWith("Checking"), status.getText());
        assertTrue(robot.lookup("#progress").query().isVisible(), "the checking progress is shown");

        release.countDown();
        waitUntil(() -> status.getText().startsWith("1 handshake"));
        assertFalse(robot.lookup("#progress").query().isVisible());
        assertEquals(1, handshakes(robot).getItems().size());
    }

    @Test
    void keyboardAloneFiltersSelectsAndWalksTheChain(FxRobot robot) {
        open(robot, ShippedPki.UNKNOWN_CA, ShippedPki.CAPTURES.resolve("tls12-mutual.pcap"));
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 2);

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        TextField filter = robot.lookup("#filter-field").queryAs(TextField.class);
        assertTrue(filter.isFocused());
        robot.write("5061 client.capcert.test").type(KeyCode.ENTER);
        assertEquals(1, table.getItems().size());
        assertTrue(table.isFocused());
        assertEquals(5061, table.getSelectionModel().getSelectedItem().port());

        TreeView<ChainTree.Node> tree = control(robot, "#chain-tree");
        waitUntil(() -> tree.getRoot().getChildren().size() == 2);
        assertEquals("Client's chain · 2 certificates · frame 16", tree.getRoot().getChildren().get(1).getValue().text());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        assertTrue(tree.isFocused());
        int leaf = tree.getSelectionModel().getSelectedIndex();
        robot.type(KeyCode.UP);
        assertEquals(leaf - 1, tree.getSelectionModel().getSelectedIndex());
        assertTrue(decodedValue(robot, "Subject").startsWith("CN=capcert Test Intermediate CA"));

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.type(KeyCode.ESCAPE);
        assertEquals("", filter.getText());
        assertEquals(2, table.getItems().size());
    }

    // --- key logs ---

    @Test
    void aKeyLogLoadedFromTheMenuDecryptsTheOpenTls13Capture(FxRobot robot) {
        open(robot, Path.of("test-captures/tls13-aes-128-gcm.pcap"));
        TableView<HandshakeRow> table = handshakes(robot);
        waitUntil(() -> table.getItems().size() == 1);
        assertEquals("TLS 1.3", HandshakeRow.version(table.getItems().get(0).handshake()));
        assertEquals(0, table.getItems().get(0).handshake().certificates().size());

        dialogs.keyLogs.add(List.of(Path.of("test-captures/keylogs/tls13-aes-128-gcm.keys")));
        robot.clickOn("#menu-file").clickOn("#menu-keylog");
        waitUntil(() -> table.getItems().size() == 1 && table.getItems().get(0).handshake().certificates().size() == 3);
        HandshakeRow row = table.getItems().get(0);
        assertEquals("TLS 1.3, decrypted", HandshakeRow.version(row.handshake()));
        robot.clickOn(robot.from(table).lookup(".table-row-cell").nth(0).queryAs(Node.class));
        TableView<CertificateFields.Field> fields = control(robot, "#handshake-fields");
        waitUntil(() -> fields.getItems().stream().anyMatch(f -> f.name().equals("Certificates")
                && f.value().equals("decrypted with keys from tls13-aes-128-gcm.keys")));
        // The filter finds decrypted handshakes by that word.
        TextField filter = robot.lookup("#filter-field").queryAs(TextField.class);
        robot.clickOn(filter).write("decrypted");
        waitUntil(() -> table.getItems().size() == 1);
    }

    @Test
    void droppedFilesAreToldApartByTheirContent(FxRobot robot) {
        TableView<HandshakeRow> table = handshakes(robot);
        javafx.application.Platform.runLater(() -> window.openDropped(List.of(Path.of("test-captures/keylogs/quic-v2.keys"),
                Path.of("test-captures/quic-v2.pcap"))));
        waitUntil(() -> table.getItems().size() == 1 && table.getItems().get(0).handshake().certificates().size() == 3);
        assertEquals("QUIC v2, TLS 1.3, decrypted", HandshakeRow.version(table.getItems().get(0).handshake()));
    }

    // --- helpers ---

    private void open(FxRobot robot, Path... files) {
        dialogs.captures.add(List.of(files));
        robot.press(KeyCode.CONTROL).type(KeyCode.O).release(KeyCode.CONTROL);
    }

    private static TableView<HandshakeRow> handshakes(FxRobot robot) {
        return control(robot, "#handshake-table");
    }

    /** The control with {@code id}; TestFX looks it up by raw class, so its type parameter is the caller's to know. */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private static <T extends Node> T control(FxRobot robot, String id) {
        return (T) robot.lookup(id).queryAs(Node.class);
    }

    private static String text(TreeView<ChainTree.Node> tree, int row) {
        return tree.getTreeItem(row).getValue().text();
    }

    private static String decodedValue(FxRobot robot, String field) {
        TableView<CertificateFields.Field> decoded = control(robot, "#decoded-table");
        return decoded.getItems().stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow().value();
    }

    private CheckOptions last() {
        return checked.get(checked.size() - 1);
    }

    private static byte[] encoded(CheckOptions options) {
        try {
            return options.trustLists().get(0).certificates().get(0).der();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (Exception e) {
            throw new AssertionError("condition not met within 30 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
