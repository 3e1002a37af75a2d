package capcert.cli;

import capcert.check.Severity;
import capcert.check.Verdict;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How verdicts are printed: one line each, {@code SEVERITY RULE message}, the remedy indented below;
 * the severity coloured when standard output is a terminal, unless {@code --no-color}.
 */
final class VerdictOutput {

    @Option(names = "--no-color", description = "No colours, even on a terminal.")
    private boolean noColor;

    private static final Map<Severity, String> STYLE = new EnumMap<>(Map.of(
            Severity.FAIL, "bold,red", Severity.WARN, "yellow", Severity.INFO, "cyan", Severity.PASS, "green"));

    /** Picocli's AUTO colours only when there is a console (and honours NO_COLOR and friends). */
    private Ansi ansi() {
        return noColor ? Ansi.OFF : Ansi.AUTO;
    }

    void print(PrintWriter out, String indent, List<Verdict> verdicts) {
        for (Verdict v : verdicts) {
            out.println(indent + label(v.severity()) + " " + v.rule() + "  " + Text.safe(v.message()));
            if (!v.remedy().isEmpty()) out.println(indent + "          remedy: " + Text.safe(v.remedy()));
        }
    }

    /** "FAIL" in colour, padded to one width. */
    String label(Severity severity) {
        String name = String.format("%-4s", severity);
        return ansi().string("@|" + STYLE.get(severity) + " " + name + "|@");
    }

    /** "1 FAIL, 2 WARN, 0 INFO, 5 PASS" */
    String counts(List<Verdict> verdicts) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Verdict v : verdicts) counts.merge(v.severity(), 1, Integer::sum);
        StringBuilder out = new StringBuilder();
        for (Severity s : List.of(Severity.FAIL, Severity.WARN, Severity.INFO, Severity.PASS)) {
            if (out.length() > 0) out.append(", ");
            out.append(counts.getOrDefault(s, 0)).append(' ').append(label(s));
        }
        return out.toString();
    }
}
