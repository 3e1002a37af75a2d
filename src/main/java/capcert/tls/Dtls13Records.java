package capcert.tls;

import capcert.net.Side;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens DTLS 1.3 records (RFC 9147 section 4) of the handshake epoch with a key log's handshake
 * traffic secrets: the unified header (its C, S, L bits and the low bits of the epoch), the record
 * number masked with the "sn" key (section 4.2.3) and rebuilt to 64 bits from the numbers seen, the
 * AEAD with the header, record number unmasked, as additional data. Connection IDs, whose length the
 * header does not carry, and other epochs are not read.
 */
final class Dtls13Records {

    private static final int FIXED_BITS_MASK = 0xe0;
    private static final int FIXED_BITS = 0x20;
    private static final int CONNECTION_ID = 0x10;
    private static final int SEQUENCE_16 = 0x08;
    private static final int LENGTH_PRESENT = 0x04;
    private static final int EPOCH_BITS = 0x03;
    /** Epoch 2 carries the handshake after the ServerHello (RFC 9147 section 6.1). */
    private static final int HANDSHAKE_EPOCH = 2;
    private static final int SAMPLE = 16;

    private final HandshakeFacts facts;
    private final TrafficKeys[] keys = new TrafficKeys[2];
    private final String[] sources = new String[2];
    private final long[] largest = {-1, -1};
    private final boolean[] failed = new boolean[2];
    private boolean connectionIdNoted;

    private Dtls13Records(HandshakeFacts facts) {
        this.facts = facts;
    }

    /** Whether a record at {@code p} has DTLS 1.3's unified header rather than a DTLSPlaintext one. */
    static boolean unifiedHeader(ByteBuffer b, int p) {
        return ((b.get(p) & 0xff) & FIXED_BITS_MASK) == FIXED_BITS;
    }

    /** The records of a handshake whose ServerHello chose {@code suiteCode}, or empty (noted) when the key log cannot open them. */
    static Optional<Dtls13Records> start(HandshakeFacts facts, int suiteCode, Side client) {
        Optional<KeyLog.Secrets> secrets = facts.handshakeSecrets(TlsVersion.DTLS_1_3);
        if (secrets.isEmpty()) return Optional.empty();
        Optional<Tls13Suite> suite = Tls13Suite.of(suiteCode);
        if (suite.isEmpty()) {
            facts.notDecrypted(new Note.SuiteNotDecrypted(TlsVersion.DTLS_1_3, new CipherSuite(suiteCode)));
            return Optional.empty();
        }
        Dtls13Records records = new Dtls13Records(facts);
        records.side(client, suite.get(), secrets.get(), KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
        records.side(client.other(), suite.get(), secrets.get(), KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        return Optional.of(records);
    }

    private void side(Side side, Tls13Suite suite, KeyLog.Secrets secrets, KeyLog.Label label) {
        Optional<byte[]> secret = secrets.get(label);
        if (secret.isEmpty() || secret.get().length != suite.hkdf.hashLength()) return;
        keys[side.ordinal()] = new TrafficKeys(suite, TrafficKeys.Labels.DTLS13, secret.get());
        sources[side.ordinal()] = secrets.source(label);
    }

    /**
     * Reads the record with a unified header at {@code p}, handing what it opens to {@code opened};
     * returns where the next record starts, or -1 when the rest of the datagram cannot be read.
     */
    int record(Side from, ByteBuffer b, int p, int end, long frame, Consumer<Tls13RecordDecryption.Opened> opened) {
        int flags = b.get(p) & 0xff;
        if ((flags & CONNECTION_ID) != 0) {
            if (!connectionIdNoted) {
                connectionIdNoted = true;
                facts.note(new Note.DtlsConnectionId(frame));
            }
            return -1;
        }
        int sequenceLength = (flags & SEQUENCE_16) != 0 ? 2 : 1;
        int headerLength = 1 + sequenceLength + ((flags & LENGTH_PRESENT) != 0 ? 2 : 0);
        if (end - p < headerLength) return -1;
        int length = (flags & LENGTH_PRESENT) != 0
                ? (b.get(p + 1 + sequenceLength) & 0xff) << 8 | b.get(p + 2 + sequenceLength) & 0xff
                : end - p - headerLength;
        int body = p + headerLength;
        if (length > end - body) {
            facts.note(new Note.DtlsRecordCut(frame));
            return -1;
        }
        int next = body + length;
        TrafficKeys k = keys[from.ordinal()];
        if ((flags & EPOCH_BITS) != HANDSHAKE_EPOCH || k == null || failed[from.ordinal()] || length < SAMPLE) return next;
        byte[] sample = new byte[SAMPLE];
        b.get(body, sample);
        byte[] mask = k.mask(sample);
        byte[] header = new byte[headerLength];
        b.get(p, header);
        long truncated = 0;
        for (int i = 0; i < sequenceLength; i++) {
            header[1 + i] ^= mask[i];
            truncated = truncated << 8 | (header[1 + i] & 0xff);
        }
        long sequence = QuicPackets.decodePacketNumber(largest[from.ordinal()], truncated, sequenceLength * 8);
        byte[] ciphertext = new byte[length];
        b.get(body, ciphertext);
        Optional<byte[]> plaintext = k.open(sequence, header, ciphertext, 0, length);
        if (plaintext.isEmpty()) {
            failed[from.ordinal()] = true;
            facts.decryptionFailed(new Note.DecryptionFailed(facts.roleOf(from), Note.Sealed.RECORD, frame));
            return next;
        }
        if (sequence > largest[from.ordinal()]) largest[from.ordinal()] = sequence;
        facts.decryptedWith(sources[from.ordinal()]);
        byte[] content = plaintext.get();
        int contentEnd = content.length;
        while (contentEnd > 0 && content[contentEnd - 1] == 0) contentEnd--;
        if (contentEnd > 0) opened.accept(new Tls13RecordDecryption.Opened(content[contentEnd - 1] & 0xff, content, contentEnd - 1));
        return next;
    }
}
