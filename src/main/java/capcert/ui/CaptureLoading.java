package capcert.ui;

import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
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
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Reads captures off the UI thread, one after another, with progress in bytes over all of them.
 * Each capture is handed to {@code loaded} on the UI thread as soon as it is read, so a cancel
 * keeps the captures already finished and drops only the one being read.
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
        long total = 0;
        for (Path file : files) total += size(file);
        long done = 0;
        CaptureScanner scanner = new CaptureScanner(options);
        for (int i = 0; i < files.size() && !isCancelled(); i++) {
            Path file = files.get(i);
            updateMessage("Reading " + file.getFileName() + (files.size() > 1 ? " (" + (i + 1) + " of " + files.size() + ")" : "") + "…");
            CaptureResult result = scan(scanner, file, done, Math.max(total, 1));
            // A cancel interrupts the read; what the scanner returns then is cut short, not a result.
            if (result == null || isCancelled()) break;
            Platform.runLater(() -> loaded.accept(result));
            done += size(file);
        }
        return null;
    }

    private CaptureResult scan(CaptureScanner scanner, Path file, long before, long total) {
        if (!Files.isRegularFile(file)) return scanner.scan(file);
        try (ReadableByteChannel channel = opener.open(file)) {
            ProgressChannel progress = new ProgressChannel(channel, read -> updateProgress(before + read, total), this::isCancelled);
            return scanner.scan(file, progress);
        } catch (CancellationException e) {
            return null;
        } catch (IOException e) {
            // Unreadable: the scanner's own open reports why, in the words the command line uses.
            return scanner.scan(file);
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
