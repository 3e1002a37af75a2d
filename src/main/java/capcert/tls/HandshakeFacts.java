package capcert.tls;

import capcert.capture.Problem;
import capcert.net.Concealment;
import capcert.net.Connection;
import capcert.net.Endpoint;
import capcert.net.Side;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the parsers learn about one connection, gathered by network side; turned into a
 * {@link Handshake} once the connection ends, when it is known which side was the client.
 */
final class HandshakeFacts {

    private record SentCertificate(Side from, int position, Der der, long frame, Optional<Der> stapledOcsp,
                                   Optional<Der> signedCertificateTimestamps) {
        SentCertificate(Side from, int position, Der der, long frame) {
            this(from, position, der, frame, Optional.empty(), Optional.empty());
        }
    }

    private record SentAlert(Side from, int level, int description, long frame) {
    }

    private Connection connection;
    private final Limits limits;
    private final Consumer<Problem> problems;
    private boolean tlsSeen;
    private Side clientHelloFrom;
    private Side serverHelloFrom;
    private String sni;
    private int offeredVersion = -1;
    private int negotiatedVersion = -1;
    private int cipherSuite = -1;
    private final int[] recordVersion = {-1, -1};
    private boolean certificateMessageSeen;
    /** A Certificate message was cut short, or held entries that are not certificates: its own note says so, it was not empty. */
    private boolean certificateMessageExplained;
    private boolean serverChangeCipherSpecSeen;
    private final List<SentCertificate> certificates = new ArrayList<>();
    private final List<SentAlert> alerts = new ArrayList<>();
    private final Set<Note> notes = new LinkedHashSet<>();
    private final DistinctDer distinctDer;
    private final Consumer<Evidence> evidence;
    private final List<SentStatus> stapled = new ArrayList<>();
    private final ScanKeys keys;
    /** What only matters when the encrypted part can be read: null until then. */
    private EncryptedPart encrypted;
    private Concealment concealed;

    private record SentStatus(Der ocspResponse, long frame) {
    }

    HandshakeFacts(Connection connection, Limits limits, Consumer<Problem> problems) {
        this(connection, limits, problems, new DistinctDer(limits), found -> { });
    }

    HandshakeFacts(Connection connection, Limits limits, Consumer<Problem> problems, DistinctDer distinctDer,
                   Consumer<Evidence> evidence) {
        this(connection, limits, problems, distinctDer, evidence, new ScanKeys(KeyLog.empty()));
    }

    /**
     * {@code distinctDer} is shared by every connection of a scan: a busy server sends the same chain
     * every time. {@code evidence} gets what the connection carried outside Certificate messages;
     * {@code keys} are the scan's key logs.
     */
    HandshakeFacts(Connection connection, Limits limits, Consumer<Problem> problems, DistinctDer distinctDer,
                   Consumer<Evidence> evidence, ScanKeys keys) {
        this.connection = connection;
        this.limits = limits;
        this.problems = problems;
        this.distinctDer = distinctDer;
        this.evidence = evidence;
        this.keys = keys;
    }

    /** A certificate, PKCS#7, OCSP message or CRL carried in an HTTP message of this connection. */
    void httpEvidence(Evidence.Kind kind, Evidence.Carrier carrier, byte[] content, long frame, Side client, String url,
                      String contentType) {
        Endpoint clientEndpoint = client == Side.ORIGINATOR ? connection.originator() : connection.responder();
        Endpoint serverEndpoint = client == Side.ORIGINATOR ? connection.responder() : connection.originator();
        evidence.accept(new Evidence(kind, carrier, Der.copyOf(content), frame, time(), connection.transport(),
                clientEndpoint, serverEndpoint, connection.firstFrame(), Optional.of(url), Optional.ofNullable(contentType),
                Optional.empty()));
    }

    /** A CertificateStatus message's OCSP response (RFC 6066 section 8): evidence, handed on with the handshake. */
    void stapledOcsp(byte[] ocspResponse, long frame) {
        tlsSeen = true;
        stapled.add(new SentStatus(distinctDer.of(ocspResponse, 0, ocspResponse.length), frame));
    }

