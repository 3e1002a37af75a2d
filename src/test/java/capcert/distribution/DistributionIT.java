package capcert.distribution;

import capcert.ui.JavaFxNatives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code mvn package} ships, as a user gets it: the jar with JavaFX for every desktop, and the
 * zip, unpacked and run through its launcher. Runs after package (the pom's "distribution" execution).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs the POSIX launcher and unzip")
class DistributionIT {

    private static final String VERSION = System.getProperty("capcert.version");
    private static final Path TARGET = Path.of(System.getProperty("capcert.target", "target"));
    private static final Path JAR = TARGET.resolve("capcert.jar");
    private static final String JAVAFX = System.getProperty("javafx.version");
    /** JavaFX's classifier of each platform, and the folder the jar keeps its natives in. */
    private static final Map<String, String> PLATFORMS = Map.of(
            "win", "windows-x64", "mac", "mac-x64", "mac-aarch64", "mac-aarch64",
            "linux", "linux-x64", "linux-aarch64", "linux-aarch64");
    private static final Pattern JAVAFX_CLASS = Pattern.compile("\\[.*(javafx\\.|com\\.sun\\.(javafx|glass|prism))");
    private static final String CAPTURE = "examples/tls12-unknown-ca.pcap";

    @TempDir
    static Path unpacked;
    private static Path home;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void unzip() throws Exception {
        Run unzip = run(List.of("unzip", "-q", TARGET.resolve("capcert-" + VERSION + ".zip").toString(), "-d", unpacked.toString()), Map.of());
        assertEquals(0, unzip.code(), unzip.err());
        home = unpacked.resolve("capcert-" + VERSION);
    }

    @Test
    void jarCarriesJavaFxForEveryDesktopEachPlatformsNativesInItsOwnFolder() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (Map.Entry<String, String> platform : PLATFORMS.entrySet()) {
                int natives = 0;
                for (String module : List.of("base", "graphics", "controls")) {
                    Path fx = Path.of(System.getProperty("capcert.localRepository"), "org/openjfx", "javafx-" + module, JAVAFX,
                            "javafx-" + module + "-" + JAVAFX + "-" + platform.getKey() + ".jar");
                    try (JarFile original = new JarFile(fx.toFile())) {
                        for (JarEntry entry : original.stream().toList()) {
                            String name = entry.getName();
                            if (isNative(name)) {
                                JarEntry copy = jar.getJarEntry("capcert/ui/natives/" + platform.getValue() + "/" + name);
                                assertTrue(copy != null && copy.getCrc() == entry.getCrc() && copy.getSize() == entry.getSize(),
                                        fx.getFileName() + " " + name + " is not in the jar's " + platform.getValue() + " folder as it is");
                                natives++;
                            } else if (name.endsWith(".class") && !name.equals("module-info.class")) {
                                assertTrue(jar.getJarEntry(name) != null, fx.getFileName() + " " + name + " is not in the jar");
                            }
                        }
                    }
                }
                assertTrue(natives >= 7, platform + ": " + natives + " native libraries");
            }
            List<String> atRoot = jar.stream().map(JarEntry::getName).filter(n -> !n.contains("/") && isNative(n)).toList();
            assertEquals(List.of(), atRoot, "natives at the jar's root would be loaded whatever the platform");
        }
    }

    private static boolean isNative(String name) {
        return !name.contains("/") && (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll"));
    }

    @Test
    void commandsNeverLoadJavaFx() throws Exception {
        for (List<String> command : List.of(List.of("--version"), List.of("list", CAPTURE),
                List.of("check-cert", "--chain", "test-captures/pki/intermediate-ca.crt", "test-captures/pki/server.crt"))) {
            List<String> java = new ArrayList<>(List.of(javaBinary(), "-verbose:class", "-jar", JAR.toString()));
            java.addAll(command.stream().map(a -> a.startsWith("examples/") ? home.resolve(a).toString() : a).toList());
            Run run = run(java, Map.of());
            assertTrue(run.out().contains("capcert.cli.Main"), "no class loading was logged: " + run.err());
            List<String> javafx = run.out().lines().filter(l -> JAVAFX_CLASS.matcher(l).find()).limit(3).toList();
            assertEquals(List.of(), javafx, command + " loaded JavaFX");
        }
    }

    @Test
    void zipHoldsLauncherJarManPagesCompletionAndNotices() throws IOException {
        for (String file : List.of("bin/capcert", "bin/capcert.cmd", "lib/capcert.jar", "LICENSE", "THIRD-PARTY.txt", "README.md",
                "completion/capcert.bash", "completion/capcert.zsh", CAPTURE)) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/capcert")));
        assertTrue(Files.readString(home.resolve("bin/capcert.cmd")).contains("\r\n"), "the Windows launcher has CRLF line ends");
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
        for (String command : List.of("", "-list", "-export", "-check", "-check-cert", "-trust-lint", "-convert", "-diff", "-report", "-view")) {
            Path page = home.resolve("man/man1/capcert" + command + ".1");
            String troff = Files.readString(page);
            assertTrue(troff.contains(".TH \"CAPCERT" + command.toUpperCase(Locale.ROOT).replace("-", "\\-") + "\" \"1\""), page + " is not a man page: "
                    + troff.substring(0, Math.min(300, troff.length())));
        }
    }

    @Test
    void thirdPartyNoticeNamesEveryBundledLibrary() throws IOException {
        String notice = Files.readString(home.resolve("THIRD-PARTY.txt"));
        // Lines of "mvn dependency:list": "   group:artifact:jar[:classifier]:version:scope -- module ...".
        Pattern dependency = Pattern.compile("^\\s+([^:\\s]+):([^:\\s]+):jar(?::[^:\\s]+)?:([^:\\s]+):(compile|runtime)", Pattern.MULTILINE);
        Matcher m = dependency.matcher(Files.readString(TARGET.resolve("bundled-libraries.txt")));
        TreeSet<String> missing = new TreeSet<>();
        int libraries = 0;
        while (m.find()) {
            libraries++;
            String coordinates = m.group(1) + ":" + m.group(2) + ":" + m.group(3);
            if (!notice.contains(coordinates)) missing.add(coordinates);
        }
        assertTrue(libraries >= 10, "bundled-libraries.txt lists " + libraries);
        assertEquals(new TreeSet<>(), missing, "bundled but not in THIRD-PARTY.txt");
    }

    @Test
    void launcherRunsTheCommandsAsTheJarDoes() throws Exception {
        Run version = launcher(Map.of(), "--version");
        assertEquals(0, version.code(), version.err());
        List<String> lines = version.out().lines().toList();
        assertEquals("capcert " + VERSION, lines.get(0));
        assertTrue(lines.get(1).matches("commit ([0-9a-f]{7,40}(-dirty)?|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lines.get(1));
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version") + " ("), lines.get(2));
        assertTrue(lines.get(3).startsWith("viewer: can run (JavaFX " + JAVAFX + " for "), lines.get(3));

        Run list = launcher(Map.of(), "list", home.resolve(CAPTURE).toString());
        Run direct = run(List.of(javaBinary(), "-jar", JAR.toString(), "list", home.resolve(CAPTURE).toString()), Map.of());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("alert: client sent fatal unknown_ca (frame 16)"), list.out());
        assertEquals(direct.out(), list.out());

        Path link = Files.createSymbolicLink(unpacked.resolve("capcert-link"), home.resolve("bin/capcert"));
        Run linked = run(List.of(link.toString(), "--version"), Map.of());
        assertEquals(version.out().lines().findFirst(), linked.out().lines().findFirst(), linked.err());
    }

    @Test
    void launcherLeavesTheSecondCompilerOutButForTheViewer() throws Exception {
        Map<String, String> flags = Map.of("CAPCERT_OPTS", "-XX:+PrintCommandLineFlags");
        assertTrue(launcher(flags, "list", home.resolve(CAPTURE).toString()).out().contains("-XX:TieredStopAtLevel=1"));
        assertTrue(launcher(flags, "check-cert", "test-captures/pki/server.crt").out().contains("-XX:TieredStopAtLevel=1"));
        assertTrue(launcher(flags, "--version").out().contains("-XX:TieredStopAtLevel=1"));
        Run viewHelp = launcher(flags, "--debug", "view", "--help");
        assertTrue(viewHelp.out().contains("Usage: capcert view"), viewHelp.out());
        assertFalse(viewHelp.out().contains("TieredStopAtLevel"), viewHelp.out());
    }

    @Test
    void launcherSaysWhatIsWrongWithJava(@TempDir Path tools) throws Exception {
        // A PATH with the commands the launcher uses, and no java.
        for (String tool : List.of("sh", "dirname", "readlink", "sed", "head")) {
            Path real = Path.of(run(List.of("sh", "-c", "command -v " + tool), Map.of()).out().trim());
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        Run noJava = run(List.of(home.resolve("bin/capcert").toString(), "--version"), Map.of("PATH", tools.toString(), "JAVA_HOME", ""));
        assertEquals(4, noJava.code());
        assertTrue(noJava.err().startsWith("capcert: no Java found: install Java 17 or later"), noJava.err());

        Run wrongHome = launcher(Map.of("JAVA_HOME", tools.resolve("nowhere").toString()), "--version");
        assertEquals(4, wrongHome.code());
        assertTrue(wrongHome.err().contains("JAVA_HOME is " + tools.resolve("nowhere") + ", but"), wrongHome.err());

        Path old = Files.createDirectories(tools.resolve("jdk8/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n");
        old.resolve("java").toFile().setExecutable(true);
        Run tooOld = launcher(Map.of("JAVA_HOME", tools.resolve("jdk8").toString()), "--version");
        assertEquals(4, tooOld.code());
        assertTrue(tooOld.err().contains("needs Java 17 or later, and " + old.resolve("java") + " is Java 1.8.0_392"), tooOld.err());
    }

    @Test
    void viewerOpensAWindowOnTheNativesItUnpacked(@TempDir Path cache) throws Exception {
        assumeTrue(run(List.of("sh", "-c", "command -v xvfb-run"), Map.of()).code() == 0, "xvfb-run is not installed (.ci/run installs xvfb)");
        Path log = cache.resolve("viewer.log");
        ProcessBuilder viewer = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1024x768x24",
                home.resolve("bin/capcert").toString(), "view", home.resolve(CAPTURE).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // JavaFX's loader says where it found each native library.
        viewer.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "XDG_CACHE_HOME", cache.toString(),
                "CAPCERT_OPTS", "-Djavafx.verbose=true"));
        Process process = viewer.start();
        try {
            String glassGtk = "/" + JavaFxNatives.platform().orElseThrow() + "/libglassgtk3.so from java.library.path";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(log).contains(glassGtk) && process.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
            String output = Files.readString(log);
            assertTrue(output.contains("Loaded " + cache.resolve("capcert/javafx")) && output.contains(glassGtk), output);
            Thread.sleep(3000);
            assertTrue(process.isAlive(), "the viewer ended: " + Files.readString(log));
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void bashCompletionCompletesSubcommandsAndOptions() throws Exception {
        String script = "source " + home.resolve("completion/capcert.bash") + "\n"
                + "COMP_WORDS=(capcert li); COMP_CWORD=1; COMP_LINE='capcert li'; COMP_POINT=10; _complete_capcert; echo \"${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(capcert list --js); COMP_CWORD=2; COMP_LINE='capcert list --js'; COMP_POINT=17; _complete_capcert; echo \"${COMPREPLY[*]}\"\n";
        Run bash = run(List.of("bash", "-c", script), Map.of());
        assertEquals(List.of("list", "--json"), bash.out().lines().toList(), bash.err());
    }

    private static Run launcher(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/capcert").toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", System.getProperty("java.home")));
        env.putAll(environment);
        return run(command, env);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("capcert-it-", ".out");
        Path err = Files.createTempFile("capcert-it-", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
