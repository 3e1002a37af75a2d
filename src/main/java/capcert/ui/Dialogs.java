package capcert.ui;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The dialogs the window asks the user through, so tests can answer them without native choosers. */
interface Dialogs {

    List<Path> chooseCaptures(Window owner);

    List<Path> chooseTrustFiles(Window owner);

    /** NSS key log files (SSLKEYLOGFILE) to decrypt TLS 1.3, QUIC and DTLS 1.3 handshakes with. */
    List<Path> chooseKeyLogs(Window owner);

    /** A file to write; {@code extension} without the dot, appended when the user leaves it off. */
    Optional<Path> chooseSaveFile(Window owner, String title, String suggestedName, String extension);

    Optional<Path> chooseDirectory(Window owner, String title);

    boolean confirm(Window owner, String title, String question);

    /** An error the user must see; {@code details} (may be empty) goes into an expandable area. */
    void showError(Window owner, String title, String summary, String details);
}
