package capcert.capture;

/** A problem or note that says a {@link Limit} was reached. */
public interface LimitReached {

    Limit limit();

    /**
     * The message with a face's words on how to raise the limit (the command line's
     * {@code " (raise the limit with --max-buffer)"}) where they belong; {@code ""} adds nothing.
     */
    String message(String howToRaise);
}
