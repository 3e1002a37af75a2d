package capcert.net;

import java.util.Optional;

/**
 * A TCP connection or UDP flow as first seen, or a TLS session found inside one (EAP, OpenVPN, TURN…).
 *
 * @param originatorKnown true when the capture shows who opened it (a SYN or SYN-ACK for TCP);
 *                        otherwise {@code originator} is a guess: the sender of the first packet
 *                        seen, or for TCP the higher port
 * @param eap             for TLS inside EAP: the method and what names the supplicant
 * @param relay           for DTLS relayed by TURN: the TURN server, the endpoints being the two peers
 */
public record Connection(Transport transport, Endpoint originator, Endpoint responder,
                         boolean originatorKnown, long firstFrame, long firstEpochNanos,
                         Optional<EapSession> eap, Optional<Endpoint> relay) {

    /** A connection carried by nothing but itself. */
    public Connection(Transport transport, Endpoint originator, Endpoint responder,
                      boolean originatorKnown, long firstFrame, long firstEpochNanos) {
        this(transport, originator, responder, originatorKnown, firstFrame, firstEpochNanos, Optional.empty(), Optional.empty());
    }

    /** The same connection, found to carry TLS inside {@code carrier}'s framing. */
    public Connection carriedBy(Transport carrier) {
        return new Connection(carrier, originator, responder, originatorKnown, firstFrame, firstEpochNanos, eap, relay);
    }
}
