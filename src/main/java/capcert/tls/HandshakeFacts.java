package capcert.tls;

import capcert.capture.Problem;
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

    private record SentCertificate(Side from, int position, Der der, long frame) {
    }

    private record SentAlert(Side from, int level, int description, long frame) {
    }

    private final Connection connection;
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
    private boolean serverChangeCipherSpecSeen;
    private final List<SentCertificate> certificates = new ArrayList<>();
    private final List<SentAlert> alerts = new ArrayList<>();
    private final Set<Note> notes = new LinkedHashSet<>();
    private final DistinctDer distinctDer;

    HandshakeFacts(Connection connection, Limits limits, Consumer<Problem> problems) {
        this(connection, limits, problems, new DistinctDer());
    }

    /** {@code distinctDer} is shared by every connection of a scan: a busy server sends the same chain every time. */
    HandshakeFacts(Connection connection, Limits limits, Consumer<Problem> problems, DistinctDer distinctDer) {
        this.connection = connection;
        this.limits = limits;
        this.problems = problems;
        this.distinctDer = distinctDer;
    }

    Limits limits() {
        return limits;
    }

    /** A message too large to gather: noted on the handshake and reported as a problem of the capture. */
    void messageOverLimit(Side from, int type, long length, long frame) {
        limitReached(new Note.MessageOverLimit(roleOf(from), type, length, limits.maxHandshakeMessage(), frame));
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
            certificates.add(new SentCertificate(from, i, distinctDer.of(bytes.data(), bytes.offset(), bytes.length()), frame));
        }
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
            entries.add(new CertificateEntry(roleOf(c.from()), c.position(), c.der(), c.frame()));
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
        if (entries.isEmpty()) allNotes.add(whyNoCertificate());
        allNotes.addAll(notes);
        return new Handshake(connection.transport(), client, server, connection.firstFrame(),
                Instant.ofEpochSecond(0, connection.firstEpochNanos()), version, Optional.ofNullable(sni),
                cipherSuite >= 0 ? Optional.of(new CipherSuite(cipherSuite)) : Optional.empty(),
                alertList, entries, allNotes);
    }

    private Note whyNoCertificate() {
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
