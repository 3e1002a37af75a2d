package capcert.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The JavaFX application; started by {@link Viewer}, never as a jar's main class (JavaFX refuses that from the class path). */
public final class ViewerApp extends Application {

    /** The prefix of an argument that names a key log rather than a capture. */
    static final String KEY_LOG = "--keylog=";

    @Override
    public void start(Stage stage) {
        ViewerWindow window = new ViewerWindow(stage, ViewerWindow.Services.production());
        window.show();
        List<String> arguments = getParameters().getRaw();
        window.loadKeyLogs(arguments.stream().filter(a -> a.startsWith(KEY_LOG)).map(a -> Path.of(a.substring(KEY_LOG.length()))).toList());
        window.open(arguments.stream().filter(a -> !a.startsWith(KEY_LOG)).map(Path::of).toList());
    }
}
