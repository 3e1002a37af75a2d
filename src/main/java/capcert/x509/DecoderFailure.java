package capcert.x509;

/**
 * An {@link Error} a library threw while decoding one item: that item is not decoded, the rest go
 * on. {@link BerBounds} keeps the known causes away (the stack a deep nesting needs), so this is the
 * last line; running out of memory is the one error not caught here, since it is the whole run's.
 */
public final class DecoderFailure {

    private DecoderFailure() {
    }

    /** Why the item was not decoded, in one line; rethrows an {@link OutOfMemoryError}. */
    public static String describe(Error e) {
        if (e instanceof OutOfMemoryError memory) throw memory;
        return "the decoder failed (" + e.getClass().getSimpleName() + ")";
    }
}