    private Instant time() {
        return Instant.ofEpochSecond(0, connection.firstEpochNanos());
    }

    // ---- the encrypted part (TLS 1.3, QUIC, DTLS 1.3): only with keys at hand ----------------------

    /** The facts of a handshake whose encrypted part capcert may read, and how far it got. */
    private static final class EncryptedPart {
        private String quicVersion;
        private String keySource;
        private List<String> offeredAlpn = List.of();
        private String selectedAlpn;
        private Note whyNotDecrypted;
        private boolean resumed;
        private Tls13RecordDecryption records;
    }

    private EncryptedPart encrypted() {
        if (encrypted == null) encrypted = new EncryptedPart();
        return encrypted;
    }

    /** Whether the scan has secrets to decrypt with: otherwise everything stays as read in clear. */
    boolean keysAtHand() {
        return encrypted != null || !keys.keyLog().isEmpty();
    }

    /** The handshake runs over QUIC, whose Initial packets anyone can decrypt. */
    void quic(String version) {
        encrypted().quicVersion = version;
    }

    KeyLog keyLog() {
        return keys.keyLog();
    }

    /** What the first ClientHello offered that matters to decryption. */
    void clientHelloOffers(byte[] random, List<String> alpn) {
        if (clientRandom == null) {
            clientRandom = random;
            if (keysAtHand()) encrypted().offeredAlpn = List.copyOf(alpn);
        }
    }

    private byte[] clientRandom;
    private boolean postHandshakeAuthOffered;
    private boolean earlyDataOffered;

    void postHandshakeAuthOffered() {
        postHandshakeAuthOffered = true;
    }

    void earlyDataOffered() {
        earlyDataOffered = true;
    }

    private boolean helloRetryRequested;

    /** A HelloRetryRequest: a ChangeCipherSpec that follows is TLS 1.3's dummy one, not the start of encryption. */
    void helloRetryRequest() {
        helloRetryRequested = true;
    }

    /** ChangeCipherSpec from {@code side} starts encryption (TLS 1.2 and older), rather than being TLS 1.3's dummy. */
    boolean changeCipherSpecEncrypts(Side side) {
        return !helloRetryRequested && !(negotiatedVersion >= 0 && TlsVersion.encryptsCertificates(negotiatedVersion));
    }

    /** The server accepted a pre-shared key: it sends no certificate. */
    void resumed() {
        if (keysAtHand()) encrypted().resumed = true;
    }

    /** A TLS 1.3 ServerHello over TCP: look the client random up and get ready to open records. */
    private void startRecordDecryption(int suite) {
        if (!keysAtHand() || connection.transport() != capcert.net.Transport.TCP) return;
        Optional<KeyLog.Secrets> secrets = handshakeSecrets(new TlsVersion(negotiatedVersion));
        if (secrets.isEmpty()) return;
        encrypted().records = Tls13RecordDecryption.start(this, secrets.get(), suite, postHandshakeAuthOffered,
                earlyDataOffered).orElse(null);
    }

    /**
     * The key log's secrets for this handshake's client random, or empty with the reason noted:
     * {@link Note.CertificatesEncrypted} without any key log, {@link Note.NoKeyLogEntry} when the log
     * lacks it.
     */
    Optional<KeyLog.Secrets> handshakeSecrets(ProtocolVersion version) {
        if (keys.keyLog().isEmpty() || clientRandom == null) {
            notDecrypted(new Note.CertificatesEncrypted(version));
            return Optional.empty();
        }
        Optional<KeyLog.Secrets> secrets = keys.keyLog().secrets(clientRandom);
        if (secrets.isEmpty() || secrets.get().get(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET).isEmpty()) {
            notDecrypted(new Note.NoKeyLogEntry(version, KeyLog.hex(clientRandom)));
            return Optional.empty();
        }
        return secrets;
    }

