package capcert.check;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions over verdict lists, with the whole list in every failure message. */
final class Verdicts {

    private Verdicts() {
    }

    static List<Verdict> of(List<Verdict> all, Rule rule) {
        return all.stream().filter(v -> v.rule() == rule).toList();
    }

    static List<Verdict> of(List<Verdict> all, Rule rule, Severity severity) {
        return all.stream().filter(v -> v.rule() == rule && v.severity() == severity).toList();
    }

    /** The first verdict of that rule and severity whose message has every fragment (which may start its sentence). */
    static Verdict find(List<Verdict> all, Rule rule, Severity severity, String... fragments) {
        for (Verdict v : of(all, rule, severity)) {
            boolean every = true;
            for (String f : fragments) {
                every &= v.message().contains(f) || v.message().startsWith(Character.toUpperCase(f.charAt(0)) + f.substring(1));
            }
            if (every) return v;
        }
        return fail("no " + severity + " " + rule + " with " + List.of(fragments) + " in\n" + show(all));
    }

    static void none(List<Verdict> all, Rule rule, Severity severity) {
        assertTrue(of(all, rule, severity).isEmpty(), "unexpected " + severity + " " + rule + " in\n" + show(all));
    }

    static void noFail(List<Verdict> all) {
        assertFalse(all.stream().anyMatch(v -> v.severity() == Severity.FAIL), "unexpected FAIL in\n" + show(all));
    }

    static String show(List<Verdict> all) {
        return all.stream().map(v -> v.severity() + " " + v.rule() + " " + v.certificate().map(s -> s.substring(0, 8)).orElse("--------")
                + " " + v.message() + (v.remedy().isEmpty() ? "" : "\n      -> " + v.remedy()))
                .collect(Collectors.joining("\n"));
    }
}
