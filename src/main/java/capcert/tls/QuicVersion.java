package capcert.tls;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The QUIC versions whose Initial packets capcert opens: v1 (RFC 9001 section 5.2), v2 (RFC 9369
 * section 3) and the late drafts that browsers shipped (draft-29 to draft-32). Each has its own salt
 * for the Initial secrets, key labels and long-header packet type codes.
 */
public enum QuicVersion implements ProtocolVersion {
    V1(0x00000001, "QUIC v1", "38762cf7f55934b34d179ae6a4c80cadccbb7f0a", TrafficKeys.Labels.QUIC_V1, 0, 1, 2),
    V2(0x6b3343cf, "QUIC v2", "0dede3def700a6db819381be6e269dcbf9bd2ed9", TrafficKeys.Labels.QUIC_V2, 1, 2, 3),
    DRAFT_29(0xff00001d, "QUIC draft-29", "afbfec289993d24c9e9786f19c6111e04390a899", TrafficKeys.Labels.QUIC_V1, 0, 1, 2),
    DRAFT_30(0xff00001e, "QUIC draft-30", "afbfec289993d24c9e9786f19c6111e04390a899", TrafficKeys.Labels.QUIC_V1, 0, 1, 2),
    DRAFT_31(0xff00001f, "QUIC draft-31", "afbfec289993d24c9e9786f19c6111e04390a899", TrafficKeys.Labels.QUIC_V1, 0, 1, 2),
    DRAFT_32(0xff000020, "QUIC draft-32", "afbfec289993d24c9e9786f19c6111e04390a899", TrafficKeys.Labels.QUIC_V1, 0, 1, 2);

    /** Long-header packet types, whatever their code in a version. */
    enum PacketType { INITIAL, ZERO_RTT, HANDSHAKE, RETRY }

    final int code;
    final String label;
    /** Private and never handed out: the enum stays immutable. */
    @SuppressWarnings("ImmutableEnumChecker")
    private final byte[] salt;
    final TrafficKeys.Labels labels;
    private final int initial;
    private final int zeroRtt;
    private final int handshake;

    QuicVersion(int code, String label, String salt, TrafficKeys.Labels labels, int initial, int zeroRtt, int handshake) {
        this.code = code;
        this.label = label;
        this.salt = HexFormat.of().parseHex(salt);
        this.labels = labels;
        this.initial = initial;
        this.zeroRtt = zeroRtt;
        this.handshake = handshake;
    }

    /** "QUIC v1", "QUIC draft-29". */
    @Override
    public String toString() {
        return label;
    }

    static Optional<QuicVersion> of(int code) {
        for (QuicVersion version : values()) {
            if (version.code == code) return Optional.of(version);
        }
        return Optional.empty();
    }

    /** The type of a long-header packet whose first byte is {@code first}. */
    PacketType type(int first) {
        int bits = (first >>> 4) & 0x03;
        if (bits == initial) return PacketType.INITIAL;
        if (bits == zeroRtt) return PacketType.ZERO_RTT;
        if (bits == handshake) return PacketType.HANDSHAKE;
        return PacketType.RETRY; // the one code left

    }

    /** The Initial keys of one side, from the Destination Connection ID of the client's first Initial. */
    TrafficKeys initialKeys(byte[] clientDestinationId, boolean client) {
        Hkdf hkdf = Hkdf.SHA256;
        byte[] initialSecret = hkdf.extract(salt, clientDestinationId);
        byte[] secret = hkdf.expandLabel(initialSecret, client ? "client in" : "server in", hkdf.hashLength());
        return new TrafficKeys(Tls13Suite.AES_128_GCM_SHA256, labels, secret);
    }
}
