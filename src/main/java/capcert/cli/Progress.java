package capcert.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress report on standard error for long runs: captures and bytes done, rate and
 * time left. Redrawn in place twice a second; only on a terminal, never with --quiet.
 */
final class Progress implements AutoCloseable {

    private final PrintWriter err;
    private final int files;
    private final long bytes;
    private final long started = System.nanoTime();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();
    private final Thread painter;
    private final boolean shown;
    private volatile boolean closed;

    private Progress(PrintWriter err, int files, long bytes, boolean shown) {
        this.err = err;
        this.shown = shown;
        this.files = files;
        this.bytes = bytes;
        this.painter = new Thread(this::paintUntilClosed, "capcert-progress");
        painter.setDaemon(true);
    }

    /** Starts painting when {@code show}; otherwise counts silently. */
    static Progress start(PrintWriter err, int files, long bytes, boolean show) {
        Progress progress = new Progress(err, files, bytes, show);
        if (show) progress.painter.start();
        return progress;
    }

    void fileDone(long size) {
        filesDone.incrementAndGet();
        bytesDone.addAndGet(size);
    }

    /** Writes {@code line} on its own line, above the progress line. */
    void println(String line) {
        above(() -> err.println(line));
    }

    /** Runs {@code write} (to standard error or output, flushed) with the progress line cleared; it is drawn again after. */
    void above(Runnable write) {
        synchronized (err) {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
            write.run();
            err.flush();
        }
    }

    private void paintUntilClosed() {
        while (!closed) {
            synchronized (err) {
                if (closed) return;
                err.print("\r\033[K" + line(filesDone.get(), files, bytesDone.get(), bytes, System.nanoTime() - started));
                err.flush();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "3/10 captures, 1.2 of 4.0 GB, 850 MB/s, about 4 s left" */
    static String line(int filesDone, int files, long bytesDone, long bytes, long elapsedNanos) {
        StringBuilder line = new StringBuilder("capcert: ").append(filesDone).append('/').append(files)
                .append(files == 1 ? " capture" : " captures");
        if (bytes > 0) line.append(", ").append(size(bytesDone)).append(" of ").append(size(bytes));
        double seconds = elapsedNanos / 1e9;
        if (bytesDone > 0 && seconds > 0) {
            double rate = bytesDone / seconds;
            line.append(", ").append(size((long) rate)).append("/s");
            if (bytes > bytesDone) line.append(String.format(Locale.ROOT, ", about %.0f s left", (bytes - bytesDone) / rate));
        } else {
            line.append(String.format(Locale.ROOT, ", %.0f s", seconds));
        }
        return line.toString();
    }

    private static String size(long bytes) {
        if (bytes >= 1_000_000_000L) return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        if (bytes >= 1_000_000L) return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }

    @Override
    public void close() {
        closed = true;
        painter.interrupt();
        if (!shown) return;
        synchronized (err) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
