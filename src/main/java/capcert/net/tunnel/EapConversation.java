package capcert.net.tunnel;

import capcert.net.EapMethod;
import capcert.net.Side;
import capcert.net.StreamListener;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One EAP authentication between a supplicant (the EAP peer, TLS client) and an authentication
 * server, read for the TLS handshake of a TLS-based method: EAP-TLS (RFC 5216), PEAP, EAP-TTLS
 * (RFC 5281), EAP-FAST (RFC 4851), TEAP (RFC 7170). The packets come in capture order, from EAPOL or
 * RADIUS. Each side's fragments (L, M and S flags) are joined back into its stream of TLS records and
 * handed to a TLS reader opened for that run of the method; Success or Failure ends the run.
 *
 * <p>Retransmissions (a Request again with its Identifier, a Response again to it) are read once. A
 * packet the capture lacks shows as a Response to a Request never seen, or a new Request while the
 * last one went unanswered: that side's bytes are then skipped up to the start of its next TLS
 * message and the reader is told of the gap.
 */
final class EapConversation {

    /** Opens the TLS reader of one run of a method, at the run's first packet. */
    @FunctionalInterface
    interface Opener {
        StreamListener open(EapMethod method, Optional<String> identity, long frame);
    }

    static final int CODE_REQUEST = 1;
    static final int CODE_RESPONSE = 2;
    static final int CODE_SUCCESS = 3;
    static final int CODE_FAILURE = 4;
    static final int HEADER = 4;
    private static final int TYPE_IDENTITY = 1;

    private static final int FLAG_LENGTH = 0x80;
    private static final int FLAG_MORE = 0x40;
    private static final int FLAG_START = 0x20;
    /** TEAP: an Outer TLV Length field follows the Message Length, and Outer TLVs end the message. */
    private static final int FLAG_TEAP_OUTER_TLVS = 0x10;
    private static final int TLS_CHANGE_CIPHER_SPEC = 20;
    private static final int TLS_APPLICATION_DATA = 23;

    private final Opener opener;
    private Optional<String> identity = Optional.empty();
    private EapMethod method;
    private StreamListener listener;
    private final Reassembly fromSupplicant = new Reassembly(Side.ORIGINATOR);
    private final Reassembly fromServer = new Reassembly(Side.RESPONDER);
    private int lastRequest = -1;
    private int lastRequestLength;
    private boolean requestAnswered;
    private int lastResponseLength;

    EapConversation(Opener opener) {
        this.opener = opener;
    }

    /** An identity learnt outside EAP (RADIUS User-Name), kept unless EAP tells its own. */
    void identityIfUnknown(Optional<String> name) {
        if (identity.isEmpty()) identity = name;
    }

    /** One whole EAP packet: {@code b} from {@code p} to {@code end}, its length field already checked. */
    void packet(ByteBuffer b, int p, int end, long frame) {
        if (end - p < HEADER) return;
        int code = b.get(p) & 0xff;
        int identifier = b.get(p + 1) & 0xff;
        int length = end - p;
        switch (code) {
            case CODE_REQUEST -> {
                if (identifier == lastRequest && length == lastRequestLength) return; // retransmitted
                if (lastRequest >= 0 && !requestAnswered && identifier != lastRequest) fromSupplicant.lost();
                lastRequest = identifier;
                lastRequestLength = length;
                requestAnswered = false;
                typed(fromServer, b, p, end, frame);
            }
            case CODE_RESPONSE -> {
                if (identifier == lastRequest && requestAnswered && length == lastResponseLength) return;
                if (identifier != lastRequest && lastRequest >= 0) fromServer.lost();
                lastRequest = identifier;
                requestAnswered = true;
                lastResponseLength = length;
                typed(fromSupplicant, b, p, end, frame);
            }
            case CODE_SUCCESS, CODE_FAILURE -> endRun();
            default -> {
                // EAP Initiate/Finish (re-authentication, RFC 6696) carry no TLS.
            }
        }
    }

    /** The authentication ended or restarted (EAPOL-Start or -Logoff, or the end of the capture). */
    void endRun() {
        if (listener != null) listener.closed();
        listener = null;
        method = null;
        fromSupplicant.reset();
        fromServer.reset();
        lastRequest = -1;
        requestAnswered = false;
    }

