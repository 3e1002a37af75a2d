package capcert.cli;

import capcert.capture.Problem;
import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Evidence;
import capcert.tls.Handshake;

import java.io.Console;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the commands depend on besides their arguments: the capture reader, the verdict engine for
 * the options given and whether standard output is a terminal that takes colour. {@link Main#main}
 * runs on the real ones; tests pass their own.
 */
record Context(Scanner scanner, Function<CheckOptions, HandshakeChecker> checker,
               Function<CheckOptions, ChainChecker> chainChecker, boolean colourTerminal) {

    static Context system() {
        return new Context(new FileOrStandardInput(), options -> new Checker(options, CommandLineWording.INSTANCE)::check,
                options -> new Checker(options, CommandLineWording.INSTANCE)::checkChain,
                colours(stdoutIsTerminal(), System.getenv("NO_COLOR")));
    }

    /** The real reader; {@code -} reads standard input. */
    private static final class FileOrStandardInput implements Scanner {
        @Override
        public CaptureResult scan(CaptureScanner scanner, Path file) {
            return isStandardInput(file) ? scanner.scan(file, Channels.newChannel(System.in)) : scanner.scan(file);
        }

        @Override
        public List<Problem> stream(CaptureScanner scanner, Path file, Consumer<Handshake> handshakes,
                                    Consumer<Evidence> evidence) {
            return isStandardInput(file) ? scanner.scan(Channels.newChannel(System.in), handshakes, evidence)
                    : scanner.scan(file, handshakes, evidence);
        }

        private static boolean isStandardInput(Path file) {
            return file.toString().equals(CaptureInputs.STANDARD_INPUT);
        }
    }

    /** Colour only on a terminal, and never when NO_COLOR is set to anything but "" (no-color.org). */
    static boolean colours(boolean terminal, String noColor) {
        return terminal && (noColor == null || noColor.isEmpty());
    }

    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            // From Java 22 there is a console even when output is redirected; isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
