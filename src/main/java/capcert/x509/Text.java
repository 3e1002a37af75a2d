package capcert.x509;

/** How decoding errors read in one-line messages. */
final class Text {

    private Text() {
    }

    /** A parser's message on one line; its class name when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
