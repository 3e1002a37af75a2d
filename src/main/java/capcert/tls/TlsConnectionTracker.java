package capcert.tls;

import capcert.net.Side;
import capcert.net.StreamListener;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads both directions of one TCP connection as TLS and reports a {@link Handshake} if TLS was there. */
final class TlsConnectionTracker implements StreamListener {

    private final HandshakeFacts facts;
    private final TlsStreamParser fromOriginator;
    private final TlsStreamParser fromResponder;
    private final Consumer<Optional<Handshake>> outcome;
    private boolean reported;

    /** {@code outcome} is told once, when the connection is done: its handshake, or none if it carried no TLS. */
    TlsConnectionTracker(HandshakeFacts facts, Consumer<Optional<Handshake>> outcome, HandshakeBuffer.Spares spares) {
        this.facts = facts;
        this.fromOriginator = new TlsStreamParser(Side.ORIGINATOR, facts, spares);
        this.fromResponder = new TlsStreamParser(Side.RESPONDER, facts, spares);
        this.outcome = outcome;
    }

    private TlsStreamParser parser(Side side) {
        return side == Side.ORIGINATOR ? fromOriginator : fromResponder;
    }

    @Override
    public void data(Side from, ByteBuffer bytes, long frame) {
        if (bytes.hasArray()) {
            parser(from).data(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), frame);
        } else {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            parser(from).data(copy, 0, copy.length, frame);
        }
        // Once both sides are encrypted nothing more can be learnt: report now rather than hold
        // the facts for the life of a long connection.
        if (fromOriginator.done() && fromResponder.done()) report();
        // A side that sent its plaintext limit without any TLS makes the connection plain: a quiet
        // peer (the client of a long download) would otherwise keep it a candidate, buffered and
        // holding back the handshakes of every later connection, until it closes.
        if (!facts.tlsSeen() && parser(from).done()) {
            parser(from.other()).stop();
            report();
        }
    }

    @Override
    public void gap(Side from, long length, long frame) {
        parser(from).gap(length, frame);
    }

    @Override
    public boolean wantsMore(Side from) {
        return !parser(from).done();
    }

    @Override
    public void closed() {
        fromOriginator.end();
        fromResponder.end();
        report();
    }

    private void report() {
        if (reported) return;
        reported = true;
        outcome.accept(facts.tlsSeen() ? Optional.of(facts.toHandshake()) : Optional.empty());
    }
}
