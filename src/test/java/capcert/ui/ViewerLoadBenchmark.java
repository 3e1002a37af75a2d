package capcert.ui;

import capcert.tls.ScanOptions;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.prefs.Preferences;

/**
 * Opens a capture in the real viewer window, on the headless Monocle platform, and measures what
 * its user would feel: how soon the progress bar moves and how often, when the table fills, and
 * how long the UI thread is ever busy. That last figure is the round trip of a task posted to the
 * UI thread every 10 ms: the time from posting to running is how long a click or a key press would
 * have waited. Run by {@code bench/viewer.sh}; prints figures and asserts nothing (not a test).
 *
 * <pre>{@code ViewerLoadBenchmark CAPTURE [TIMEOUT_SECONDS]}</pre>
 */
public final class ViewerLoadBenchmark {

    private static final long PING_MILLIS = 10;
    /** How long to keep pinging once the table is full: the window must stay quick then too. */
    private static final double SHOWN_SECONDS = 3;
    /** Beyond this a wait is felt (the usual threshold for an interface that "responds at once"). */
    private static final double FELT_MILLIS = 100;

    private record Ping(double atSeconds, double waitMillis, Phase phase) {
    }

    /** What the status bar says: reading, then checking verdicts (rows appear meanwhile), then done. */
    private enum Phase { READING, CHECKING, SHOWN }

