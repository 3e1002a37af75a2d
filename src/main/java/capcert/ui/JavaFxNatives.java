package capcert.ui;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * JavaFX's native libraries for the platform capcert runs on, handed to JavaFX before it starts.
 *
 * <p>The jar carries the natives of every desktop, each platform's in a folder of its own
 * ({@code capcert/ui/natives/linux-x64/libglass.so}, ...): at the jar's root, where JavaFX looks
 * first, Linux x64 and arm64 (or macOS x64 and arm64) would need the same names. JavaFX's loader
 * looks next in {@code java.library.path}, which it reads at each load: this class unpacks the
 * platform's folder into a cache folder named after its content, then puts that folder first on the
 * path. A cache that is complete (its marker file is written last) is reused by later runs; two
 * runs that unpack at once each write a folder of their own and the first rename wins.
 *
 * <p>Nothing here touches a JavaFX class, so {@code capcert --version} can ask whether the viewer
 * can run without starting it.
 */
public final class JavaFxNatives {

    /** The desktops whose natives the jar carries, as messages name them. */
    public static final String PLATFORMS = "Windows x64, macOS x64 and arm64, Linux x64 and arm64";

    static final String RESOURCES = "capcert/ui/natives/";
    private static final String COMPLETE = ".complete";

    private JavaFxNatives() {
    }

    /**
     * The natives' folder for an {@code os.name} and {@code os.arch}, named as in the jar; empty where
     * JavaFX 21 has no build (32-bit systems, BSDs, Windows on ARM without x64 emulation...).
     */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> "";
        };
        if (arch.isEmpty()) return Optional.empty();
        if (os.startsWith("windows")) return arch.equals("x64") ? Optional.of("windows-x64") : Optional.empty();
        if (os.startsWith("mac") || os.startsWith("darwin")) return Optional.of("mac-" + arch);
        if (os.startsWith("linux")) return Optional.of("linux-" + arch);
        return Optional.empty();
    }

    /** This JVM's platform, as {@link #platform(String, String)} names it. */
    public static Optional<String> platform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Whether this jar carries JavaFX's natives for {@code platform} (looks them up; unpacks nothing). */
    public static boolean bundled(String platform) {
        return glass(platform) != null;
    }

    /**
     * Unpacks this platform's natives into the user's cache folder (or, where that cannot be written,
     * a private temporary folder) and puts them first on {@code java.library.path}. Returns the
     * folder, or empty when the jar has none for this platform: JavaFX then looks on its own.
     */
    static Optional<Path> install() throws IOException {
        Optional<String> platform = platform();
        if (platform.isEmpty() || !bundled(platform.get())) return Optional.empty();
        Path folder;
        try {
            folder = unpack(platform.get(), userCache());
        } catch (IOException | UncheckedIOException cacheUnwritable) {
            Path temporary = Files.createTempDirectory("capcert-javafx-");
            folder = unpack(platform.get(), temporary);
            deleteOnExit(temporary);
        }
        String path = System.getProperty("java.library.path", "");
        System.setProperty("java.library.path", folder + (path.isEmpty() ? "" : File.pathSeparator + path));
        return Optional.of(folder);
    }

    /** {@code platform}'s natives in {@code root/<content key>/<platform>/}, unpacked unless a complete copy is there. */
    static Path unpack(String platform, Path root) throws IOException {
        List<Library> libraries = libraries(platform);
        Path folder = root.resolve(key(libraries)).resolve(platform);
        if (Files.exists(folder.resolve(COMPLETE))) return folder;
        // Only a rename puts a folder here, complete: one without its marker was damaged since.
        if (Files.exists(folder)) deleteTree(folder);
        Files.createDirectories(folder.getParent());
        Path staging = Files.createTempDirectory(folder.getParent(), platform + ".unpacking-");
        try {
            for (Library library : libraries) library.copyTo(staging.resolve(library.name()));
            Files.writeString(staging.resolve(COMPLETE), key(libraries) + "\n");
            try {
                Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another run got there first (or the file system cannot rename folders atomically).
                if (!Files.exists(folder.resolve(COMPLETE))) throw e;
            } catch (IOException e) {
                // Windows refuses to replace a non-empty folder with a plain AccessDeniedException.
                if (!Files.exists(folder.resolve(COMPLETE))) throw e;
            }
        } finally {
            deleteTree(staging);
        }
        return folder;
    }

    /** Where the per-user caches of this operating system live, or the home folder's {@code .cache}. */
    private static Path userCache() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        String localAppData = System.getenv("LOCALAPPDATA");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base;
        if (os.startsWith("windows") && localAppData != null && !localAppData.isBlank()) base = Path.of(localAppData);
        else if (os.startsWith("mac")) base = home.resolve("Library/Caches");
        else if (xdg != null && Path.of(xdg).isAbsolute()) base = Path.of(xdg);
        else base = home.resolve(".cache");
        return base.resolve("capcert").resolve("javafx");
    }

    /** A native library as the jar (or, in a build, the classes folder) holds it. */
    private record Library(String name, long size, long crc, URL url) {

        void copyTo(Path target) throws IOException {
            CRC32 crc32 = new CRC32();
            try (InputStream in = new CheckedInputStream(url.openStream(), crc32);
                 OutputStream out = Files.newOutputStream(target)) {
                long copied = in.transferTo(out);
                if (copied != size || crc32.getValue() != crc) {
                    throw new IOException("JavaFX library " + name + " read back damaged from " + url);
                }
            }
        }
    }

    private static URL glass(String platform) {
        return JavaFxNatives.class.getClassLoader().getResource(RESOURCES + platform + "/" + glassName(platform));
    }

    /** JavaFX's window-system library; every platform has it. */
    private static String glassName(String platform) {
        if (platform.startsWith("windows")) return "glass.dll";
        return platform.startsWith("mac") ? "libglass.dylib" : "libglass.so";
    }

    /** The platform's libraries, listed from the jar that holds them or from the classes folder. */
    private static List<Library> libraries(String platform) throws IOException {
        URL glass = glass(platform);
        if (glass == null) throw new IOException("no JavaFX natives for " + platform + " in this build");
        String folder = RESOURCES + platform + "/";
        List<Library> libraries = new ArrayList<>();
        if (glass.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) glass.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (!name.startsWith(folder) || name.endsWith("/") || name.indexOf('/', folder.length()) >= 0) continue;
                    URL url = new URL(glass, "/" + name);
                    libraries.add(new Library(name.substring(folder.length()), entry.getSize(), entry.getCrc(), url));
                }
            }
        } else {
            Path dir;
            try {
                dir = Path.of(glass.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException("JavaFX natives at an unreadable location: " + glass, e);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    libraries.add(new Library(file.getFileName().toString(), bytes.length, crc.getValue(), file.toUri().toURL()));
                }
            }
        }
        libraries.sort(Comparator.comparing(Library::name));
        return libraries;
    }

    /** Names the cache folder after the libraries' names, sizes and checksums, so another build never reuses it. */
    private static String key(List<Library> libraries) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Library library : libraries) {
                sha256.update((library.name() + " " + library.size() + " " + library.crc() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Files first, then their folders: the JVM deletes in the reverse order of registration. */
    private static void deleteOnExit(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) path.toFile().deleteOnExit();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException | UncheckedIOException e) {
            // Leftovers of an unpacking that failed; the next run unpacks into a new folder.
        }
    }
}
