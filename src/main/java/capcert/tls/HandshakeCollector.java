package capcert.tls;

import capcert.capture.MemoryBudget;
import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.DatagramListener;
import capcert.net.HeldBytes;
import capcert.net.StreamListener;

import capcert.capture.Problem;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Attaches a TLS reader to every TCP connection and a DTLS reader to UDP flows that look like DTLS,
 * and hands on the handshakes they find in order of their connection's first frame (as Wireshark
 * numbers streams) as soon as no connection opened before can still report one. A consumer can so
 * write a capture's handshakes while it is still being read; a connection that stays open (idle, or
 * a DTLS flow, which reports when it ends) holds back those opened after it until it ends.
 */
final class HandshakeCollector implements ConnectionHandler {

    private final Limits limits;
    private final HeldBytes heldByAll;
    private final ScanKeys keys;
    private final Consumer<Problem> problems;
    private final Consumer<Handshake> handshakes;
    private final Consumer<Evidence> evidence;
    private final DistinctDer distinctDer;
    private final HandshakeBuffer.Spares spares;
    private final MemoryBudget budget;
    /** Every connection not yet handed on, in the order they opened: their first frames only grow. */
    private final ArrayDeque<Outcome> opened = new ArrayDeque<>();

    /** What one connection's reader reports, once, when it is done. */
    private static final class Outcome implements Consumer<Optional<Handshake>> {
        private final HandshakeCollector collector;
        private Optional<Handshake> handshake;

        private Outcome(HandshakeCollector collector) {
            this.collector = collector;
        }

        @Override
        public void accept(Optional<Handshake> found) {
            handshake = found;
            if (collector.opened.peekFirst() == this) collector.handOnDone();
        }
    }

    /**
     * {@code heldByAll} is what the scan holds while waiting for missing data, DTLS fragments included;
     * {@code keys} are the scan's key logs; {@code evidence} gets certificates, OCSP messages and CRLs
     * carried outside Certificate messages, as found; {@code spares} are the scanner's: arrays for
     * gathering messages, kept from one capture to the next.
     */
    HandshakeCollector(Limits limits, HeldBytes heldByAll, ScanKeys keys, Consumer<Problem> problems,
                       Consumer<Handshake> handshakes, Consumer<Evidence> evidence, HandshakeBuffer.Spares spares,
                       MemoryBudget budget) {
        this.budget = budget;
        this.limits = limits;
        this.heldByAll = heldByAll;
        this.keys = keys;
        this.spares = spares;
        this.problems = problems;
        this.handshakes = handshakes;
        this.evidence = evidence;
        this.distinctDer = new DistinctDer(limits);
    }

    @Override
    public StreamListener openTcp(Connection connection) {
        return new TlsConnectionTracker(facts(connection), open(), spares, budget);
    }

    @Override
    public boolean startsUdpFlow(ByteBuffer payload) {
        return DtlsFlowTracker.looksLikeDtls(payload) || QuicPackets.looksLikeClientInitial(payload);
    }

    @Override
    public DatagramListener openUdp(Connection connection) {
        HandshakeFacts facts = facts(connection);
        Outcome outcome = open();
        // The first datagram, which startsUdpFlow has just accepted, says which protocol the flow carries.
        return new DatagramListener() {
            private DatagramListener reader;

            @Override
            public void datagram(capcert.net.Side from, ByteBuffer payload, long frame) {
                if (reader == null) {
                    reader = QuicPackets.looksLikeClientInitial(payload) ? new QuicFlowTracker(facts, outcome, budget)
                            : new DtlsFlowTracker(facts, heldByAll, outcome, budget);
                }
                reader.datagram(from, payload, frame);
            }

            @Override
            public void closed() {
                if (reader == null) outcome.accept(Optional.empty());
                else reader.closed();
            }
        };
    }

    private HandshakeFacts facts(Connection connection) {
        return new HandshakeFacts(connection, limits, problems, distinctDer, evidence, keys);
    }

    private Outcome open() {
        Outcome outcome = new Outcome(this);
        opened.addLast(outcome);
        return outcome;
    }

    /** End of capture, every connection closed: nothing can be held back any more. */
    void finish() {
        for (Outcome outcome : opened) {
            if (outcome.handshake != null) outcome.handshake.ifPresent(handshakes);
        }
        opened.clear();
    }

    private void handOnDone() {
        while (!opened.isEmpty() && opened.peekFirst().handshake != null) {
            opened.pollFirst().handshake.ifPresent(handshakes);
        }
    }
}