    /** The cipher suite the ServerHello chose, or -1. */
    int cipherSuite() {
        return cipherSuite;
    }

    /** The client random of the first ClientHello, or null. */
    byte[] clientRandom() {
        return clientRandom;
    }

    /** Why the encrypted part could not be read (no key-log entry, …), for the notes when no certificate shows. */
    void notDecrypted(Note why) {
        if (encrypted().whyNotDecrypted == null) encrypted().whyNotDecrypted = why;
    }

    /** Decryption failed: the reason leads the notes when no certificate shows, and stays among them otherwise. */
    void decryptionFailed(Note why) {
        notDecrypted(why);
        note(why);
    }

    /** The decryption of TLS 1.3 records over TCP, or null. */
    Tls13RecordDecryption recordDecryption() {
        return encrypted == null ? null : encrypted.records;
    }

    /** Whether {@code side}'s encrypted TLS records are to be opened. */
    boolean decrypts(Side side) {
        return encrypted != null && encrypted.records != null && encrypted.records.decrypts(side);
    }

    /** Handshake messages were decrypted with secrets from {@code source}. */
    void decryptedWith(String source) {
        if (encrypted().keySource == null) encrypted().keySource = source;
    }

    void selectedAlpn(String protocol) {
        encrypted().selectedAlpn = protocol;
    }

    /**
     * The certificates of a TLS 1.3 Certificate message with each entry's stapled OCSP response and
     * SCTs. A stapled response is evidence too, as a TLS 1.2 CertificateStatus message is: TLS 1.3
     * has no other place to staple, and {@code check} judges revocation with it.
     */
    void certificates(Side from, List<CertificateBytes> chain, long frame, List<Optional<CertificateBytes>> ocsp,
                      List<Optional<CertificateBytes>> scts) {
        int before = certificates.size();
        certificates(from, chain, frame);
        for (int i = before; i < certificates.size(); i++) {
            SentCertificate c = certificates.get(i);
            Optional<Der> response = ocsp.get(i - before).map(b -> distinctDer.of(b.data(), b.offset(), b.length()));
            Optional<Der> timestamps = scts.get(i - before).map(b -> Der.copyOf(b.data(), b.offset(), b.length()));
            if (response.isPresent() || timestamps.isPresent()) {
                certificates.set(i, new SentCertificate(c.from(), c.position(), c.der(), c.frame(), response, timestamps));
            }
            response.ifPresent(r -> stapled.add(new SentStatus(r, frame)));
        }
    }

    private Optional<Decryption> decryption() {
        if (encrypted == null) return Optional.empty();
        boolean tls13 = negotiatedVersion >= 0 && TlsVersion.encryptsCertificates(negotiatedVersion);
        if (encrypted.quicVersion == null && !tls13) return Optional.empty();
        return Optional.of(new Decryption(Optional.ofNullable(encrypted.quicVersion), Optional.ofNullable(encrypted.keySource),
                encrypted.offeredAlpn, Optional.ofNullable(encrypted.selectedAlpn)));
    }

    /** Why no certificate came out of the encrypted part, or null to fall back on the clear-text reasons. */
    private Note whyNotDecrypted() {
        if (encrypted == null) return null;
        if (encrypted.resumed) return new Note.NoCertificate(Note.NoCertificate.Reason.RESUMED_WITH_PSK);
        if (encrypted.whyNotDecrypted != null) return encrypted.whyNotDecrypted;
        if (encrypted.keySource != null) return new Note.NoCertificate(Note.NoCertificate.Reason.NONE_IN_DECRYPTED);
        return null;
    }

    Limits limits() {
        return limits;
    }

    /** A message too large to gather: noted on the handshake and reported as a problem of the capture. */
    void messageOverLimit(Side from, int type, long length, long frame) {
        limitReached(new Note.MessageOverLimit(roleOf(from), type, length, limits.maxHandshakeMessage(), frame));
    }

    /**
     * A message let go because the scan's memory budget is spent: noted on the handshake only, as the
     * budget itself is reported once for the capture.
     */
    void messageOverBudget(Side from, int type, long gathered, long frame) {
        notes.add(new Note.MessageOverBudget(roleOf(from), type, gathered, frame));
    }

