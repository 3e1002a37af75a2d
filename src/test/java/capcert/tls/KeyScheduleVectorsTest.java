package capcert.tls;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key schedule and record and packet protection against the published vectors: RFC 8448
 * section 3 (a TLS 1.3 handshake), RFC 9001 appendix A (QUIC v1 Initial keys, header protection,
 * the client and server Initial packets, a ChaCha20-Poly1305 short header packet) and RFC 9369
 * appendix A (QUIC v2).
 */
class KeyScheduleVectorsTest {

    private static final Vectors TLS = Vectors.load("rfc8448-1rtt.txt");
    private static final Vectors QUIC = Vectors.load("rfc9001-appendix-a.txt");
    private static final Vectors QUIC_V2 = Vectors.load("rfc9369-appendix-a.txt");

    @Test
    void trafficKeysOfRfc8448() {
        TrafficKeys server = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("server_handshake_traffic_secret"));
        assertArrayEquals(TLS.get("server_handshake_iv"), server.iv());
        TrafficKeys client = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("client_handshake_traffic_secret"));
        assertArrayEquals(TLS.get("client_handshake_iv"), client.iv());
        TrafficKeys application = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("server_application_traffic_secret_0"));
        assertArrayEquals(TLS.get("server_application_iv"), application.iv());
        // The keys themselves are checked by opening records with them, below.
        assertArrayEquals(TLS.get("server_handshake_key"), Hkdf.SHA256.expandLabel(TLS.get("server_handshake_traffic_secret"), "key", 16));
        assertArrayEquals(TLS.get("client_handshake_key"), Hkdf.SHA256.expandLabel(TLS.get("client_handshake_traffic_secret"), "key", 16));
    }

    @Test
    void serverFlightOfRfc8448DecryptsToItsMessages() {
        TrafficKeys server = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("server_handshake_traffic_secret"));
        byte[] record = TLS.get("server_encrypted_record");
        Optional<byte[]> plaintext = server.open(0, Arrays.copyOf(record, 5), record, 5, record.length - 5);
        assertTrue(plaintext.isPresent());
        byte[] messages = concat(TLS.get("encrypted_extensions"), TLS.get("certificate"), TLS.get("certificate_verify"),
                TLS.get("server_finished"), new byte[] {22});
        assertEquals(Vectors.hex(messages), Vectors.hex(plaintext.get()));
        // Sequence number 1 gives another nonce: the tag no longer matches.
        assertTrue(server.open(1, Arrays.copyOf(record, 5), record, 5, record.length - 5).isEmpty());
    }

    @Test
    void clientFinishedAndSessionTicketOfRfc8448() {
        TrafficKeys client = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("client_handshake_traffic_secret"));
        byte[] finished = TLS.get("client_finished_record");
        byte[] plaintext = client.open(0, Arrays.copyOf(finished, 5), finished, 5, finished.length - 5).orElseThrow();
        assertEquals(20, plaintext[0]);
        assertEquals(22, plaintext[plaintext.length - 1]);
        TrafficKeys server = new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, TrafficKeys.Labels.TLS,
                TLS.get("server_application_traffic_secret_0"));
        byte[] ticket = TLS.get("server_session_ticket_record");
        byte[] opened = server.open(0, Arrays.copyOf(ticket, 5), ticket, 5, ticket.length - 5).orElseThrow();
        assertEquals(HandshakeType.NEW_SESSION_TICKET, opened[0]);
    }

    @Test
    void quicV1InitialKeysOfRfc9001() {
        byte[] dcid = QUIC.get("dcid");
        TrafficKeys client = QuicVersion.V1.initialKeys(dcid, true);
        TrafficKeys server = QuicVersion.V1.initialKeys(dcid, false);
        assertArrayEquals(QUIC.get("client_iv"), client.iv());
        assertArrayEquals(QUIC.get("client_hp"), client.maskKey());
        assertArrayEquals(QUIC.get("server_iv"), server.iv());
        assertArrayEquals(QUIC.get("server_hp"), server.maskKey());
    }

    @Test
    void chacha20ShortHeaderPacketOfRfc9001() {
        TrafficKeys keys = new TrafficKeys(Tls13Suite.CHACHA20_POLY1305_SHA256, TrafficKeys.Labels.QUIC_V1,
                QUIC.get("chacha_secret"));
        assertArrayEquals(QUIC.get("chacha_iv"), keys.iv());
        assertArrayEquals(QUIC.get("chacha_hp"), keys.maskKey());
        assertArrayEquals(new TrafficKeys(Tls13Suite.CHACHA20_POLY1305_SHA256, TrafficKeys.Labels.QUIC_V1,
                QUIC.get("chacha_ku")).iv(), keys.next().iv());

        byte[] packet = QUIC.get("chacha_packet");
        byte[] mask = keys.mask(Arrays.copyOfRange(packet, 5, 21));
        int first = (packet[0] & 0xff) ^ (mask[0] & 0x1f);
        assertEquals(0x42, first);
        int pnLength = (first & 0x03) + 1;
        byte[] header = Arrays.copyOf(packet, 1 + pnLength);
        header[0] = (byte) first;
        long truncated = 0;
        for (int i = 0; i < pnLength; i++) {
            header[1 + i] ^= mask[1 + i];
            truncated = truncated << 8 | (header[1 + i] & 0xff);
        }
        long number = QuicPackets.decodePacketNumber(QUIC.number("chacha_largest_before"), truncated, pnLength * 8);
        assertEquals(QUIC.number("chacha_packet_number"), number);
        byte[] payload = keys.open(number, header, packet, 1 + pnLength, packet.length - 1 - pnLength).orElseThrow();
        assertArrayEquals(new byte[] {0x01}, payload, "a PING frame");
    }

    @Test
    void packetNumberDecodingOfRfc9000AppendixA3() {
        assertEquals(0xa82f9b32L, QuicPackets.decodePacketNumber(0xa82f30eaL, 0x9b32, 16));
    }

    @Test
    void quicV2InitialOfRfc9369OpensWithItsSaltAndLabels() {
        byte[] packet = QUIC_V2.get("client_initial");
        TrafficKeys client = QuicVersion.V2.initialKeys(QUIC_V2.get("dcid"), true);
        assertEquals(QuicVersion.PacketType.INITIAL, QuicVersion.V2.type(packet[0] & 0xff));
        byte[] payload = openLongHeader(client, packet, 18);
        byte[] prefix = QUIC_V2.get("plaintext_prefix");
        assertEquals(1162, payload.length);
        assertEquals(Vectors.hex(prefix), Vectors.hex(Arrays.copyOf(payload, prefix.length)));
        // v1's keys do not open it.
        TrafficKeys v1 = QuicVersion.V1.initialKeys(QUIC_V2.get("dcid"), true);
        assertTrue(openLongHeaderOrNull(v1, packet, 18) == null);
    }

    @Test
    void quicV1ClientInitialOfRfc9001() {
        byte[] packet = QUIC.get("client_initial");
        byte[] payload = openLongHeader(QuicVersion.V1.initialKeys(QUIC.get("dcid"), true), packet, 18);
        assertEquals(0x06, payload[0], "a CRYPTO frame first");
        byte[] random = Arrays.copyOfRange(payload, 4 + 4 + 2, 4 + 4 + 2 + 32);
        assertArrayEquals(QUIC.get("client_random"), random);
    }

    /** Removes header protection from a long-header packet whose packet number is at {@code pnOffset} and opens it. */
    private static byte[] openLongHeader(TrafficKeys keys, byte[] packet, int pnOffset) {
        byte[] payload = openLongHeaderOrNull(keys, packet, pnOffset);
        assertTrue(payload != null, "the packet opens");
        return payload;
    }

    private static byte[] openLongHeaderOrNull(TrafficKeys keys, byte[] packet, int pnOffset) {
        byte[] mask = keys.mask(Arrays.copyOfRange(packet, pnOffset + 4, pnOffset + 20));
        int first = (packet[0] & 0xff) ^ (mask[0] & 0x0f);
        int pnLength = (first & 0x03) + 1;
        byte[] header = Arrays.copyOf(packet, pnOffset + pnLength);
        header[0] = (byte) first;
        long number = 0;
        for (int i = 0; i < pnLength; i++) {
            header[pnOffset + i] ^= mask[1 + i];
            number = number << 8 | (header[pnOffset + i] & 0xff);
        }
        return keys.open(number, header, packet, pnOffset + pnLength, packet.length - pnOffset - pnLength).orElse(null);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
