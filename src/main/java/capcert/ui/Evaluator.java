package capcert.ui;

import capcert.check.Profile;
import capcert.check.Verdict;
import capcert.tls.CaptureResult;
import capcert.tls.Der;
import capcert.tls.Handshake;
import capcert.trust.TrustList;
import capcert.x509.CertificateDetails;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns captures into table rows with verdicts, off the UI thread. Requests run one at a time and
 * only the newest one's rows are delivered. A handshake is checked again only when the settings
 * that feed the checker changed (or on an explicit re-check), so opening one more capture does
 * not re-check all the others.
 */
final class Evaluator {

    /** Rows for every handshake, in capture order, and trust files that could not be read. */
    record Result(List<HandshakeRow> rows, List<String> trustErrors) {
    }

    /** The settings that change verdicts; theme and recent files do not. */
    private record CheckKey(List<Path> trustFiles, List<String> expectedNames, Profile profile) {
        static CheckKey of(ViewerSettings s) {
            return new CheckKey(s.trustFiles(), s.expectedNames(), s.profile());
        }
    }

    private final VerdictChecker checker;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "capcert-check");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong latest = new AtomicLong();

    // Touched on the executor's thread only.
    private final Map<Handshake, HandshakeRow> checked = new IdentityHashMap<>();
    private CheckKey checkedWith;

    Evaluator(VerdictChecker checker) {
        this.checker = checker;
    }

    /**
     * Starts checking; {@code done} gets the rows on the UI thread unless a newer request came first.
     * While a long check of handshakes not shown before runs, {@code soFar} gets, a few times a
     * second, the rows checked so far followed by those still waiting that were checked before: a
     * large capture shows its first handshakes at once, and the table never loses rows meanwhile.
     *
     * @param recheck check every handshake again, e.g. after a trust file changed on disk
     */
    Task<Result> evaluate(List<CaptureResult> captures, ViewerSettings settings, boolean recheck,
                          Consumer<List<HandshakeRow>> soFar, Consumer<Result> done) {
        long generation = latest.incrementAndGet();
        List<CaptureResult> snapshot = List.copyOf(captures);
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() {
                // A newer request supersedes this one: its rows would never be shown.
                if (generation != latest.get()) return null;
                updateMessage("Checking verdicts…");
                return rows(snapshot, settings, recheck, (checked, total) -> updateProgress(checked, total), rows -> {
                    CountDownLatch taken = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        if (generation == latest.get() && !isDone()) soFar.accept(rows);
                        Platform.runLater(taken::countDown);
                    });
                    giveWay(taken);
                });
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == latest.get()) done.accept(task.getValue());
        });
        executor.execute(task);
        return task;
    }

    /**
     * Waits, a second at most, until the UI thread has taken rows handed to it and the layout after:
     * showing the first rows of a large capture is the UI's heaviest moment, and on two cores a
     * check going on at full speed beside it froze the window for half a second.
     */
    private static void giveWay(CountDownLatch taken) {
        try {
            taken.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the checking thread; requests still queued are dropped. */
    void shutdown() {
        executor.shutdownNow();
    }

    private Result rows(List<CaptureResult> captures, ViewerSettings settings, boolean recheck, BiConsumer<Long, Long> progress,
                        Consumer<List<HandshakeRow>> soFar) {
        List<String> errors = new ArrayList<>();
        List<TrustList> trustLists = new ArrayList<>();
        for (Path file : settings.trustFiles()) {
            try {
                trustLists.add(TrustFiles.load(file));
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }
        Function<Handshake, List<Verdict>> check = checker.with(settings.checkOptions(trustLists));
        CheckKey key = CheckKey.of(settings);
        boolean reassess = recheck || !key.equals(checkedWith);
        Map<Der, CertificateDetails> details = new HashMap<>();
        Map<Handshake, HandshakeRow> previous = new IdentityHashMap<>(checked);
        checked.clear();
        List<HandshakeRow> rows = new ArrayList<>();
        long total = captures.stream().mapToLong(c -> c.handshakes().size()).sum();
        long shownAt = System.nanoTime();
        for (CaptureResult capture : captures) {
            for (Handshake handshake : capture.handshakes()) {
                HandshakeRow row = previous.get(handshake);
                if (row == null) {
                    row = HandshakeRow.of(capture, handshake, Assessment.evaluate(check, handshake), details);
                } else if (reassess) {
                    row = row.withAssessment(Assessment.evaluate(check, handshake));
                }
                checked.put(handshake, row);
                rows.add(row);
                progress.accept((long) rows.size(), total);
                if (System.nanoTime() - shownAt > SO_FAR_NANOS && rows.size() < total) {
                    List<HandshakeRow> shown = withWaiting(rows, captures, previous);
                    // Only when it shows handshakes not shown before: new verdicts alone can wait for the end.
                    if (shown.size() > previous.size()) soFar.accept(shown);
                    shownAt = System.nanoTime();
                }
            }
        }
        checkedWith = key;
        return new Result(rows, errors);
    }

    private static final long SO_FAR_NANOS = 500_000_000;

    /** {@code checked}, then the rows of the handshakes after them that are known from an earlier check. */
    private static List<HandshakeRow> withWaiting(List<HandshakeRow> checked, List<CaptureResult> captures,
                                                  Map<Handshake, HandshakeRow> previous) {
        List<HandshakeRow> rows = new ArrayList<>(checked);
        int skip = checked.size();
        for (CaptureResult capture : captures) {
            for (Handshake handshake : capture.handshakes()) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                HandshakeRow known = previous.get(handshake);
                if (known != null) rows.add(known);
            }
        }
        return rows;
    }
}
