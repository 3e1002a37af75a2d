package capcert.ui;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the window's file choosers from queues; error dialogs are the real ones, to be looked up. */
final class TestDialogs extends FxDialogs {

    final Deque<List<Path>> captures = new ArrayDeque<>();
    final Deque<List<Path>> trustFiles = new ArrayDeque<>();
    final Deque<List<Path>> keyLogs = new ArrayDeque<>();
    final Deque<Path> saveTargets = new ArrayDeque<>();
    final List<String> suggestedNames = new ArrayList<>();
    Path directory;
    boolean overwrite = true;
    final List<String> confirmations = new ArrayList<>();

    @Override
    public List<Path> chooseCaptures(Window owner) {
        return captures.isEmpty() ? List.of() : captures.poll();
    }

    @Override
    public List<Path> chooseTrustFiles(Window owner) {
        return trustFiles.isEmpty() ? List.of() : trustFiles.poll();
    }

    @Override
    public List<Path> chooseKeyLogs(Window owner) {
        return keyLogs.isEmpty() ? List.of() : keyLogs.poll();
    }

    @Override
    public Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension) {
        suggestedNames.add(suggestedName);
        return Optional.ofNullable(saveTargets.poll());
    }

    @Override
    public Optional<Path> chooseDirectory(Window owner, String title) {
        return Optional.ofNullable(directory);
    }

    @Override
    public boolean confirm(Window owner, String title, String question) {
        confirmations.add(question);
        return overwrite;
    }
}
