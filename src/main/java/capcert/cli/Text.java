package capcert.cli;

import capcert.report.SafeText;

/** Text for a terminal. */
final class Text {

    private Text() {
    }

    /** Capture text with control and bidi characters escaped, as {@link SafeText#escape} does. */
    static String safe(String text) {
        return SafeText.escape(text);
    }

    /** {@code "1 handshake"}, {@code "2 handshakes"}: nouns that take an s. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** At most {@code width} characters, marking a cut with an ellipsis. */
    static String fit(String text, int width) {
        if (text.length() <= width) return text;
        if (width <= 1) return "…".substring(0, width);
        return text.substring(0, width - 1) + "…";
    }
}
