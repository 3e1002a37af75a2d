package capcert.tls;

import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.capture.Problem;
import capcert.net.Connection;

/** A limit reached in one connection's handshake, as a problem of the capture: the handshake has it as a note. */
public record HandshakeLimitReached(Connection connection, Note.OverLimit note) implements Problem, LimitReached {

    @Override
    public long frame() {
        return note.frame();
    }

    @Override
    public Limit limit() {
        return note.limit();
    }

    @Override
    public String message(String howToRaise) {
        return connection.transport().label() + " " + connection.originator() + " - " + connection.responder() + ": "
                + note.situation(howToRaise);
    }

    @Override
    public String message() {
        return message("");
    }
}
