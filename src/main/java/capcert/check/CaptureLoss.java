package capcert.check;

import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;

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

    /** The handshake's note saying that the Certificate message from {@code sender} was cut or damaged, if one does. */
    static Optional<Note> of(Handshake handshake, Role sender) {
        return handshake.notes().stream()
                .filter(note -> note instanceof Note.CertificateMessageCut cut && cut.from() == sender
                        || note instanceof Note.MalformedCertificateMessage malformed && malformed.from() == sender)
                .findFirst();
    }

    /** An UNKNOWN verdict about {@code about}: {@code what} cannot be told because the capture lost part of the chain. */
    static Verdict unknown(CheckedChain chain, Rule rule, Cert about, String what) {
        return new Verdict(rule, Severity.UNKNOWN, Optional.of(about.sha256()),
                "Unknown: the capture lost part of the " + chain.sender() + "'s Certificate message ("
                        + chain.captureLoss().map(chain.wording()::text).orElse("") + "), so " + what + " cannot be told from it: the missing"
                        + " certificates may be the very ones needed.",
                "Capture the handshake again, whole (a capture filter with a large enough snap length, no packet loss).");
    }
}
