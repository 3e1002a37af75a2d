package capcert.net;

import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.capture.LinkType;
import capcert.capture.Problem;

/** The problems of the network layer: frames it cannot decode, and its limits. */
public sealed interface NetworkProblem extends Problem {

    /** A limit reached: its message in a face's words on how to raise it, or in none. */
    sealed interface OverLimit extends NetworkProblem, LimitReached {
        @Override
        default String message() {
            return message("");
        }
    }

    /** The first frame of a link type the decoder does not know; every frame of that type is skipped. */
    record UnsupportedLinkType(long frame, int linkType) implements NetworkProblem {
        @Override
        public String message() {
            return "unsupported link type " + linkType + " (" + LinkType.name(linkType) + "); its packets are skipped";
        }
    }

    /** One TCP direction held over {@code max} bytes waiting for a missing segment; the gap was skipped. */
    record StreamBufferFull(long frame, Endpoint from, Endpoint to, int max) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.BUFFER_PER_STREAM;
        }

        @Override
        public String message(String howToRaise) {
            return "TCP " + from + " -> " + to + ": over " + max + " bytes held while waiting for a missing segment;"
                    + " stopped waiting and skipped the gap" + howToRaise;
        }
    }

    /**
     * One direction of an OpenVPN control channel held over {@code max} bytes of packets waiting for a
     * missing one; the missing packets were given up.
     */
    record ControlChannelBufferFull(long frame, Endpoint from, Endpoint to, int max) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.BUFFER_PER_STREAM;
        }

        @Override
        public String message(String howToRaise) {
            return "OpenVPN " + from + " -> " + to + ": over " + max + " bytes of control packets held while waiting"
                    + " for a missing one; stopped waiting and skipped the gap" + howToRaise;
        }
    }

    /**
     * Everything held while waiting for missing data went over {@code max} bytes, first by {@code holder};
     * from then on each holder gives up what it waits for instead of holding more. Said once.
     */
    record HeldBytesFull(long frame, long max, HeldBytes.Holder holder) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.BUFFER_TOTAL;
        }

        @Override
        public String message(String howToRaise) {
            return switch (holder) {
                case TCP_SEGMENTS -> "over " + max + " bytes held across all TCP streams while waiting for missing"
                        + " segments; streams now skip their gaps instead of holding more" + howToRaise;
                case OPENVPN_PACKETS, DTLS_FRAGMENTS, TUNNEL_MESSAGES -> "over " + max + " bytes held across all streams"
                        + " and flows while waiting for missing data (" + switch (holder) {
                            case OPENVPN_PACKETS -> "OpenVPN control packets";
                            case DTLS_FRAGMENTS -> "DTLS handshake fragments";
                            default -> "OpenVPN or TURN messages over TCP";
                        } + "); each now gives up what it waits for instead of holding more" + howToRaise;
            };
        }
    }

    /** More than {@code max} connections at once; the least recently active are closed early. Said once. */
    record TooManyConnections(long frame, int max) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.CONNECTIONS;
        }

        @Override
        public String message(String howToRaise) {
            return "more than " + max + " connections at once; the least recently active are closed early, their"
                    + " later packets read as new connections" + howToRaise;
        }
    }

    /**
     * More than {@code max} EAP authentications followed at once (EAPOL supplicants, RADIUS
     * conversations); the least recently active are given up. Said once.
     */
    record TooManyEapAuthentications(long frame, int max) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.CONNECTIONS;
        }

        @Override
        public String message(String howToRaise) {
            return "more than " + max + " EAP authentications at once; the least recently active are given up, their"
                    + " later packets read as new authentications" + howToRaise;
        }
    }

    /** An IP fragment that would make its datagram longer than IP allows; dropped. */
    record FragmentTooLong(long frame) implements NetworkProblem {
        @Override
        public String message() {
            return "IP fragment reaches past 65,535 bytes; dropped";
        }
    }

    /** More than {@code max} fragmented datagrams waited for their other fragments; the oldest are dropped. Said once. */
    record TooManyFragmentedDatagrams(long frame, int max) implements NetworkProblem {
        @Override
        public String message() {
            return "more than " + max + " fragmented IP datagrams incomplete at once; the oldest are dropped";
        }
    }
}
