package capcert.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The platform's file choosers and JavaFX alerts. */
class FxDialogs implements Dialogs {

    private File lastFolder;

    @Override
    public List<Path> chooseCaptures(Window owner) {
        FileChooser chooser = chooser("Open captures");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Packet captures", "*.pcap", "*.pcapng", "*.cap", "*.snoop", "*.ntar",
                        "*.gz", "*.zst", "*.xz", "*.bz2", "*.lz4"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return remember(chooser.showOpenMultipleDialog(owner));
    }

    @Override
    public List<Path> chooseTrustFiles(Window owner) {
        FileChooser chooser = chooser("Add trust lists (together one set of trusted CAs)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Certificates", "*.pem", "*.crt", "*.cer", "*.der", "*.p7b", "*.p7c"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return remember(chooser.showOpenMultipleDialog(owner));
    }

    @Override
    public List<Path> chooseKeyLogs(Window owner) {
        FileChooser chooser = chooser("Load key logs (SSLKEYLOGFILE)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Key logs", "*.log", "*.keys", "*.txt", "*.keylog"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return remember(chooser.showOpenMultipleDialog(owner));
    }

    @Override
    public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension) {
        FileChooser chooser = chooser(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("." + extension, "*." + extension));
        File file = chooser.showSaveDialog(owner);
        if (file == null) return Optional.empty();
        lastFolder = file.getParentFile();
        Path path = file.toPath();
        return Optional.of(path.getFileName().toString().contains(".") ? path : path.resolveSibling(path.getFileName() + "." + extension));
    }

    @Override
    public Optional<Path> chooseDirectory(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) chooser.setInitialDirectory(lastFolder);
        File folder = chooser.showDialog(owner);
        if (folder == null) return Optional.empty();
        lastFolder = folder;
        return Optional.of(folder.toPath());
    }

    @Override
    public boolean confirm(Window owner, String title, String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** Not modal-blocking: the window behind it keeps showing the partial results. */
    @Override
    public void showError(Window owner, String title, String summary, String details) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(summary);
        alert.setContentText(null);
        if (!details.isEmpty()) {
            TextArea area = new TextArea(details);
            area.setEditable(false);
            area.setWrapText(true);
            area.setPrefRowCount(Math.min(12, (int) details.lines().count() + 1));
            alert.getDialogPane().setContent(area);
        }
        alert.getDialogPane().setId("error-dialog");
        alert.show();
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastFolder != null && lastFolder.isDirectory()) chooser.setInitialDirectory(lastFolder);
        return chooser;
    }

    private List<Path> remember(List<File> files) {
        if (files == null || files.isEmpty()) return List.of();
        lastFolder = files.get(0).getParentFile();
        return files.stream().map(File::toPath).toList();
    }
}
