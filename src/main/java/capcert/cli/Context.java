package capcert.cli;

import java.nio.channels.Channels;
import capcert.check.Checker;
import capcert.tls.CaptureScanner;

import java.io.Console;

/**
 * What the commands depend on besides their arguments: the capture reader, the verdict engine and
 * whether standard output is a terminal that takes colour. {@link Main#main} runs on the real
 * ones; tests pass their own.
 */
record Context(Scanner scanner, HandshakeChecker checker, ChainChecker chainChecker, boolean colourTerminal) {

    static Context system() {
        Scanner fileOrStandardInput = (file, options) -> file.toString().equals(CaptureInputs.STANDARD_INPUT)
                ? CaptureScanner.scan(file, Channels.newChannel(System.in), options)
                : CaptureScanner.scan(file, options);
        return new Context(fileOrStandardInput, Checker::check, Checker::checkChain,
                colours(stdoutIsTerminal(), System.getenv("NO_COLOR")));
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
