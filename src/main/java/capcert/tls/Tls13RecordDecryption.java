package capcert.tls;

import capcert.net.Side;

import java.util.Optional;

/**
 * Opens the encrypted records of one TLS 1.3 connection over TCP (RFC 8446 section 5.2) with the
 * secrets a key log gave for its client random: per direction a record sequence number, the
 * handshake traffic keys until that side's Finished, then, while the client may still authenticate
 * after the handshake (it offered {@code post_handshake_auth}), the application traffic keys and
 * their KeyUpdates, up to {@link #APPLICATION_BYTES_FOLLOWED} bytes. A record whose tag does not
 * match stops that direction: nothing from a failed decryption is ever used.
 */
final class Tls13RecordDecryption implements Tls13Messages.KeyChanges {

    /** Application data followed per direction, looking for post-handshake authentication. */
    static final long APPLICATION_BYTES_FOLLOWED = 4L << 20;

    /** 0-RTT records a client may send before its handshake records; past them a record that fails is a failure. */
    private static final int MAX_EARLY_RECORDS = 64;

    static final int CONTENT_ALERT = 21;
    static final int CONTENT_HANDSHAKE = 22;

    /** A record's content type and plaintext, padding removed. */
    record Opened(int contentType, byte[] content, int length) {
    }

    private enum Stage { HANDSHAKE, APPLICATION, STOPPED }

    private static final class Direction {
        private final Role role;
        private TrafficKeys keys;
        private long sequence;
        private Stage stage = Stage.HANDSHAKE;
        private long applicationBytes;
        private boolean opened;
        private int earlyRecords;

        private Direction(Role role, TrafficKeys keys) {
            this.role = role;
            this.keys = keys;
        }
    }

    private final HandshakeFacts facts;
    private final KeyLog.Secrets secrets;
    private final Tls13Suite suite;
    private final boolean followApplicationData;
    private final boolean earlyDataOffered;
    private final Direction fromOriginator;
    private final Direction fromResponder;

    private Tls13RecordDecryption(HandshakeFacts facts, KeyLog.Secrets secrets, Tls13Suite suite, boolean postHandshakeAuth,
                                  boolean earlyDataOffered, TrafficKeys originatorKeys, TrafficKeys responderKeys) {
        this.facts = facts;
        this.secrets = secrets;
        this.suite = suite;
        this.followApplicationData = postHandshakeAuth;
        this.earlyDataOffered = earlyDataOffered;
        this.fromOriginator = new Direction(facts.roleOf(Side.ORIGINATOR), originatorKeys);
        this.fromResponder = new Direction(facts.roleOf(Side.RESPONDER), responderKeys);
    }