    private void limitReached(Note.OverLimit note) {
        notes.add(note);
        problems.accept(new HandshakeLimitReached(connection, note));
    }

    boolean tlsSeen() {
        return tlsSeen;
    }

    void markTls() {
        tlsSeen = true;
    }

    /** The connection turned out to be a tunnel: its handshake is reported as {@code unwrapped} says. */
    void unwrapped(Connection unwrapped) {
        connection = unwrapped;
    }

    /** A handshake took place, encrypted by its carrier: reported with the reason, and nothing else to say. */
    void concealed(Concealment why) {
        tlsSeen = true;
        concealed = why;
    }

    void clientHello(Side from, int version, String serverName) {
        tlsSeen = true;
        if (clientHelloFrom == null) clientHelloFrom = from;
        if (offeredVersion < 0) offeredVersion = version;
        if (sni == null && serverName != null) sni = serverName;
    }

    void serverHello(Side from, int version, int suite) {
        tlsSeen = true;
        if (serverHelloFrom == null) serverHelloFrom = from;
        negotiatedVersion = version;
        cipherSuite = suite;
        if (TlsVersion.encryptsCertificates(version)) startRecordDecryption(suite);
    }

    /** SSLv2's SERVER-HELLO: version and certificate in one message, no cipher suite chosen yet. */
    void ssl2ServerHello(Side from, byte[] certificate, long frame) {
        tlsSeen = true;
        if (serverHelloFrom == null) serverHelloFrom = from;
        negotiatedVersion = TlsVersion.SSL2;
        if (certificate.length > 0) certificates(from, List.of(new CertificateBytes(certificate, 0, certificate.length)), frame);
    }

    /**
     * The certificates of one message, read while {@code chain}'s bytes are still there: those kept
     * are copied, once per scan for each distinct one, and those past the limit never are.
     */
    void certificates(Side from, List<CertificateBytes> chain, long frame) {
        tlsSeen = true;
        certificateMessageSeen = true;
        if (chain.size() > limits.maxCertificatesPerMessage()) {
            limitReached(new Note.CertificatesOverLimit(roleOf(from), chain.size(), limits.maxCertificatesPerMessage(), frame));
            chain = chain.subList(0, limits.maxCertificatesPerMessage());
        }
        for (int i = 0; i < chain.size(); i++) {
            CertificateBytes bytes = chain.get(i);
            String notACertificate = DerShape.whyNotACertificate(bytes.data(), bytes.offset(), bytes.length());
            if (notACertificate != null) {
                // Bytes of another protocol caught in a record, or a broken entry: never a certificate row.
                certificateMessageExplained = true;
                note(new Note.NotACertificate(roleOf(from), frame, i, bytes.length(),
                        Sha256.hex(bytes.data(), bytes.offset(), bytes.length()), notACertificate));
                continue;
            }
            certificates.add(new SentCertificate(from, i, distinctDer.of(bytes.data(), bytes.offset(), bytes.length()), frame));
        }
    }

    /** The certificates that arrived whole from a Certificate message cut short. */
    void certificatesBeforeCut(Side from, List<CertificateBytes> whole, long frame) {
        certificateMessageExplained = true;
        certificates(from, whole, frame);
    }

    void alert(Side from, int level, int description, long frame) {
        alerts.add(new SentAlert(from, level, description, frame));
    }

    /** The version a side's cleartext handshake records carry: the best guess when no ServerHello was seen. */
    void recordVersion(Side from, int version) {
        if (recordVersion[from.ordinal()] < 0) recordVersion[from.ordinal()] = version;
    }

    void changeCipherSpec(Side from) {
        if (from == serverHelloFrom) serverChangeCipherSpecSeen = true;
    }

    void note(Note note) {
        notes.add(note);
    }

