package capcert.cli;

/** Text for a terminal. */
final class Text {

    private Text() {
    }

    /**
     * Subjects, SNI and notes come from the capture: an escape sequence or a bidi override in them
     * could rewrite the terminal. Such characters are shown as {@code \xNN} or {@code \}{@code uNNNN}.
     */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** At most {@code width} characters, marking a cut with an ellipsis. */
    static String fit(String text, int width) {
        if (text.length() <= width) return text;
        if (width <= 1) return "…".substring(0, width);
        return text.substring(0, width - 1) + "…";
    }
}
