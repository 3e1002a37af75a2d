package capcert.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public captures and oracles of the team's workplace, read in place from {@code ../shared}
 * beside the checkout (the pom passes their folders as {@code capcert.sharedCaptures} and
 * {@code capcert.pkits}). A fresh clone has no {@code ../shared}: every test that needs a file from
 * it asks here first and is skipped, with a message naming what is missing, rather than failing.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The public captures' folder, which may be absent or empty. */
    public static Path captures() {
        return Path.of(System.getProperty("capcert.sharedCaptures", "../shared/captures"));
    }

    /** NIST PKITS' folder, which may be absent or empty. */
    public static Path pkits() {
        return Path.of(System.getProperty("capcert.pkits", "../shared/oracles/pkits"));
    }

    /** {@code name} in the public captures' folder; skips the calling test when it is not there. */
    public static Path capture(String name) {
        return require(captures().resolve(name));
    }

    /** {@code name} in PKITS' folder; skips the calling test when it is not there. */
    public static Path pkitsFile(String name) {
        return require(pkits().resolve(name));
    }

    private static Path require(Path path) {
        assumeTrue(Files.exists(path), () -> "skipped: " + path.toAbsolutePath().normalize()
                + " not found (the workplace's ../shared folder, absent from a fresh clone)");
        return path;
    }
}
