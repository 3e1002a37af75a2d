package capcert.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.OptionalInt;

/**
 * How wide the text of {@code list}, {@code check} and {@code check-cert} may run: the terminal's
 * width on a terminal, {@code --width} when given, no limit with {@code --wide}.
 */
final class WidthOptions {

    static final int MIN_WIDTH = 40;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private Integer width;

    @Option(names = "--width", paramLabel = "COLUMNS",
            description = "Fit the text to COLUMNS (default: the terminal's width on a terminal).")
    private void width(int columns) {
        if (columns < MIN_WIDTH) {
            throw new ParameterException(spec.commandLine(), "Invalid value " + columns + " for --width: expected "
                    + MIN_WIDTH + " or more");
        }
        width = columns;
    }

    @Option(names = "--wide", description = "Never cut nor wrap a line, even on a terminal.")
    private boolean wide;

    /** Refuses {@code --width} and {@code --wide} beside an output they do not shape, such as {@code --json}. */
    void refuseWith(boolean given, String option) {
        if (given) refuse("shapes text, not " + option + ": give one of them");
    }

    /** Refuses {@code --width} and {@code --wide}, when given, saying {@code why} they do not apply. */
    void refuse(String why) {
        if (width != null) throw new ParameterException(spec.commandLine(), "--width " + why);
        if (wide) throw new ParameterException(spec.commandLine(), "--wide " + why);
    }

    /**
     * The columns to fit to: {@code --width}, else the terminal's width, else {@code otherwise};
     * empty for no limit ({@code --wide}).
     */
    OptionalInt columns(Context context, OptionalInt otherwise) {
        if (wide) return OptionalInt.empty();
        if (width != null) return OptionalInt.of(width);
        OptionalInt terminal = context.terminalColumns().get();
        return terminal.isPresent() ? terminal : otherwise;
    }
}
