package capcert.ui;

import capcert.net.Endpoint;

/** Text from a capture, made fit for a label. */
final class Labels {

    private Labels() {
    }

    /**
     * Subjects, SNI and notes are chosen by whoever made the certificate or the traffic: a bidi
     * override or a line break in them could make a label read as something else. Such characters
     * are shown as {@code \xNN} or {@code \}{@code uNNNN}, as the command line shows them.
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

    /** The address alone, written as in {@link Endpoint#toString()} (IPv6 shortened, no brackets). */
    static String host(Endpoint endpoint) {
        String text = endpoint.toString();
        String host = text.substring(0, text.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
