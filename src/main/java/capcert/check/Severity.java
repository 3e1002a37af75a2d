package capcert.check;

/**
 * How bad a verdict is; declared from best to worst, so {@code compareTo} orders by badness.
 * UNKNOWN is a check that could not be made because its input is missing (a capture that lost part
 * of a chain): not a finding against the certificates, and never a reason to fail.
 */
public enum Severity {
    PASS, INFO, UNKNOWN, WARN, FAIL;

    public static Severity worst(Iterable<Verdict> verdicts) {
        Severity worst = PASS;
        for (Verdict v : verdicts) {
            if (v.severity().compareTo(worst) > 0) worst = v.severity();
        }
        return worst;
    }
}
