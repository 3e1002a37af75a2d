package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.Concealment;
import capcert.net.Connection;
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
    private final Cleartext cleartext;
    private boolean reported;

    /** {@code outcome} is told once, when the connection is done: its handshake, or none if it carried no TLS. */
    TlsConnectionTracker(HandshakeFacts facts, Consumer<Optional<Handshake>> outcome, HandshakeBuffer.Spares spares,
                         MemoryBudget budget) {
        this.facts = facts;
        this.fromOriginator = new TlsStreamParser(Side.ORIGINATOR, facts, spares, budget);
        this.fromResponder = new TlsStreamParser(Side.RESPONDER, facts, spares, budget);
        this.outcome = outcome;
        this.cleartext = new Cleartext(new HttpStream.Exchange(facts::httpEvidence, facts.limits().maxHandshakeMessage()));
    }

    private TlsStreamParser parser(Side side) {
        return side == Side.ORIGINATOR ? fromOriginator : fromResponder;
    }

    @Override
    public void data(Side from, ByteBuffer bytes, long frame) {
        byte[] array;
        int offset;
        int length = bytes.remaining();
        if (bytes.hasArray()) {
            array = bytes.array();
            offset = bytes.arrayOffset() + bytes.position();
        } else {
            array = new byte[length];
            bytes.duplicate().get(array);
            offset = 0;
        }
        if (cleartext.holds(from)) {
            byte[] tls = cleartext.read(from, array, offset, length, frame);
            if (tls == null) {
                if (cleartext.exhausted(from)) {
                    parser(from).stop();
                    if (!facts.tlsSeen()) {
                        parser(from.other()).stop();
                        report();
                    }
                }
                return;
            }
            array = tls;
            offset = 0;
            length = tls.length;
        }
        parser(from).data(array, offset, length, frame);
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
        if (cleartext.holds(from)) cleartext.gap(from, length, frame);
        parser(from).gap(length, frame);
    }

    @Override
    public boolean wantsMore(Side from) {
        return !parser(from).done();
    }

    @Override
    public void unwrapped(Connection unwrapped) {
        facts.unwrapped(unwrapped);
    }

    @Override
    public void concealed(Concealment why) {
        facts.concealed(why);
    }

    @Override
    public void closed() {
        cleartext.end();
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
