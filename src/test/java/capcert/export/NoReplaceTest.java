package capcert.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoReplaceTest {

    @TempDir
    Path tmp;

    @Test
    void aFileThatAppearedIsNeverReplaced() throws IOException {
        Path temp = Files.writeString(tmp.resolve(".capcert-1.tmp"), "ours");
        Path target = Files.writeString(tmp.resolve("index.json"), "planted");

        assertThrows(FileAlreadyExistsException.class, () -> NoReplace.publish(temp, target, false));

        assertEquals("planted", Files.readString(target));
        assertTrue(Files.exists(temp), "the caller removes its temporary file");
    }

    @Test
    void aFreeNameIsTakenAndTheTemporaryNameGoes() throws IOException {
        Path temp = Files.writeString(tmp.resolve(".capcert-2.tmp"), "ours");
        Path target = tmp.resolve("index.json");

        NoReplace.publish(temp, target, false);

        assertEquals("ours", Files.readString(target));
        assertFalse(Files.exists(temp));
    }

    @Test
    void forceReplaces() throws IOException {
        Path temp = Files.writeString(tmp.resolve(".capcert-3.tmp"), "ours");
        Path target = Files.writeString(tmp.resolve("index.json"), "old");

        NoReplace.publish(temp, target, true);

        assertEquals("ours", Files.readString(target));
        assertFalse(Files.exists(temp));
    }
}