    /**
     * The decryption of a connection whose ServerHello chose {@code suite}, or empty (with a note on
     * {@code facts} saying why) when the key log cannot open it.
     */
    static Optional<Tls13RecordDecryption> start(HandshakeFacts facts, KeyLog.Secrets secrets, int suiteCode,
                                                 boolean postHandshakeAuth, boolean earlyDataOffered) {
        Optional<Tls13Suite> suite = Tls13Suite.of(suiteCode);
        if (suite.isEmpty()) {
            facts.note(new Note.SuiteNotDecrypted(TlsVersion.TLS_1_3, new CipherSuite(suiteCode)));
            return Optional.empty();
        }
        Optional<byte[]> client = secrets.get(KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET);
        Optional<byte[]> server = secrets.get(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        if (server.isEmpty()) return Optional.empty();
        if (server.get().length != suite.get().hkdf.hashLength()
                || client.isPresent() && client.get().length != suite.get().hkdf.hashLength()) {
            facts.decryptionFailed(new Note.SecretLengthMismatch(new CipherSuite(suiteCode)));
            return Optional.empty();
        }
        TrafficKeys serverKeys = new TrafficKeys(suite.get(), TrafficKeys.Labels.TLS, server.get());
        TrafficKeys clientKeys = client.map(s -> new TrafficKeys(suite.get(), TrafficKeys.Labels.TLS, s)).orElse(null);
        boolean clientOriginates = facts.roleOf(Side.ORIGINATOR) == Role.CLIENT;
        Tls13RecordDecryption decryption = new Tls13RecordDecryption(facts, secrets, suite.get(), postHandshakeAuth,
                earlyDataOffered, clientOriginates ? clientKeys : serverKeys, clientOriginates ? serverKeys : clientKeys);
        if (clientKeys == null) {
            decryption.direction(clientOriginates ? Side.ORIGINATOR : Side.RESPONDER).stage = Stage.STOPPED;
            facts.note(new Note.NoClientHandshakeSecret());
        }
        return Optional.of(decryption);
    }

    private Direction direction(Side side) {
        return side == Side.ORIGINATOR ? fromOriginator : fromResponder;
    }

    /** Whether {@code side}'s records are still to be opened. */
    boolean decrypts(Side side) {
        return direction(side).stage != Stage.STOPPED;
    }

    /**
     * Opens one record: {@code header} is its 5-byte header (the AEAD's additional data),
     * {@code record[0, length)} its body. Empty when the record is not opened (tag mismatch, early
     * data); a failure is noted and stops the direction.
     */
    Optional<Opened> open(Side side, byte[] header, byte[] record, int length, long frame) {
        Direction d = direction(side);
        if (d.stage == Stage.STOPPED) return Optional.empty();
        Optional<byte[]> plaintext = d.keys.open(d.sequence, header, record, 0, length);
        if (plaintext.isEmpty()) {
            if (d.role == Role.CLIENT && d.stage == Stage.HANDSHAKE && !d.opened && earlyDataOffered
                    && ++d.earlyRecords <= MAX_EARLY_RECORDS) {
                return Optional.empty(); // 0-RTT data under the early traffic keys, which the handshake keys do not open
            }
            d.stage = Stage.STOPPED;
            facts.decryptionFailed(new Note.DecryptionFailed(d.role, Note.Sealed.RECORD, frame));
            return Optional.empty();
        }
        d.sequence++;
        if (!d.opened) {
            d.opened = true;
            facts.decryptedWith(secrets.source(d.role == Role.CLIENT
                    ? KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET : KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET));
        }
        byte[] content = plaintext.get();
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) end--;
        if (end == 0) {
            facts.note(new Note.PaddingOnlyRecord(d.role, frame));
            return Optional.empty();
        }
        int contentType = content[end - 1] & 0xff;
        if (d.stage == Stage.APPLICATION && contentType != CONTENT_HANDSHAKE) {
            d.applicationBytes += end - 1;
            if (d.applicationBytes > APPLICATION_BYTES_FOLLOWED) d.stage = Stage.STOPPED;
        }
        return Optional.of(new Opened(contentType, content, end - 1));
    }

    /** Bytes of {@code side} were lost: its record sequence can no longer be followed. */
    void lost(Side side, long frame) {
        Direction d = direction(side);
        if (d.stage == Stage.HANDSHAKE) {
            facts.note(new Note.EncryptedRecordsLost(d.role, frame));
        }
        d.stage = Stage.STOPPED;
    }

    @Override
    public void finished(Side side) {
        Direction d = direction(side);
        if (d.stage != Stage.HANDSHAKE) return;
        KeyLog.Label next = d.role == Role.CLIENT ? KeyLog.Label.CLIENT_TRAFFIC_SECRET_0 : KeyLog.Label.SERVER_TRAFFIC_SECRET_0;
        Optional<byte[]> secret = secrets.get(next);
        if (!followApplicationData || secret.isEmpty() || secret.get().length != suite.hkdf.hashLength()) {
            d.stage = Stage.STOPPED;
            return;
        }
        d.keys = new TrafficKeys(suite, TrafficKeys.Labels.TLS, secret.get());
        d.sequence = 0;
        d.stage = Stage.APPLICATION;
    }

    @Override
    public void keyUpdate(Side side) {
        Direction d = direction(side);
        if (d.stage != Stage.APPLICATION) return;
        d.keys = d.keys.next();
        d.sequence = 0;
    }
}
