package capcert.tls;

import capcert.capture.CaptureProblem;
import capcert.capture.Problem;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Many captures read in parallel and handed on in the order given. The first capture's handshakes
 * are handed on while it is still read, so a single large capture keeps two cores busy (one reads,
 * the caller writes); later captures are read ahead and wait their turn. At most {@code threads} + 1
 * captures are in hand at a time, so a batch of any length runs in the memory of a few. One
 * capture's failure is its problem and never stops the others.
 */
public final class CaptureBatch {

    /** How one capture is read, on a thread of the batch with that thread's scanner. */
    @FunctionalInterface
    public interface Reading {
        /**
         * Reads {@code capture}, handing each handshake to {@code handshakes} and, once it is read, its
         * evidence to {@code evidence}; returns its problems.
         */
        List<Problem> read(CaptureScanner scanner, Path capture, Consumer<Handshake> handshakes,
                           Consumer<Evidence> evidence);
    }

    /** What the caller does with each capture, told on its own thread, in the order the captures were given. */
    public interface Listener {
        default void start(Path capture) {
        }

        /** The capture's next handshakes, in the order of their first frame. */
        void handshakes(Path capture, List<Handshake> batch);

        /** The capture's evidence, when it carried any: after its handshakes, before {@link #end}. */
        default void evidence(Path capture, List<Evidence> evidence) {
        }

        void end(Path capture, List<Problem> problems);
    }

    /** A listener that gathers each capture whole and hands it on as one {@link CaptureResult} at its end. */
    public static class Collector implements Listener {
        private final Consumer<CaptureResult> each;
        private final List<Handshake> handshakes = new ArrayList<>();
        private List<Evidence> evidence = List.of();

        public Collector(Consumer<CaptureResult> each) {
            this.each = each;
        }

        @Override
        public void handshakes(Path capture, List<Handshake> batch) {
            handshakes.addAll(batch);
        }

        @Override
        public void evidence(Path capture, List<Evidence> found) {
            evidence = found;
        }

        @Override
        public void end(Path capture, List<Problem> problems) {
            each.accept(new CaptureResult(capture, handshakes, problems, evidence));
            handshakes.clear();
            evidence = List.of();
        }
    }

    /** Reads files (the scanner's reader), the default way. */
    public static final Reading FILES = CaptureScanner::scan;

    /** Handing on each handshake alone would wake the caller's thread 20,000 times for a busy capture. */
    private static final int BATCH = 64;
    private static final List<Handshake> END = List.of();

    private final ScanOptions options;
    private final int threads;
    private final Reading reading;
    private volatile boolean cancelled;

    /** A batch that reads {@code threads} captures at a time with {@code reading}. */
    public CaptureBatch(ScanOptions options, int threads, Reading reading) {
        if (threads < 1) throw new IllegalArgumentException("at least one thread: " + threads);
        this.options = options;
        this.threads = threads;
        this.reading = reading;
    }

    /** Stops handing on captures; the ones being read are read to their end (or until their channel says stop). */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Reads {@code captures}, telling {@code listener} about each in turn. {@code done} is told on the
     * reading thread as soon as each capture has been read, in any order (for progress). Returns once
     * every capture has been handed on, or the batch was cancelled.
     */
    public void run(List<Path> captures, Listener listener, Consumer<Path> done) {
        int parallel = Math.max(1, Math.min(threads, captures.size()));
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        ThreadLocal<CaptureScanner> scanners = ThreadLocal.withInitial(() -> new CaptureScanner(options));
        try {
            // One more than the pool runs: every thread keeps reading while a finished capture is handed on.
            Deque<Read> pending = new ArrayDeque<>();
            int submitted = 0;
            for (Path capture : captures) {
                for (; submitted < captures.size() && pending.size() <= parallel; submitted++) {
                    pending.add(new Read(captures.get(submitted), pool, scanners, done));
                }
                Read read = pending.remove();
                if (cancelled) return;
                listener.start(capture);
                for (List<Handshake> batch = read.next(); !batch.isEmpty(); batch = read.next()) {
                    listener.handshakes(capture, batch);
                }
                List<Problem> problems = read.problems();
                if (cancelled) return;
                List<Evidence> evidence = read.evidence();
                if (!evidence.isEmpty()) listener.evidence(capture, evidence);
                listener.end(capture, problems);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One capture being read on the pool, its handshakes passed on in batches. */
    private final class Read {
        private final Path capture;
        private final BlockingQueue<List<Handshake>> batches = new LinkedBlockingQueue<>();
        private final List<Evidence> evidence = Collections.synchronizedList(new ArrayList<>());
        private final Future<List<Problem>> scan;

        Read(Path capture, ExecutorService pool, ThreadLocal<CaptureScanner> scanners, Consumer<Path> done) {
            this.capture = capture;
            this.scan = pool.submit(() -> {
                List<Handshake> batch = new ArrayList<>(BATCH);
                try {
                    return reading.read(scanners.get(), capture, handshake -> {
                        batch.add(handshake);
                        if (batch.size() == BATCH) {
                            batches.add(List.copyOf(batch));
                            batch.clear();
                        }
                    }, evidence::add);
                } finally {
                    if (!batch.isEmpty()) batches.add(List.copyOf(batch));
                    batches.add(END);
                    done.accept(capture);
                }
            });
        }

        /** The next handshakes; empty once the capture is read. */
        List<Handshake> next() {
            try {
                return batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + capture, e);
            }
        }

        /** The capture's evidence; complete once {@link #problems()} has returned. */
        List<Evidence> evidence() {
            synchronized (evidence) {
                return List.copyOf(evidence);
            }
        }

        /** The capture's problems; a read that failed outright on an exception has that failure as its problem. */
        List<Problem> problems() {
            try {
                return scan.get();
            } catch (ExecutionException e) {
                // An exhausted heap is the whole run's, not this capture's: the caller says so once.
                if (e.getCause() instanceof Error error) throw error;
                return List.of(new CaptureProblem.ScanFailed(String.valueOf(e.getCause())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + capture, e);
            }
        }
    }
}
