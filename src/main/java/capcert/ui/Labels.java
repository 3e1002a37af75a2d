package capcert.ui;

import capcert.net.Endpoint;
import capcert.report.SafeText;

/** Text from a capture, made fit for a label. */
final class Labels {

    private Labels() {
    }

    /** Capture text with control and bidi characters escaped, as the command line shows them. */
    static String safe(String text) {
        return SafeText.escape(text);
    }

    /** The address alone, written as in {@link Endpoint#toString()} (IPv6 shortened, no brackets). */
    static String host(Endpoint endpoint) {
        return endpoint.host();
    }
}
