package capcert.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The JavaFX application; started by {@link Viewer}, never as a jar's main class (JavaFX refuses that from the class path). */
public final class ViewerApp extends Application {

    @Override
    public void start(Stage stage) {
        ViewerWindow window = new ViewerWindow(stage, ViewerWindow.Services.production());
        window.show();
        window.open(getParameters().getRaw().stream().map(Path::of).toList());
    }
}