    /** The client is whoever sent the ClientHello; failing that, the peer of the ServerHello's sender; failing that, the opener. */
    Role roleOf(Side side) {
        Side client;
        if (clientHelloFrom != null) client = clientHelloFrom;
        else if (serverHelloFrom != null) client = serverHelloFrom.other();
        else client = Side.ORIGINATOR;
        return side == client ? Role.CLIENT : Role.SERVER;
    }

    Handshake toHandshake() {
        Endpoint client = roleOf(Side.ORIGINATOR) == Role.CLIENT ? connection.originator() : connection.responder();
        Endpoint server = client == connection.originator() ? connection.responder() : connection.originator();
        // Plain loops: this runs inside the per-segment path, and the JIT compiles streams here
        // into a far larger (slower to compile) body than the loops.
        List<CertificateEntry> entries = new ArrayList<>(certificates.size());
        for (SentCertificate c : certificates) {
            entries.add(new CertificateEntry(roleOf(c.from()), c.position(), c.der(), c.frame(), c.stapledOcsp(),
                    c.signedCertificateTimestamps()));
        }
        List<Alert> alertList = new ArrayList<>(alerts.size());
        for (SentAlert a : alerts) alertList.add(new Alert(roleOf(a.from()), a.level(), a.description(), a.frame()));
        List<Note> allNotes = new ArrayList<>();
        Optional<TlsVersion> version = Optional.empty();
        if (negotiatedVersion >= 0) {
            version = Optional.of(new TlsVersion(negotiatedVersion));
        } else {
            int serverRecords = recordVersion[(roleOf(Side.ORIGINATOR) == Role.SERVER ? Side.ORIGINATOR : Side.RESPONDER).ordinal()];
            if (serverRecords >= TlsVersion.SSL3) {
                version = Optional.of(new TlsVersion(serverRecords));
                notes.add(new Note.VersionFromRecordLayer());
            }
        }
        if (entries.isEmpty() && !certificateMessageExplained) {
            Note why = whyNotDecrypted();
            if (why == null) why = whyNoCertificate();
            notes.remove(why);
            allNotes.add(why);
        }
        allNotes.addAll(notes);
        for (SentStatus status : stapled) {
            evidence.accept(new Evidence(Evidence.Kind.OCSP_RESPONSE, Evidence.Carrier.TLS_STAPLED,
                    status.ocspResponse(),
                    status.frame(), time(), connection.transport(), client, server, connection.firstFrame(), Optional.empty(),
                    Optional.empty(), Optional.ofNullable(sni)));
        }
        return new Handshake(connection.transport(), client, server, connection.firstFrame(),
                Instant.ofEpochSecond(0, connection.firstEpochNanos()), version, Optional.ofNullable(sni),
                cipherSuite >= 0 ? Optional.of(new CipherSuite(cipherSuite)) : Optional.empty(),
                alertList, entries, allNotes, decryption(), connection.eap(), connection.relay());
    }

    private Note whyNoCertificate() {
        if (concealed != null) return new Note.ConcealedByCarrier(concealed);
        if (negotiatedVersion >= 0 && TlsVersion.encryptsCertificates(negotiatedVersion)) {
            return new Note.CertificatesEncrypted(new TlsVersion(negotiatedVersion));
        }
        if (serverHelloFrom == null) {
            return new Note.NoCertificate(clientHelloFrom == null ? Note.NoCertificate.Reason.NO_HELLO
                    : Note.NoCertificate.Reason.NO_SERVER_HELLO);
        }
        if (cipherSuite >= 0 && new CipherSuite(cipherSuite).withoutCertificate()) {
            return new Note.SuiteWithoutCertificate(new CipherSuite(cipherSuite));
        }
        if (serverChangeCipherSpecSeen && !certificateMessageSeen) {
            return new Note.NoCertificate(Note.NoCertificate.Reason.RESUMED);
        }
        if (certificateMessageSeen) return new Note.NoCertificate(Note.NoCertificate.Reason.EMPTY_MESSAGE);
        return new Note.NoCertificate(Note.NoCertificate.Reason.NOT_SEEN);
    }
}
