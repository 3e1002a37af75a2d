package capcert.ui;

import capcert.capture.Problem;
import capcert.tls.CaptureBatch;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads captures off the UI thread, as the command line does (several at once, handed on in the
 * order given), with progress in bytes over all of them. Each capture is handed to {@code loaded} on
 * the UI thread as soon as it and those before it are read, so a cancel keeps the captures already
 * handed on and drops the rest.
 */
final class CaptureLoading extends Task<Void> {

    /** How a capture file is opened for reading; tests pass one that stalls, to cancel it mid-read. */
    @FunctionalInterface
    interface Opener {
        Opener FILES = file -> FileChannel.open(file, StandardOpenOption.READ);

        ReadableByteChannel open(Path file) throws IOException;
    }

    private final List<Path> files;
    private final ScanOptions options;
    private final Opener opener;
    private final Consumer<CaptureResult> loaded;
    private final AtomicLong bytesRead = new AtomicLong();
    private long totalBytes;

    CaptureLoading(List<Path> files, ScanOptions options, Opener opener, Consumer<CaptureResult> loaded) {
        this.files = List.copyOf(files);
        this.options = options;
        this.opener = opener;
        this.loaded = loaded;
    }

    List<Path> files() {
        return files;
    }

    @Override
    protected Void call() {
        for (Path file : files) totalBytes += size(file);
        totalBytes = Math.max(totalBytes, 1);
        CaptureBatch batch = new CaptureBatch(options, Runtime.getRuntime().availableProcessors(), this::read);
        batch.run(files, new CaptureBatch.Collector(result -> {
            // A cancel interrupts the read; what the scanner returns then is cut short, not a result.
            if (isCancelled()) {
                batch.cancel();
                return;
            }
            Platform.runLater(() -> loaded.accept(result));
        }) {
            private int index;

            @Override
            public void start(Path capture) {
                index++;
                updateMessage("Reading " + capture.getFileName()
                        + (files.size() > 1 ? " (" + index + " of " + files.size() + ")" : "") + "…");
            }
        }, file -> { });
        return null;
    }

    /** One capture, through a channel that reports progress and stops the read once the user cancels. */
    private List<Problem> read(CaptureScanner scanner, Path file, Consumer<Handshake> handshakes,
                               Consumer<Evidence> evidence) {
        if (!Files.isRegularFile(file)) return scanner.scan(file, handshakes, evidence);
        long[] counted = {0};
        try (ReadableByteChannel channel = opener.open(file)) {
            ProgressChannel progress = new ProgressChannel(channel, read -> {
                updateProgress(bytesRead.addAndGet(read - counted[0]), totalBytes);
                counted[0] = read;
            }, this::isCancelled);
            return scanner.scan(progress, handshakes, evidence);
        } catch (IOException e) {
            // Unreadable: the scanner's own open reports why, in the words the command line uses.
            return scanner.scan(file, handshakes, evidence);
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
