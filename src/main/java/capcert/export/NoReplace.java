package capcert.export;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts a finished temporary file in its place, replacing what is there only when asked. A check
 * before the write cannot stand for it (a file may appear while the export or report is made) and
 * {@code Files.move(ATOMIC_MOVE)} replaces silently: a hard link is made instead, which fails if
 * the name is taken, and the temporary name is then removed.
 */
public final class NoReplace {

    private NoReplace() {
    }

    /**
     * Moves {@code temp} to {@code target}.
     *
     * @throws FileAlreadyExistsException {@code target} exists and {@code replace} is false; {@code temp} stays
     */
    public static void publish(Path temp, Path target, boolean replace) throws IOException {
        if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (FAT, some shares): a move without REPLACE_EXISTING refuses a name
            // that is taken, though not atomically with the check.
            Files.move(temp, target);
            return;
        }
        Files.delete(temp);
    }
}
