package capcert.check;

/** How bad a verdict is; declared from best to worst, so {@code compareTo} orders by badness. */
public enum Severity {
    PASS, INFO, WARN, FAIL;

    public static Severity worst(Iterable<Verdict> verdicts) {
        Severity worst = PASS;
        for (Verdict v : verdicts) {
            if (v.severity().compareTo(worst) > 0) worst = v.severity();
        }
        return worst;
    }
}
