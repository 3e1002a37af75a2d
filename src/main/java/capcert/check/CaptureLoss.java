package capcert.check;

import capcert.tls.Handshake;
import capcert.tls.Role;

import java.util.Locale;
import java.util.Optional;

/**
 * A capture that lost part of a Certificate message (packets missed, or a file cut short) shows a
 * chain shorter than the peer sent: what depends on the missing certificates cannot be judged, and
 * saying the server left them out would send the engineer to fix a server that is fine. Such
 * verdicts are UNKNOWN, and say what the capture lost.
 */
final class CaptureLoss {

    private CaptureLoss() {
    }

    /**
     * The handshake's note saying that the Certificate message from {@code sender} was cut, if one does.
     * The TLS layer writes these notes (see {@code TlsStreamParser} and {@code HandshakeMessages}).
     */
    static Optional<String> of(Handshake handshake, Role sender) {
        String side = sender == Role.SERVER ? "server" : "client";
        for (String note : handshake.notes()) {
            String n = note.toLowerCase(Locale.ROOT);
            if (n.startsWith("certificate message from the " + side + " incomplete")
                    || n.startsWith("malformed certificate message from the " + side)) {
                return Optional.of(note);
            }
        }
        return Optional.empty();
    }

    /** An UNKNOWN verdict about {@code about}: {@code what} cannot be told because the capture lost part of the chain. */
    static Verdict unknown(CheckedChain chain, Rule rule, Cert about, String what) {
        return new Verdict(rule, Severity.UNKNOWN, Optional.of(about.sha256()),
                "Unknown: the capture lost part of the " + chain.sender() + "'s Certificate message ("
                        + chain.captureLoss().orElse("") + "), so " + what + " cannot be told from it: the missing"
                        + " certificates may be the very ones needed.",
                "Capture the handshake again, whole (a capture filter with a large enough snap length, no packet loss).");
    }
}