    private void typed(Reassembly from, ByteBuffer b, int p, int end, long frame) {
        if (end - p < HEADER + 1) return;
        int type = b.get(p + HEADER) & 0xff;
        int data = p + HEADER + 1;
        if (type == TYPE_IDENTITY) {
            if (from == fromSupplicant) identity = Optional.of(identityText(b, data, end));
            return;
        }
        Optional<EapMethod> tlsMethod = EapMethod.ofType(type);
        if (tlsMethod.isEmpty()) return; // Nak, Notification, MD5, MSCHAPv2 outside a tunnel…
        if (tlsMethod.get() != method) {
            endRun();
            method = tlsMethod.get();
        }
        if (end - data < 1) return;
        int flags = b.get(data) & 0xff;
        if ((flags & FLAG_START) != 0 && from == fromServer) {
            // A new run of the method. Its data, if any, is the server's Authority-ID (EAP-FAST,
            // TEAP Outer TLVs), never TLS.
            if (listener != null) endRun();
            method = tlsMethod.get();
            open(frame);
            return;
        }
        if (listener == null) open(frame);
        from.fragment(b, data, end, flags, frame);
    }

    private void open(long frame) {
        listener = opener.open(method, identity, frame);
    }

    /** The identity as sent, up to a NUL (after which some supplicants put network options). */
    private static String identityText(ByteBuffer b, int p, int end) {
        int stop = p;
        while (stop < end && b.get(stop) != 0) stop++;
        byte[] text = new byte[stop - p];
        b.get(p, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** One side's TLS bytes, joined back from its fragments. */
    private final class Reassembly {
        private final Side side;
        /** Bytes the current message declared (Length flag), or -1 when it did not say. */
        private long declared = -1;
        private long received;
        /** TLS bytes of the current message still to pass on; past them come TEAP Outer TLVs, or nothing. */
        private long tlsLeft = Long.MAX_VALUE;
        private boolean more;
        /** A packet of this side was not captured: skip up to its next message. */
        private boolean lost;

        Reassembly(Side side) {
            this.side = side;
        }

        void reset() {
            declared = -1;
            received = 0;
            tlsLeft = Long.MAX_VALUE;
            more = false;
            lost = false;
        }

        void lost() {
            if (listener != null) lost = true;
        }

        void fragment(ByteBuffer b, int p, int end, int flags, long frame) {
            int q = p + 1;
            long messageLength = -1;
            if ((flags & FLAG_LENGTH) != 0) {
                if (end - q < 4) return;
                messageLength = Integer.toUnsignedLong(b.getInt(q));
                q += 4;
            }
            long outerTlvs = 0;
            if (method == EapMethod.TEAP && (flags & FLAG_TEAP_OUTER_TLVS) != 0) {
                if (end - q < 4) return;
                outerTlvs = Integer.toUnsignedLong(b.getInt(q));
                q += 4;
            }
            int length = end - q;
            if (length == 0) return; // an acknowledgement of the other side's fragment
            boolean startsMessage = !more || declared >= 0 && received >= declared;
            if (lost) {
                if (!startsRecords(b, q, end)) {
                    more = (flags & FLAG_MORE) != 0;
                    return;
                }
                listener.gap(side, StreamListener.UNKNOWN_LENGTH, frame);
                lost = false;
                startsMessage = true;
            }
            if (startsMessage) {
                declared = messageLength;
                received = 0;
                long headerFields = outerTlvs > 0 ? 4 : 0;
                tlsLeft = outerTlvs == 0 ? Long.MAX_VALUE
                        : messageLength >= 0 ? messageLength - headerFields - outerTlvs : length - outerTlvs;
            }
            more = (flags & FLAG_MORE) != 0;
            received += length;
            int pass = (int) Math.max(0, Math.min(length, tlsLeft));
            if (tlsLeft != Long.MAX_VALUE) tlsLeft -= pass;
            if (pass > 0 && listener.wantsMore(side)) {
                listener.data(side, b.duplicate().limit(q + pass).position(q), frame);
            }
        }

        /** Whether {@code b} at {@code q} begins a TLS record a message can start with. */
        private boolean startsRecords(ByteBuffer b, int q, int end) {
            if (end - q < 3) return false;
            int type = b.get(q) & 0xff;
            return type >= TLS_CHANGE_CIPHER_SPEC && type <= TLS_APPLICATION_DATA && b.get(q + 1) == 3;
        }
    }
}
