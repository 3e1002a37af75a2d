package capcert.cli;

/** What a script can tell from the exit status. */
final class ExitCodes {
    static final int OK = 0;
    /** Some input was damaged or unreadable; everything readable was still reported. */
    static final int INPUT_PROBLEMS = 1;
    static final int USAGE = 2;
    static final int FAILED = 3;

    private ExitCodes() {
    }
}
