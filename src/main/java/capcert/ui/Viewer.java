package capcert.ui;

import javafx.application.Application;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the viewer and waits until its window is closed. Not an {@link Application} itself: a
 * main class that extends it cannot start from a plain (shaded) jar, so this one launches
 * {@link ViewerApp} instead. Also the main class of the packaged app ({@code packaging/}).
 */
public final class Viewer {

    /**
     * JavaFX warns that it runs from the class path rather than as modules, which is how a single jar
     * runs it. Held here: a logger nobody references can be collected, and its level with it.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private Viewer() {
    }

    /** The packaged app's entry point: every argument is a capture to open. Exits 1 when no window could open. */
    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(Arrays.stream(args).map(Path::of).toList(), List.of(), err) ? 0 : 1);
    }

    /**
     * Opens the window on {@code captures}, read with {@code keyLogs}, and returns once it is closed:
     * true, or false at once when no window could open (the reason is on {@code err}).
     */
    public static boolean run(List<Path> captures, List<Path> keyLogs, PrintWriter err) {
        JAVAFX_LOG.setLevel(Level.SEVERE);
        boolean bundled;
        try {
            bundled = JavaFxNatives.install().isPresent();
        } catch (IOException e) {
            err.println("capcert: cannot unpack JavaFX's native libraries: " + e.getMessage());
            return false;
        }
        try {
            List<String> arguments = new java.util.ArrayList<>();
            keyLogs.forEach(k -> arguments.add(ViewerApp.KEY_LOG + k));
            captures.forEach(c -> arguments.add(c.toString()));
            Application.launch(ViewerApp.class, arguments.toArray(String[]::new));
            return true;
        } catch (RuntimeException | LinkageError e) {
            err.println("capcert: cannot open a window: " + reason(e) + (bundled
                    ? " (a graphical session is needed; on a server, run it under xvfb-run or forward X11)"
                    : " (capcert carries JavaFX for " + JavaFxNatives.PLATFORMS + ", not for "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"));
            return false;
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
