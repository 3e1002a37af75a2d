package capcert.report;

import capcert.net.EapSession;
import capcert.tls.Handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a tunnelled handshake is named where people read it: the EAP method and what names the
 * supplicant (a handshake inside EAP has no SNI), and the TURN server that relayed it. Capture
 * text, not yet escaped for a terminal or a page.
 */
public final class TunnelText {

    private TunnelText() {
    }

    /** {@code PEAP identity anonymous, station 02-00-5e-00-53-01, NAS sw1 (192.0.2.7)}, or empty outside EAP. */
    public static Optional<String> eap(Handshake h) {
        return h.eap().map(TunnelText::eap);
    }

    public static String eap(EapSession eap) {
        List<String> parts = new ArrayList<>();
        eap.identity().ifPresent(i -> parts.add("identity " + i));
        eap.callingStation().ifPresent(s -> parts.add("station " + s));
        String nas = eap.nasIdentifier().map(n -> n + eap.nasAddress().map(a -> " (" + a + ")").orElse(""))
                .or(eap::nasAddress).orElse("");
        if (!nas.isEmpty()) parts.add("NAS " + nas);
        return eap.method().label() + (parts.isEmpty() ? "" : " " + String.join(", ", parts));
    }

    /** {@code via 192.0.2.1:3478} for DTLS relayed by TURN, or empty. */
    public static Optional<String> relay(Handshake h) {
        return h.relay().map(r -> "via " + r);
    }
}
