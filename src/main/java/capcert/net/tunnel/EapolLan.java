package capcert.net.tunnel;

import capcert.net.Connection;
import capcert.net.ConnectionHandler;
import capcert.net.EapMethod;
import capcert.net.EapSession;
import capcert.net.FrameClock;
import capcert.net.MacEndpoint;
import capcert.net.StreamListener;
import capcert.net.Transport;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * EAP over LAN (IEEE 802.1X-2010 clause 11), wired or Wi-Fi: each supplicant's authentications with
 * its authenticator. A supplicant is known by its MAC address; it sends to the authenticator's
 * address or to a group address (01:80:c2:00:00:03 on a wired port), the authenticator answers it
 * directly. Where the link layer names only the sender (Linux cooked captures, taken on one of the
 * two machines), every frame belongs to the one conversation of that machine.
 */
final class EapolLan {

    private static final int HEADER = 4;
    private static final int MIN_VERSION = 1;
    private static final int MAX_VERSION = 3;
    private static final int TYPE_EAP_PACKET = 0;
    private static final int TYPE_START = 1;
    private static final int TYPE_LOGOFF = 2;
    private static final long GROUP_BIT = 1L << 40;
    /** The key of the conversation seen on a link that names only senders. */
    private static final long ONE_MACHINE = -2;

    private final ConnectionHandler handler;
    private final FrameClock clock;
    private final Map<Long, Station> stations;

    /** One supplicant, its authenticator, and their EAP conversation. */
    private final class Station {
        long supplicant = ConnectionHandler.UNKNOWN_MAC;
        long authenticator = ConnectionHandler.UNKNOWN_MAC;
        final EapConversation eap = new EapConversation(this::open);

        private StreamListener open(EapMethod method, Optional<String> identity, long frame) {
            Connection connection = new Connection(Transport.EAPOL, endpoint(supplicant), endpoint(authenticator), true,
                    frame, clock.epochNanos(),
                    Optional.of(new EapSession(method, identity, Optional.empty(), Optional.empty(), Optional.empty())),
                    Optional.empty());
            return handler.openTcp(connection);
        }
    }

    /** {@code overCap} is told the frame at which a station was given up to stay within {@code maxStations}. */
    EapolLan(ConnectionHandler handler, FrameClock clock, int maxStations, LongConsumer overCap) {
        this.handler = handler;
        this.clock = clock;
        this.stations = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Station> eldest) {
                if (size() <= maxStations) return false;
                eldest.getValue().eap.endRun();
                overCap.accept(clock.frame());
                return true;
            }
        };
    }

    void frame(long frame, long source, long destination, ByteBuffer b) {
        int p = b.position();
        int end = b.limit();
        if (end - p < HEADER) return;
        int version = b.get(p) & 0xff;
        if (version < MIN_VERSION || version > MAX_VERSION) return;
        int type = b.get(p + 1) & 0xff;
        int bodyEnd = p + HEADER + (b.getShort(p + 2) & 0xffff);
        if (bodyEnd > end) return; // cut short by the snapshot length
        boolean fromSupplicant;
        int eapEnd = bodyEnd;
        switch (type) {
            case TYPE_EAP_PACKET -> {
                if (bodyEnd - p - HEADER < EapConversation.HEADER) return;
                eapEnd = p + HEADER + (b.getShort(p + HEADER + 2) & 0xffff);
                if (eapEnd > bodyEnd || eapEnd - p - HEADER < EapConversation.HEADER) return;
                fromSupplicant = (b.get(p + HEADER) & 0xff) == EapConversation.CODE_RESPONSE;
            }
            case TYPE_START, TYPE_LOGOFF -> fromSupplicant = true;
            default -> {
                return; // EAPOL-Key, MKA, announcements: no TLS
            }
        }
        long supplicant = fromSupplicant ? source : destination;
        long authenticator = fromSupplicant ? destination : source;
        boolean bothNamed = source != ConnectionHandler.UNKNOWN_MAC && destination != ConnectionHandler.UNKNOWN_MAC;
        Station station = stations.computeIfAbsent(bothNamed ? supplicant : ONE_MACHINE, k -> new Station());
        if (unicast(supplicant)) station.supplicant = supplicant;
        if (unicast(authenticator)) station.authenticator = authenticator;
        if (type == TYPE_EAP_PACKET) station.eap.packet(b, p + HEADER, eapEnd, frame);
        else station.eap.endRun(); // a new authentication, or none
    }

    private static boolean unicast(long mac) {
        return mac != ConnectionHandler.UNKNOWN_MAC && (mac & GROUP_BIT) == 0;
    }

    private static MacEndpoint endpoint(long mac) {
        return new MacEndpoint(mac == ConnectionHandler.UNKNOWN_MAC ? 0 : mac);
    }

    /** End of capture: every run still open is reported. */
    void finish() {
        stations.values().forEach(s -> s.eap.endRun());
        stations.clear();
    }
}
