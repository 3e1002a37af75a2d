package capcert.net;

/** The two ends of a connection: who opened it (sent the SYN, or the first datagram) and who answered. */
public enum Side {
    ORIGINATOR, RESPONDER;

    public Side other() {
        return this == ORIGINATOR ? RESPONDER : ORIGINATOR;
    }
}
