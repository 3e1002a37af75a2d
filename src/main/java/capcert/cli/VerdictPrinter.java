package capcert.cli;

import capcert.check.Severity;
import capcert.report.TextWrap;
import capcert.check.Verdict;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Verdicts as text, worst first: one verdict each ({@code FAIL CH2  leaf.example [3f2a…]  message})
 * with the remedy on an indented {@code →} line below, both wrapped to the width with a hanging
 * indent; PASS verdicts folded into a count unless verbose, PASS and INFO left out when only
 * problems are asked for. Severities are coloured (red FAIL, yellow WARN, cyan INFO, green PASS)
 * when asked.
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
    private final OptionalInt width;
    private final boolean problemsOnly;

    /**
     * @param width        columns to wrap to; empty for one line per verdict
     * @param problemsOnly leave PASS and INFO verdicts out
     */
    VerdictPrinter(PrintWriter out, boolean colour, boolean verbose, CertificateLabels labels, OptionalInt width,
                   boolean problemsOnly) {
        this.out = out;
        this.colour = colour;
        this.verbose = verbose;
        this.labels = labels;
        this.width = width;
        this.problemsOnly = problemsOnly;
    }

    /** Whether a verdict is shown at all. */
    boolean shows(Verdict verdict) {
        return !problemsOnly || verdict.severity().compareTo(Severity.UNKNOWN) >= 0;
    }

    /** {@code [FAIL]}, coloured. */
    private String badge(Severity severity) {
        return "[" + severity(severity) + "]";
    }

    String severity(Severity severity) {
        return paint(severity, severity.name());
    }

    /** Red, for outcomes that are not verdicts but fail just the same. */
    String failure(String text) {
        return paint(Severity.FAIL, text);
    }

    /** {@code [FAIL] text}, wrapped under the text's first word. */
    void printHeading(String indent, Severity worst, String text) {
        String lead = indent + "[" + worst.name() + "] ";
        printWrapped(lead, indent + badge(worst) + " ", " ".repeat(lead.length()), text);
    }

    /** Prints {@code verdicts} worst first, each line starting with {@code indent}. */
    void print(List<Verdict> verdicts, String indent) {
        List<Verdict> sorted = new ArrayList<>(verdicts);
        sorted.sort(WORST_FIRST);
        int passed = 0;
        String hanging = indent + " ".repeat(TEXT_COLUMN);
        for (Verdict verdict : sorted) {
            if (!shows(verdict)) continue;
            if (verdict.severity() == Severity.PASS && !verbose) {
                passed++;
                continue;
            }
            String about = labels.label(verdict.certificate()).map(label -> label + "  ").orElse("");
            String head = verdict.severity().name() + " " + verdict.rule();
            String lead = indent + head + " ".repeat(Math.max(1, TEXT_COLUMN - head.length()));
            printWrapped(lead, indent + severity(verdict.severity()) + lead.substring(indent.length() + verdict.severity().name().length()), hanging,
                    about + Text.safe(verdict.message()));
            if (!verdict.remedy().isBlank()) printWrapped(hanging + "→ ", hanging + "→ ", hanging + "  ", Text.safe(verdict.remedy()));
        }
        if (passed > 0) out.println(indent + severity(Severity.PASS) + " ".repeat(TEXT_COLUMN - 4) + Text.count(passed, "check") + " passed");
        if (verdicts.isEmpty()) out.println(hanging + "no verdicts");
    }

    /**
     * {@code text} after {@code lead} (as it is shown: {@code shownLead}, perhaps coloured), its further
     * lines after {@code hanging}; words are never cut, a word longer than a line keeps a line of its own.
     */
    private void printWrapped(String lead, String shownLead, String hanging, String text) {
        if (width.isEmpty()) {
            out.println(shownLead + text);
            return;
        }
        List<String> lines = TextWrap.lines(text, lead.length(), hanging, width.getAsInt());
        out.println(shownLead + lines.get(0));
        for (String line : lines.subList(1, lines.size())) out.println(line);
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
