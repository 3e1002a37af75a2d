package capcert.cli;

import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verdicts as text, worst first: one line each ({@code FAIL CH2  leaf.example [3f2a…]  message})
 * with the remedy on an indented {@code →} line below, PASS verdicts folded into one line unless
 * verbose. Severities are coloured (red FAIL, yellow WARN, cyan INFO, green PASS) when asked.
 */
final class VerdictPrinter {

    static final Comparator<Verdict> WORST_FIRST = Comparator.comparing(Verdict::severity).reversed();

    private static final String RESET = "\u001b[0m";
    /** Width of "FAIL CH2  ", where a verdict's text starts. */
    private static final int TEXT_COLUMN = 10;

    private final PrintWriter out;
    private final boolean colour;
    private final boolean verbose;
    private final CertificateLabels labels;

    VerdictPrinter(PrintWriter out, boolean colour, boolean verbose, CertificateLabels labels) {
        this.out = out;
        this.colour = colour;
        this.verbose = verbose;
        this.labels = labels;
    }

    /** {@code [FAIL]}, coloured. */
    String badge(Severity severity) {
        return "[" + severity(severity) + "]";
    }

    String severity(Severity severity) {
        return paint(severity, severity.name());
    }

    /** Red, for outcomes that are not verdicts but fail just the same. */
    String failure(String text) {
        return paint(Severity.FAIL, text);
    }

    /** Prints {@code verdicts} worst first, each line starting with {@code indent}. */
    void print(List<Verdict> verdicts, String indent) {
        List<Verdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(WORST_FIRST);
        List<Verdict> passed = new ArrayList<>();
        for (Verdict verdict : sorted) {
            if (verdict.severity() == Severity.PASS && !verbose) {
                passed.add(verdict);
                continue;
            }
            String about = labels.label(verdict.certificate()).map(label -> label + "  ").orElse("");
            out.println(indent + severity(verdict.severity()) + " " + verdict.rule() + "  "
                    + about + Text.safe(verdict.message()));
            if (!verdict.remedy().isBlank()) {
                out.println(indent + " ".repeat(TEXT_COLUMN) + "→ " + Text.safe(verdict.remedy()));
            }
        }
        if (!passed.isEmpty()) {
            Set<Rule> rules = new LinkedHashSet<>();
            for (Verdict verdict : passed) rules.add(verdict.rule());
            out.println(indent + severity(Severity.PASS) + " ".repeat(TEXT_COLUMN - 4) + passed.size()
                    + (passed.size() == 1 ? " check" : " checks") + " passed: "
                    + rules.stream().map(Rule::name).collect(Collectors.joining(" ")));
        }
        if (verdicts.isEmpty()) out.println(indent + " ".repeat(TEXT_COLUMN) + "no verdicts");
    }

    /** {@code "2 FAIL, 1 WARN"}: how many verdicts of the two severities that need action. */
    static String counts(List<Verdict> verdicts) {
        long fail = verdicts.stream().filter(v -> v.severity() == Severity.FAIL).count();
        long warn = verdicts.stream().filter(v -> v.severity() == Severity.WARN).count();
        long unknown = verdicts.stream().filter(v -> v.severity() == Severity.UNKNOWN).count();
        // UNKNOWN (what a capture lost) is counted only when there is some, so the usual line stays as it was.
        return fail + " FAIL, " + warn + " WARN" + (unknown == 0 ? "" : ", " + unknown + " UNKNOWN");
    }

    private String paint(Severity severity, String text) {
        if (!colour) return text;
        String code = switch (severity) {
            case FAIL -> "\u001b[31m";
            case WARN -> "\u001b[33m";
            case UNKNOWN -> "\u001b[35m";
            case INFO -> "\u001b[36m";
            case PASS -> "\u001b[32m";
        };
        return code + text + RESET;
    }
}
