package capcert.net;

/**
 * A TCP connection or UDP flow as first seen.
 *
 * @param originatorKnown true when the capture shows who opened it (a SYN or SYN-ACK for TCP);
 *                        otherwise {@code originator} is a guess: the sender of the first packet
 *                        seen, or for TCP the higher port
 */
public record Connection(Transport transport, Endpoint originator, Endpoint responder,
                         boolean originatorKnown, long firstFrame, long firstEpochNanos) {
}
