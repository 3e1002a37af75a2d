package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.EapMethod;
import capcert.net.EapSession;
import capcert.net.Endpoint;
import capcert.net.FrameClock;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The EAP authentications RADIUS carries (RFC 3579), across the flows of a capture. An
 * authentication is a run of Access-Request / Access-Challenge round trips ended by an
 * Access-Accept or -Reject; each request after the first returns the State attribute of the last
 * challenge (RFC 2865 section 5.24), which is how it is found again, whichever source port the NAS
 * sent it from.
 */
final class RadiusAuthentications {

    private final ConnectionHandler handler;
    private final FrameClock clock;
    private final Map<StateKey, Authentication> byState;
    /** Authentications with a TLS run being read, oldest first: the bound on what is held. */
    private final Map<Authentication, Boolean> reading;

    /** A State value as the server that issued it gave it: servers pick their State values independently. */
    private record StateKey(Endpoint server, ByteBuffer state) {
    }

    /** One supplicant's authentication through one NAS, and the EAP it carries. */
    final class Authentication {
        private final Endpoint nas;
        private final Endpoint server;
        private final EapConversation eap = new EapConversation(this::open);
        private final List<StateKey> states = new ArrayList<>();
        private Optional<String> nasIdentifier = Optional.empty();
        private Optional<String> nasAddress = Optional.empty();
        private Optional<String> callingStation = Optional.empty();

        private Authentication(Endpoint nas, Endpoint server) {
            this.nas = nas;
            this.server = server;
        }

        void request(RadiusPacket request, long frame) {
            if (request.nasIdentifier().isPresent()) nasIdentifier = request.nasIdentifier();
            if (request.nasAddress().isPresent()) nasAddress = request.nasAddress();
            if (request.callingStation().isPresent()) callingStation = request.callingStation();
            eap.identityIfUnknown(request.userName());
            eapOf(request, frame);
        }

        void answer(RadiusPacket answer, long frame) {
            eapOf(answer, frame);
            if (answer.ends()) {
                end(this);
            } else if (answer.state().isPresent()) {
                StateKey key = new StateKey(server, ByteBuffer.wrap(answer.state().get()));
                states.add(key);
                byState.put(key, this);
            }
        }

        private void eapOf(RadiusPacket packet, long frame) {
            if (packet.eap().isEmpty()) return;
            ByteBuffer b = packet.eap().get();
            int end = b.limit();
            if (end < EapConversation.HEADER) return;
            int length = b.getShort(2) & 0xffff;
            if (length < EapConversation.HEADER || length > end) return;
            eap.packet(b, 0, length, frame);
        }

        private StreamListener open(EapMethod method, Optional<String> identity, long frame) {
            reading.put(this, Boolean.TRUE);
            EapSession session = new EapSession(method, identity, nasIdentifier, nasAddress, callingStation);
            return handler.openTcp(new Connection(Transport.RADIUS, nas, server, true, frame, clock.epochNanos(),
                    Optional.of(session), Optional.empty()));
        }
    }

    /** {@code overCap} is told the frame at which an authentication was given up to stay within {@code maxAuthentications}. */
    RadiusAuthentications(ConnectionHandler handler, FrameClock clock, int maxAuthentications, LongConsumer overCap) {
        this.handler = handler;
        this.clock = clock;
        this.byState = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<StateKey, Authentication> eldest) {
                return size() > maxAuthentications;
            }
        };
        this.reading = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Authentication, Boolean> eldest) {
                if (size() <= maxAuthentications) return false;
                Authentication oldest = eldest.getKey();
                oldest.eap.endRun();
                oldest.states.forEach(byState::remove);
                overCap.accept(clock.frame());
                return true;
            }
        };
    }

    /** The authentication an Access-Request continues (by its State), or a new one. */
    Authentication of(RadiusPacket request, Endpoint nas, Endpoint server) {
        if (request.state().isPresent()) {
            Authentication known = byState.get(new StateKey(server, ByteBuffer.wrap(request.state().get())));
            if (known != null) return known;
        }
        return new Authentication(nas, server);
    }

    private void end(Authentication ended) {
        ended.eap.endRun();
        ended.states.forEach(byState::remove);
        ended.states.clear();
        reading.remove(ended);
    }

    /** End of capture: authentications whose Accept or Reject was not captured are reported as they stand. */
    void finish() {
        List.copyOf(reading.keySet()).forEach(this::end);
        byState.clear();
    }
}
