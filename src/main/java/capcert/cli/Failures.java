package capcert.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One line for a failure, naming the file when there is one. */
final class Failures {

    private Failures() {
    }

    static String describe(Exception e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": already exists (use --force to overwrite)";
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e.getClass().getSimpleName();
            return (f.getFile() == null ? "" : f.getFile() + ": ") + reason;
        }
        if (e instanceof IOException && e.getMessage() != null) return e.getMessage();
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "internal error: " + e.getClass().getSimpleName() + message + " (--debug shows where)";
    }
}
