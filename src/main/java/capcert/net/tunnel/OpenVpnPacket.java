package capcert.net.tunnel;

import java.nio.ByteBuffer;

/**
 * OpenVPN 2.x packets (OpenVPN's ssl_pkt.h and reliable.c; there is no RFC). The first byte holds
 * the opcode (high 5 bits) and key id (low 3 bits). Control packets then carry the sender's 8-byte
 * session id and, depending on the configuration:
 *
 * <pre>
 *   no wrapping:  ack count (1) | acked packet ids (4 each) | peer's session id (8, if acks) | packet id (4) | TLS
 *   tls-auth:     HMAC (16…64) | replay packet id (4) | time (4) | then as above
 *   tls-crypt:    replay packet id (4) | time (4) | tag (32) | the rest encrypted
 * </pre>
 *
 * P_ACK_V1 stops after the acks; data packets (P_DATA_V1, P_DATA_V2) carry the encrypted tunnel.
 */
final class OpenVpnPacket {

    static final int HARD_RESET_CLIENT_V1 = 1;
    static final int HARD_RESET_SERVER_V1 = 2;
    static final int SOFT_RESET_V1 = 3;
    static final int CONTROL_V1 = 4;
    static final int ACK_V1 = 5;
    static final int DATA_V1 = 6;
    static final int HARD_RESET_CLIENT_V2 = 7;
    static final int HARD_RESET_SERVER_V2 = 8;
    static final int DATA_V2 = 9;
    /** tls-crypt-v2's client reset: a tls-crypt packet with the client's wrapped key appended. */
    static final int HARD_RESET_CLIENT_V3 = 10;
    /** tls-crypt-v2's control packet carrying the wrapped client key. */
    static final int CONTROL_WKC_V1 = 11;

    static final int SESSION_ID = 8;
    /** Opcode/key byte and session id: what every control packet starts with. */
    static final int HEADER = 1 + SESSION_ID;
    /** tls-auth and tls-crypt: replay packet id and time. */
    static final int REPLAY = 8;
    static final int PACKET_ID = 4;
    static final int MAX_ACKS = 8;
    static final int TLS_CRYPT_TAG = 32;
    /** tls-auth HMAC sizes: MD5, SHA-1 (the default), SHA-224, SHA-256, SHA-384, SHA-512. */
    static final int[] HMAC_LENGTHS = {16, 20, 28, 32, 48, 64};
    /** A reset carries at most a few TLVs of early negotiation; tls-crypt-v2's carries the client key. */
    private static final int MAX_RESET = 2048;
    private static final int MAX_RESET_PAYLOAD = 64;
    /** Replay packet ids of a session's first packets are small; a reset is among them. */
    private static final long MAX_EARLY_REPLAY_ID = 1 << 20;
    private static final long YEAR_SECONDS = 366L * 24 * 3600;
    /**
     * OpenVPN 2.6 marks the replay id of a tls-crypt-v2 client reset with this top byte (its
     * EARLY_NEG_START) to say it can negotiate early; the id proper is in the low three bytes.
     */
    private static final int EARLY_NEGOTIATION_MARK = 0x0f;

    private OpenVpnPacket() {
    }

    static int opcode(int first) {
        return (first & 0xff) >>> 3;
    }

    static int keyId(int first) {
        return first & 0x07;
    }

    static boolean hardResetFromClient(int opcode) {
        return opcode == HARD_RESET_CLIENT_V1 || opcode == HARD_RESET_CLIENT_V2 || opcode == HARD_RESET_CLIENT_V3;
    }

    static boolean reset(int opcode) {
        return hardResetFromClient(opcode) || opcode == HARD_RESET_SERVER_V1 || opcode == HARD_RESET_SERVER_V2
                || opcode == SOFT_RESET_V1;
    }

    static boolean control(int opcode) {
        return reset(opcode) || opcode == CONTROL_V1 || opcode == ACK_V1 || opcode == CONTROL_WKC_V1;
    }

    static boolean data(int opcode) {
        return opcode == DATA_V1 || opcode == DATA_V2;
    }

    /**
     * Whether {@code payload} is a hard reset (a session's first packet, either side) or a soft reset
     * (a renegotiation), its structure checking out unwrapped, under tls-auth, or under tls-crypt.
     *
     * @param epochNanos capture time, against which the sender's clock in tls-auth and tls-crypt is checked
     */
    static boolean startsSession(ByteBuffer payload, long epochNanos) {
        int p = payload.position();
        int n = payload.remaining();
        if (n < HEADER + 1 + PACKET_ID || n > MAX_RESET) return false;
        int first = payload.get(p);
        int opcode = opcode(first);
        boolean soft = opcode == SOFT_RESET_V1;
        if (!reset(opcode) || soft == (keyId(first) == 0)) return false;
        if (opcode == HARD_RESET_CLIENT_V3) return replayPlausible(payload, p + HEADER, epochNanos);
        int end = p + n;
        if (resetBody(payload, p + HEADER, end)) return true;
        for (int hmac : HMAC_LENGTHS) {
            int replay = p + HEADER + hmac;
            if (end - replay > REPLAY && replayPlausible(payload, replay, epochNanos)
                    && resetBody(payload, replay + REPLAY, end)) {
                return true;
            }
        }
        return end - p >= HEADER + REPLAY + TLS_CRYPT_TAG + 1 + PACKET_ID && replayPlausible(payload, p + HEADER, epochNanos);
    }

    /** Acks, the peer's session id, packet id 0 and at most a little early-negotiation payload. */
    private static boolean resetBody(ByteBuffer b, int q, int end) {
        if (end - q < 1) return false;
        int acks = b.get(q) & 0xff;
        if (acks > MAX_ACKS) return false;
        q += 1 + acks * PACKET_ID + (acks > 0 ? SESSION_ID : 0);
        if (end - q < PACKET_ID || b.getInt(q) != 0) return false;
        return end - q - PACKET_ID <= MAX_RESET_PAYLOAD;
    }

    /** A small replay packet id and a time within a year of the capture's. */
    static boolean replayPlausible(ByteBuffer b, int q, long epochNanos) {
        if (b.limit() - q < REPLAY) return false;
        long id = Integer.toUnsignedLong(b.getInt(q));
        if (id >>> 24 == EARLY_NEGOTIATION_MARK) id &= 0xff_ffff;
        long time = Integer.toUnsignedLong(b.getInt(q + 4));
        return id > 0 && id < MAX_EARLY_REPLAY_ID && Math.abs(time - epochNanos / 1_000_000_000L) < YEAR_SECONDS;
    }

    /** Where the ack count is under a tls-auth HMAC of {@code hmac} bytes (0: none). */
    static int acksAt(int p, int hmac) {
        return p + HEADER + (hmac > 0 ? hmac + REPLAY : 0);
    }
}
