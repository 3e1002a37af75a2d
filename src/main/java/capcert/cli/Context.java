package capcert.cli;

import capcert.capture.Problem;
import capcert.check.Checker;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.ScanOptions;

import java.io.Console;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the commands depend on besides their arguments: the capture reader, the verdict engine and
 * whether standard output is a terminal that takes colour. {@link Main#main} runs on the real
 * ones; tests pass their own.
 */
record Context(Scanner scanner, HandshakeChecker checker, ChainChecker chainChecker, boolean colourTerminal) {

    static Context system() {
        return new Context(new FileOrStandardInput(), Checker::check, Checker::checkChain,
                colours(stdoutIsTerminal(), System.getenv("NO_COLOR")));
    }

    /** The real reader; {@code -} reads standard input. */
    private static final class FileOrStandardInput implements Scanner {
        @Override
        public CaptureResult scan(Path file, ScanOptions options) {
            return isStandardInput(file) ? CaptureScanner.scan(file, Channels.newChannel(System.in), options)
                    : CaptureScanner.scan(file, options);
        }

        @Override
        public List<Problem> stream(Path file, ScanOptions options, Consumer<Handshake> handshakes,
                                    Consumer<Evidence> evidence) {
            return isStandardInput(file) ? CaptureScanner.stream(Channels.newChannel(System.in), options, handshakes, evidence)
                    : CaptureScanner.stream(file, options, handshakes, evidence);
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
