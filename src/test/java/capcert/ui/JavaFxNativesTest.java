package capcert.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The natives of every platform, as the build puts them among the classes, unpacked as the viewer unpacks them. */
class JavaFxNativesTest {

    private static final List<String> PLATFORMS = List.of("windows-x64", "mac-x64", "mac-aarch64", "linux-x64", "linux-aarch64");
    private static final Path BUILT = Path.of("target/classes", JavaFxNatives.RESOURCES);

    @Test
    void namesThePlatformsJavaFxIsBuiltFor() {
        assertEquals(Optional.of("linux-x64"), JavaFxNatives.platform("Linux", "amd64"));
        assertEquals(Optional.of("linux-aarch64"), JavaFxNatives.platform("Linux", "aarch64"));
        assertEquals(Optional.of("mac-x64"), JavaFxNatives.platform("Mac OS X", "x86_64"));
        assertEquals(Optional.of("mac-aarch64"), JavaFxNatives.platform("Mac OS X", "aarch64"));
        assertEquals(Optional.of("windows-x64"), JavaFxNatives.platform("Windows 11", "amd64"));
        assertEquals(Optional.empty(), JavaFxNatives.platform("Windows 11", "aarch64"));
        assertEquals(Optional.empty(), JavaFxNatives.platform("Linux", "arm"));
        assertEquals(Optional.empty(), JavaFxNatives.platform("FreeBSD", "amd64"));
    }

    @Test
    void unpacksEachPlatformWhole(@TempDir Path cache) throws Exception {
        for (String platform : PLATFORMS) {
            assertTrue(JavaFxNatives.bundled(platform), platform);
            Path folder = JavaFxNatives.unpack(platform, cache);
            assertEquals(platform, folder.getFileName().toString());
            List<Path> built = files(BUILT.resolve(platform));
            assertTrue(built.size() >= 7, platform + ": " + built);
            assertEquals(built.stream().map(p -> p.getFileName().toString()).toList(),
                    files(folder).stream().map(p -> p.getFileName().toString()).toList(), platform);
            for (Path library : built) {
                assertArrayEquals(Files.readAllBytes(library), Files.readAllBytes(folder.resolve(library.getFileName().toString())),
                        platform + " " + library.getFileName());
            }
        }
    }

    @Test
    void reusesACompleteCacheAndNeverAHalfWrittenOne(@TempDir Path cache) throws Exception {
        Path folder = JavaFxNatives.unpack("linux-x64", cache);
        Path glass = folder.resolve("libglass.so");
        FileTime written = FileTime.fromMillis(0);
        Files.setLastModifiedTime(glass, written);
        assertEquals(folder, JavaFxNatives.unpack("linux-x64", cache));
        assertEquals(written, Files.getLastModifiedTime(glass), "a complete cache is used as it is");

        // A run that died while unpacking leaves only its staging folder: the next run unpacks again.
        Path other = JavaFxNatives.unpack("mac-x64", cache);
        Files.delete(other.resolve(".complete"));
        Files.delete(other.resolve("libglass.dylib"));
        Files.move(other, other.resolveSibling("mac-x64.unpacking-1"));
        Path again = JavaFxNatives.unpack("mac-x64", cache);
        assertEquals(other, again);
        assertTrue(Files.exists(again.resolve("libglass.dylib")));

        // A cache that lost its marker or a library since is unpacked anew.
        Files.delete(again.resolve(".complete"));
        Files.delete(again.resolve("libprism_sw.dylib"));
        assertEquals(again, JavaFxNatives.unpack("mac-x64", cache));
        assertTrue(Files.exists(again.resolve("libprism_sw.dylib")) && Files.exists(again.resolve(".complete")));
    }

    @Test
    void runsUnpackingAtOnceAgreeOnOneFolder(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Path> unpack = () -> JavaFxNatives.unpack("windows-x64", cache);
            List<Future<Path>> runs = pool.invokeAll(List.of(unpack, unpack, unpack, unpack));
            Path first = runs.get(0).get();
            for (Future<Path> run : runs) assertEquals(first, run.get());
            assertEquals(files(BUILT.resolve("windows-x64")).size(), files(first).size());
            try (Stream<Path> left = Files.list(first.getParent())) {
                assertEquals(List.of(first), left.toList(), "staging folders are removed");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
