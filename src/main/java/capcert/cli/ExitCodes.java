package capcert.cli;

/** What a script can tell from the exit status. */
final class ExitCodes {
    static final int OK = 0;
    /** Some input was damaged or unreadable; everything readable was still reported. */
    static final int INPUT_PROBLEMS = 1;
    /** {@code diff}: the chains changed, as diff(1) says 1 when its files differ. */
    static final int DIFFERENT = 1;
    static final int USAGE = 2;
    /** A certificate check gave a FAIL verdict; wins over {@link #INPUT_PROBLEMS}. */
    static final int CHECK_FAILED = 3;
    /** 4, not 3: status 3 is left to mean "a certificate check failed" for the verdict commands. */
    static final int FAILED = 4;

    private ExitCodes() {
    }
}