    private ViewerLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: ViewerLoadBenchmark CAPTURE [TIMEOUT_SECONDS]");
            System.exit(2);
        }
        Path capture = Path.of(args[0]);
        long timeoutSeconds = args.length > 1 ? Long.parseLong(args[1]) : 300;
        Preferences prefs = Preferences.userRoot().node("capcert-bench-" + UUID.randomUUID());
        try {
            run(capture, prefs, timeoutSeconds);
        } finally {
            prefs.removeNode();
        }
        System.exit(0);
    }

    private static void run(Path capture, Preferences prefs, long timeoutSeconds) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();

        List<String> errors = new CopyOnWriteArrayList<>();
        Dialogs dialogs = new FxDialogs() {
            @Override
            public void showError(javafx.stage.Window owner, String title, String summary, String details) {
                errors.add(title + ": " + summary);
            }
        };
        Stage[] stage = new Stage[1];
        CompletableFuture<ViewerWindow> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            stage[0] = new Stage();
            ViewerWindow window = new ViewerWindow(stage[0], new ViewerWindow.Services(VerdictChecker.ENGINE, dialogs,
                    new SettingsStore(prefs), ScanOptions.defaults(), CaptureLoading.Opener.FILES));
            window.show();
            shown.complete(window);
        });
        ViewerWindow window = shown.get(30, TimeUnit.SECONDS);

        List<Ping> pings = new CopyOnWriteArrayList<>();
        List<double[]> progressSeen = new CopyOnWriteArrayList<>(); // {seconds, progress}
        double[] rowsShownAt = {-1};
        double[] firstRowsAt = {-1};
        int[] rows = {0};
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ui-pinger");
            thread.setDaemon(true);
            return thread;
        });
        // Looked up once: Scene.lookup walks the whole scene graph, and doing it at every ping made
        // the UI thread busy with the benchmark's own work.
        CompletableFuture<Object[]> nodes = new CompletableFuture<>();
        Platform.runLater(() -> nodes.complete(new Object[] {
                stage[0].getScene().lookup("#progress"), stage[0].getScene().lookup("#status-message"),
                stage[0].getScene().lookup("#handshake-table")}));
        ProgressBar progress = (ProgressBar) nodes.get()[0];
        Label message = (Label) nodes.get()[1];
        @SuppressWarnings("unchecked")
        TableView<HandshakeRow> table = (TableView<HandshakeRow>) nodes.get()[2];
        long start = System.nanoTime();
        Platform.runLater(() -> window.open(List.of(capture)));
        Thread uiThread = CompletableFuture.supplyAsync(Thread::currentThread, Platform::runLater).get();
        AtomicLong oldestPending = new AtomicLong(); // posting time of the oldest ping not yet run, 0 when none
        Map<String, Integer> busyStacks = new ConcurrentHashMap<>();
        var unused = pinger.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            oldestPending.compareAndSet(0, posted);
            long pending = oldestPending.get();
            // The UI thread is late: what is it doing? Sampled once per tick while it stays late.
            if (pending != 0 && posted - pending > 2 * PING_MILLIS * 1_000_000) busyStacks.merge(stackOf(uiThread), 1, Integer::sum);
            Platform.runLater(() -> {
                long ran = System.nanoTime();
                oldestPending.set(0);
                double seconds = (ran - start) / 1e9;
                double value = progress.getProgress();
                String status = message.getText();
                Phase phase = status.startsWith("Reading") ? Phase.READING
                        : status.startsWith("Checking") || table.getItems().isEmpty() ? Phase.CHECKING
                        : Phase.SHOWN;
                if (firstRowsAt[0] < 0 && !table.getItems().isEmpty()) firstRowsAt[0] = seconds;
                pings.add(new Ping(seconds, (ran - posted) / 1e6, phase));
                if (phase == Phase.READING && value > 0 && (progressSeen.isEmpty() || progressSeen.get(progressSeen.size() - 1)[1] != value)) {
                    progressSeen.add(new double[] {seconds, value});
                }
                if (phase == Phase.SHOWN && rowsShownAt[0] < 0) {
                    rowsShownAt[0] = seconds;
                    rows[0] = table.getItems().size();
                }
                if (rowsShownAt[0] >= 0 && seconds > rowsShownAt[0] + SHOWN_SECONDS) done.complete(null);
            });
        }, 0, PING_MILLIS, TimeUnit.MILLISECONDS);

        try {
            done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.printf(Locale.ROOT, "timed out after %d s: the table never filled%n", timeoutSeconds);
        }
        pinger.shutdownNow();
        report(capture, pings, progressSeen, firstRowsAt[0], rowsShownAt[0], rows[0], errors);
        if (!busyStacks.isEmpty()) {
            System.out.println("where the UI thread was while late (samples every " + PING_MILLIS + " ms):");
            busyStacks.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .forEach(e -> System.out.println(e.getValue() + " x\n" + e.getKey()));
        }
        Platform.runLater(stage[0]::close);
    }

    /** The innermost frames of {@code thread}, down to the first of capcert's own. */
    private static String stackOf(Thread thread) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("    ").append(frame).append('\n');
            if (++shown >= 12 || frame.getClassName().startsWith("capcert.")) break;
        }
        return text.toString();
    }

    private static void report(Path capture, List<Ping> pings, List<double[]> progressSeen, double firstRowsAt, double rowsShownAt, int rows,
                               List<String> errors) throws Exception {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "capture: %s, %.0f MB; %d cores, max heap %d MB; JavaFX %s, Monocle (headless), renderer %s%n",
                capture.getFileName(), Files.size(capture) / 1e6, runtime.availableProcessors(), runtime.maxMemory() >> 20,
                System.getProperty("javafx.runtime.version"), System.getProperty("prism.order", "default"));
        double readingEnded = pings.stream().filter(p -> p.phase() == Phase.READING).mapToDouble(Ping::atSeconds).max().orElse(Double.NaN);
        if (!progressSeen.isEmpty()) {
            System.out.printf(Locale.ROOT, "reading: progress bar first moved at %.2f s, moved %d times, last at %.0f%%; reading over at %.2f s%n",
                    progressSeen.get(0)[0], progressSeen.size(), 100 * progressSeen.get(progressSeen.size() - 1)[1], readingEnded);
        } else {
            System.out.println("reading: the progress bar never moved");
        }
        System.out.printf(Locale.ROOT, "table: first handshakes shown at %.2f s, all %d checked and shown at %.2f s%n",
                firstRowsAt, rows, rowsShownAt);
        System.out.println("UI thread, wait from posting a task to its running (a click would wait as long):");
        System.out.println("| phase    | pings |  median ms |  p99 ms |  max ms |");
        System.out.println("|----------|------:|-----------:|--------:|--------:|");
        for (Phase phase : Phase.values()) {
            List<Double> waits = new ArrayList<>();
            for (Ping ping : pings) if (ping.phase() == phase) waits.add(ping.waitMillis());
            if (waits.isEmpty()) continue;
            waits.sort(null);
            double max = waits.get(waits.size() - 1);
            System.out.printf(Locale.ROOT, "| %-8s | %5d | %10.1f | %7.1f | %7.1f |%n", phase.name().toLowerCase(Locale.ROOT),
                    waits.size(), waits.get(waits.size() / 2), waits.get((int) Math.min(waits.size() - 1, Math.ceil(waits.size() * 0.99) - 1)), max);
        }
        System.out.print("after the table filled, longest wait per half second:");
        for (int half = 0; half < 2 * SHOWN_SECONDS; half++) {
            double from = rowsShownAt + half / 2.0;
            double max = pings.stream().filter(p -> p.atSeconds() >= from && p.atSeconds() < from + 0.5)
                    .mapToDouble(Ping::waitMillis).max().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, " %.0f", max);
        }
        System.out.println(" ms");
        for (Phase phase : Phase.values()) {
            List<Ping> longest = new ArrayList<>(pings.stream().filter(p -> p.phase() == phase).toList());
            longest.sort((a, b) -> Double.compare(b.waitMillis(), a.waitMillis()));
            System.out.printf(Locale.ROOT, "longest waits %-9s", phase.name().toLowerCase(Locale.ROOT) + ":");
            for (Ping ping : longest.subList(0, Math.min(3, longest.size()))) {
                System.out.printf(Locale.ROOT, " %.0f ms at %.2f s;", ping.waitMillis(), ping.atSeconds());
            }
            System.out.println();
        }
        // A frame that takes long shows as a run of late pings: one wait felt, counted once.
        List<Ping> felt = new ArrayList<>();
        for (Ping ping : pings) {
            if (ping.waitMillis() <= FELT_MILLIS) continue;
            Ping last = felt.isEmpty() ? null : felt.get(felt.size() - 1);
            if (last != null && ping.atSeconds() - last.atSeconds() < (last.waitMillis() + 2 * PING_MILLIS) / 1000) {
                if (ping.waitMillis() > last.waitMillis()) felt.set(felt.size() - 1, ping);
            } else {
                felt.add(ping);
            }
        }
        System.out.printf(Locale.ROOT, "waits over %.0f ms: %d", FELT_MILLIS, felt.size());
        for (Ping ping : felt) {
            System.out.printf(Locale.ROOT, "; %.0f ms at %.2f s (%s)", ping.waitMillis(), ping.atSeconds(), ping.phase().name().toLowerCase(Locale.ROOT));
        }
        System.out.println();
        for (String error : errors) System.out.println("dialog: " + error);
    }
}
