package capcert.report;

/** Text from a capture, made safe to show a person. */
public final class SafeText {

    private SafeText() {
    }

    /**
     * Subjects, SNI and notes are chosen by whoever made the certificate or the traffic: an escape
     * sequence, a bidi override or a line break in them could rewrite a terminal or make a label read
     * as something else. Such characters are shown as {@code \xNN} or {@code \}{@code uNNNN}.
     */
    public static String escape(String text) {
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
}
