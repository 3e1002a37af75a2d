package capcert.cli;

import capcert.ui.JavaFxNatives;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/** The {@code capcert} command: parses arguments, runs a subcommand, turns failures into one line. */
@Command(name = "capcert",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Pull X.509 certificates out of packet captures (pcap, pcapng).",
        subcommands = HelpCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:everything read, no problems",
                "1:problems found in a capture, or an input file could not be read",
                "2:usage error",
                "3:a check found a FAIL (check, check-cert, report, trust-lint; wins over 1)",
                "4:the command could not finish (export or report refused or failed, internal error)"})
public final class Main implements Runnable {

    /** Made before it is needed: there may be no memory left to build it then. */
    static final String OUT_OF_MEMORY = "capcert: out of memory: give Java more memory, e.g. CAPCERT_OPTS=-Xmx4g "
            + "with bin/capcert, or java -Xmx4g -jar capcert.jar ...";

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    private boolean debug;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        Preload.start(subcommandName(args));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(runToEnd(Context.system(), out, err, args));
    }

    /** {@link #run} with the errors that get past picocli's handler (out of memory, linkage) ended in one line. */
    static int runToEnd(Context context, PrintWriter out, PrintWriter err, String... args) {
        try {
            return run(context, out, err, args);
        } catch (OutOfMemoryError e) {
            // Wherever the heap ran out (a reading thread, the report, the checker), the one rule.
            err.println(OUT_OF_MEMORY);
            return ExitCodes.FAILED;
        } catch (Throwable t) {
            err.println("capcert: internal error: " + t);
            if (java.util.Arrays.asList(args).contains("--debug")) t.printStackTrace(err);
            return ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs one command line in {@code context}, writing to the given streams; returns the exit code. */
    static int run(Context context, PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        // Picocli reflects over every option of a subcommand it is given, a tenth of a second for
        // all of them: build only the one named, all of them for top-level help and mistakes.
        String named = subcommandName(args);
        List<Subcommand> chosen = SUBCOMMANDS.stream().filter(s -> s.name().equals(named)).toList();
        CommandLine cli = commandLine(main, context, chosen.isEmpty() ? SUBCOMMANDS : chosen);
        cli.setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    commandLine.getErr().println("capcert: " + Text.safe(Failures.describe(e)));
                    if (main.debug) e.printStackTrace(commandLine.getErr());
                    return ExitCodes.FAILED;
                });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The whole command with every subcommand, as the man pages and shell completion describe it (built by packaging/ReferenceDocs.java). */
    public static CommandLine reference() {
        return commandLine(new Main(), Context.system(), SUBCOMMANDS);
    }

    private static CommandLine commandLine(Main main, Context context, List<Subcommand> subcommands) {
        CommandLine cli = new CommandLine(main);
        for (Subcommand subcommand : subcommands) cli.addSubcommand(subcommand.create().apply(context));
        return cli.setCaseInsensitiveEnumValuesAllowed(true);
    }

    private record Subcommand(Class<?> type, Function<Context, Object> create) {
        String name() {
            return type.getAnnotation(Command.class).name();
        }
    }

    /** In the order {@code capcert --help} lists them. */
    private static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand(ListCommand.class, ListCommand::new),
            new Subcommand(ExportCommand.class, context -> new ExportCommand(context.scanner())),
            new Subcommand(CheckCommand.class, CheckCommand::new),
            new Subcommand(CheckCertCommand.class, CheckCertCommand::new),
            new Subcommand(TrustLintCommand.class, TrustLintCommand::new),
            new Subcommand(ConvertCommand.class, context -> new ConvertCommand()),
            new Subcommand(DiffCommand.class, context -> new DiffCommand(context.scanner())),
            new Subcommand(ReportCommand.class, ReportCommand::new),
            new Subcommand(ViewCommand.class, context -> new ViewCommand()));

    /** The first argument that is not an option: only {@code --debug}, {@code -h} and {@code -V} come before it, none with a value. */
    static String subcommandName(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) return arg;
        }
        return "";
    }

    /** The error and a pointer to help, rather than picocli's full usage text after every typo. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("capcert: " + Text.safe(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    /**
     * What {@code --version} prints: the build, the Java running it, and whether the viewer can run
     * here, told from the jar's contents without loading JavaFX.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties build = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/capcert/build.properties")) {
                if (in != null) build.load(in);
            } catch (IOException e) {
                // Then the lines below say "unknown".
            }
            return new String[] {
                    "capcert " + build.getProperty("version", "(development build)"),
                    "commit " + build.getProperty("commit", "unknown") + ", built " + build.getProperty("built", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                            + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ") at "
                            + System.getProperty("java.home"),
                    "viewer: " + viewer("JavaFX " + build.getProperty("javafx", "")),
            };
        }

        private static String viewer(String javafx) {
            String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
            Optional<String> platform = JavaFxNatives.platform();
            if (platform.isEmpty() || !JavaFxNatives.bundled(platform.get())) {
                return "cannot run on " + os + ": this build carries " + javafx + " for " + JavaFxNatives.PLATFORMS;
            }
            String here = "can run (" + javafx + " for " + platform.get() + ")";
            boolean linux = platform.get().startsWith("linux");
            if (linux && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
                return here + ", but there is no display here (DISPLAY is not set): use xvfb-run or X11 forwarding";
            }
            return here;
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }
}
