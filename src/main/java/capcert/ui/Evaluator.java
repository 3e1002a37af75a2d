package capcert.ui;

import capcert.check.CheckOptions;
import capcert.check.Profile;
import capcert.tls.CaptureResult;
import capcert.tls.Handshake;
import capcert.trust.TrustList;
import capcert.x509.CertificateDetails;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
     *
     * @param recheck check every handshake again, e.g. after a trust file changed on disk
     */
    Task<Result> evaluate(List<CaptureResult> captures, ViewerSettings settings, boolean recheck, Consumer<Result> done) {
        long generation = latest.incrementAndGet();
        List<CaptureResult> snapshot = List.copyOf(captures);
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() {
                // A newer request supersedes this one: its rows would never be shown.
                if (generation != latest.get()) return null;
                updateMessage("Checking verdicts…");
                return rows(snapshot, settings, recheck, (done, total) -> updateProgress(done, total));
            }
        };
        task.setOnSucceeded(e -> {
            if (generation == latest.get()) done.accept(task.getValue());
        });
        executor.execute(task);
        return task;
    }

    /** Stops the checking thread; requests still queued are dropped. */
    void shutdown() {
        executor.shutdownNow();
    }

    private Result rows(List<CaptureResult> captures, ViewerSettings settings, boolean recheck, BiConsumer<Long, Long> progress) {
        List<String> errors = new ArrayList<>();
        List<TrustList> trustLists = new ArrayList<>();
        for (Path file : settings.trustFiles()) {
            try {
                trustLists.add(TrustFiles.load(file));
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }
        CheckOptions options = settings.checkOptions(trustLists);
        CheckKey key = CheckKey.of(settings);
        boolean reassess = recheck || !key.equals(checkedWith);
        Map<ByteBuffer, CertificateDetails> details = new HashMap<>();
        Map<Handshake, HandshakeRow> previous = new IdentityHashMap<>(checked);
        checked.clear();
        List<HandshakeRow> rows = new ArrayList<>();
        long total = captures.stream().mapToLong(c -> c.handshakes().size()).sum();
        for (CaptureResult capture : captures) {
            for (Handshake handshake : capture.handshakes()) {
                HandshakeRow row = previous.get(handshake);
                if (row == null) {
                    row = HandshakeRow.of(capture, handshake, Assessment.evaluate(checker, handshake, options), details);
                } else if (reassess) {
                    row = row.withAssessment(Assessment.evaluate(checker, handshake, options));
                }
                checked.put(handshake, row);
                rows.add(row);
                progress.accept((long) rows.size(), total);
            }
        }
        checkedWith = key;
        return new Result(rows, errors);
    }
}
