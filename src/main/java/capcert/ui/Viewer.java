package capcert.ui;

import javafx.application.Application;

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

    private Viewer() {
    }

    /** The packaged app's entry point: every argument is a capture to open. Exits 1 when no window could open. */
    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(Arrays.stream(args).map(Path::of).toList(), err) ? 0 : 1);
    }

    /**
     * Opens the window on {@code captures} and returns once it is closed: true, or false at once when no window
     * could open (the reason is on {@code err}).
     */
    public static boolean run(List<Path> captures, PrintWriter err) {
        // JavaFX warns that it runs from the class path rather than as modules; that is how a single jar runs it.
        Logger.getLogger("javafx").setLevel(Level.SEVERE);
        try {
            Application.launch(ViewerApp.class, captures.stream().map(Path::toString).toArray(String[]::new));
            return true;
        } catch (RuntimeException | LinkageError e) {
            err.println("capcert: cannot open a window: " + reason(e)
                    + " (a graphical session is needed; on a server, run it under xvfb-run or forward X11)");
            return false;
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
