package capcert.tls;

import capcert.capture.Limit;
import capcert.capture.LimitReached;
import capcert.net.Concealment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a handshake's record says besides its certificates: why it has none, or what the capture
 * lost of it. Each kind is a record with its typed data; {@link #message()} says it in plain words,
 * and a face may word a kind its own way. {@code from} is the peer the bytes came from, as far as
 * the parser knew when it met them.
 */
public sealed interface Note {

    /** The note in words that name no face's controls. */
    String message();

    // ---- why no certificate is listed ------------------------------------------------------

    /**
     * The version negotiated encrypts the certificates (TLS 1.3, DTLS 1.3 and the drafts of 1.3, TLS
     * in QUIC), and the scan has no key log to read them with.
     */
    record CertificatesEncrypted(ProtocolVersion version) implements Note {
        @Override
        public String message() {
            return "certificates encrypted (" + version + ")";
        }
    }

    /** The cipher suite negotiated has the server send no certificate (anonymous, pre-shared key). */
    record SuiteWithoutCertificate(CipherSuite suite) implements Note {
        @Override
        public String message() {
            return "cipher suite " + suite + " uses no certificate";
        }
    }

    /** The protocol carrying the handshake encrypts it ({@code why}): there is one, but nothing of it can be read. */
    record ConcealedByCarrier(Concealment why) implements Note {
        @Override
        public String message() {
            return switch (why) {
                case OPENVPN_TLS_CRYPT -> "OpenVPN tls-crypt: control channel encrypted, certificates not visible";
                case OPENVPN_TLS_CRYPT_V2 -> "OpenVPN tls-crypt-v2: control channel encrypted, certificates not visible";
                case OPENVPN_DYNAMIC_TLS_CRYPT -> "OpenVPN renegotiation under dynamic tls-crypt (OpenVPN 2.6): control"
                        + " channel encrypted, certificates not visible";
            };
        }
    }

    /** Why no certificate was seen, when neither the version nor the suite says. */
    record NoCertificate(Reason reason) implements Note {

        public enum Reason {
            /** Neither hello is in the capture. */
            NO_HELLO("no hello seen: handshake not in the capture"),
            /** The ClientHello is, its answer is not. */
            NO_SERVER_HELLO("no ServerHello seen: the server did not answer or its reply was not captured"),
            /** The server went on to encryption without a Certificate message: an abbreviated handshake. */
            RESUMED("session resumed: the server sent no certificate"),
            /** A Certificate message with an empty list. */
            EMPTY_MESSAGE("Certificate message was empty"),
            /** The server accepted a pre-shared key (TLS 1.3 resumption), as the decrypted handshake shows. */
            RESUMED_WITH_PSK("resumed: no certificates sent"),
            /** The encrypted part was read and holds no Certificate message. */
            NONE_IN_DECRYPTED("decrypted: no certificate sent"),
            /** None of the above: the capture ends before any Certificate message. */
            NOT_SEEN("no certificate seen");

            private final String message;

            Reason(String message) {
                this.message = message;
            }
        }

        @Override
        public String message() {
            return reason.message;
        }
    }

    // ---- what was guessed or lost -----------------------------------------------------------

    /** No ServerHello: the version is the one the server's handshake records carry. */
    record VersionFromRecordLayer() implements Note {
        @Override
        public String message() {
            return "version read from the server's record layer: no ServerHello seen";
        }
    }

    /** {@code length} bytes from {@code from} were never captured; the frame made the gap known. */
    record BytesNotCaptured(Role from, long length, long frame) implements Note {
        @Override
        public String message() {
            return length + " bytes from the " + from.label() + " not captured (frame " + frame + ")";
        }
    }

    /**
     * A tunnel (EAP, OpenVPN) missed packets of {@code from}'s, which it cannot size: the bytes they
     * held were never captured; the frame made the loss known.
     */
    record PacketsNotCaptured(Role from, long frame) implements Note {
        @Override
        public String message() {
            return "bytes from the " + from.label() + " not captured (frame " + frame + ")";
        }
    }

    /**
     * A Certificate message cut short, by lost bytes or by the end of the capture; the {@code kept}
     * certificates before the cut were whole and are listed.
     */
    record CertificateMessageCut(Role from, long frame, boolean captureEnded, int kept) implements Note {
        @Override
        public String message() {
            return "Certificate message from the " + from.label() + " incomplete ("
                    + (captureEnded ? "the capture ends inside it" : "bytes lost at frame " + frame) + "); " + kept
                    + " whole certificate" + (kept == 1 ? "" : "s") + " before the cut kept";
        }
    }

    /** A record header that cannot be one: the parser lost the records' framing and looks for the next. */
    record RecordFramingLost(Role from, long frame) implements Note {
        @Override
        public String message() {
            return "the " + from.label() + "'s TLS records lost their framing at frame " + frame
                    + "; looking for the next record";
        }
    }

    /** A handshake message (of {@code type}, as the wire numbers it) whose fields do not fit its length. */
    record MalformedMessage(Role from, int type, long frame, String detail) implements Note {
        @Override
        public String message() {
            return "malformed " + HandshakeType.name(type) + " from the " + from.label() + " at frame " + frame + ": "
                    + detail;
        }
    }

    /** A Certificate message that does not parse; the {@code kept} certificates before the damage are listed. */
    record MalformedCertificateMessage(Role from, long frame, String detail, int kept) implements Note {
        @Override
        public String message() {
            return "malformed Certificate message from the " + from.label() + " at frame " + frame + " (" + detail
                    + "); " + kept + " whole certificate" + (kept == 1 ? "" : "s") + " kept";
        }
    }

    /** An SSLv2 CLIENT-HELLO or SERVER-HELLO whose fields do not fit its length. */
    record MalformedSsl2Hello(Role from, long frame, String detail) implements Note {
        @Override
        public String message() {
            return "malformed SSLv2 hello from the " + from.label() + " at frame " + frame + ": " + detail;
        }
    }

    /** A DTLS record longer than the datagram that carries it. */
    record DtlsRecordCut(long frame) implements Note {
        @Override
        public String message() {
            return "DTLS record cut short at frame " + frame;
        }
    }

    /** A DTLS handshake fragment that reaches past its record or its message. */
    record MalformedDtlsFragment(Role from, long frame) implements Note {
        @Override
        public String message() {
            return "malformed DTLS handshake fragment from the " + from.label() + " at frame " + frame;
        }
    }

    /** A flow held over {@code max} bytes of unfinished DTLS handshake messages; those are dropped. */
    record DtlsMessagesDropped(long max, long frame) implements Note {
        @Override
        public String message() {
            return "over " + max + " bytes of unfinished DTLS handshake messages at frame " + frame
                    + "; the unfinished ones are dropped";
        }
    }

    /** The scan's memory budget was spent at {@code frame}: the flow's unfinished DTLS handshake messages are dropped. */
    record DtlsMessagesOverBudget(long frame) implements Note, LimitReached {
        @Override
        public Limit limit() {
            return Limit.MEMORY;
        }

        @Override
        public String message(String howToRaise) {
            return "the memory budget is spent at frame " + frame + "; the unfinished DTLS handshake messages are dropped"
                    + howToRaise;
        }

        @Override
        public String message() {
            return message("");
        }
    }

    // ---- the encrypted part, read with a key log -----------------------------------------------

    /** The key log holds no secrets for the handshake's {@code clientRandom} (hex, as key logs write it). */
    record NoKeyLogEntry(ProtocolVersion version, String clientRandom) implements Note {
        @Override
        public String message() {
            return "encrypted (" + version + "): no key-log entry for client random " + clientRandom;
        }
    }

    /** The cipher suite negotiated is not one whose records capcert opens. */
    record SuiteNotDecrypted(ProtocolVersion version, CipherSuite suite) implements Note {
        @Override
        public String message() {
            return "encrypted (" + version + "): cipher suite " + suite + " is not one capcert decrypts";
        }
    }

    /** No ClientHello in the QUIC Initial packets: without its client random no key-log entry can be found. */
    record QuicClientHelloUnread() implements Note {
        @Override
        public String message() {
            return "no ClientHello could be read from the QUIC Initial packets";
        }
    }

    /** What failed to open under the key log's secret. */
    enum Sealed {
        RECORD("record"),
        /** A QUIC long-header packet of the Handshake level. */
        HANDSHAKE_PACKET("Handshake packet");

        private final String words;

        Sealed(String words) {
            this.words = words;
        }
    }

    /** The key log's secret does not open what {@code from} sent in {@code frame}: its authentication tag fails. */
    record DecryptionFailed(Role from, Sealed what, long frame) implements Note {
        @Override
        public String message() {
            return "decryption failed: the key log's secret does not match (authentication tag) at the " + from.label()
                    + "'s " + what.words + " in frame " + frame;
        }
    }

    /** The key log's secret is not as long as the hash of the cipher suite negotiated. */
    record SecretLengthMismatch(CipherSuite suite) implements Note {
        @Override
        public String message() {
            return "decryption failed: the key log's secret does not match (its length does not fit " + suite + ")";
        }
    }

    /** The key log has the server's handshake secret, not the client's: the client's part stays encrypted. */
    record NoClientHandshakeSecret() implements Note {
        @Override
        public String message() {
            return "the key log has no CLIENT_HANDSHAKE_TRAFFIC_SECRET for this client random: the client's"
                    + " certificates, if any, stay encrypted";
        }
    }

    /** A record that opens to padding alone, with no content type. */
    record PaddingOnlyRecord(Role from, long frame) implements Note {
        @Override
        public String message() {
            return "the " + from.label() + "'s record in frame " + frame + " decrypts to padding only";
        }
    }

    /** Bytes lost in the middle of the encrypted handshake: the record sequence numbers cannot be followed. */
    record EncryptedRecordsLost(Role from, long frame) implements Note {
        @Override
        public String message() {
            return "the " + from.label() + "'s encrypted records cannot be followed past the bytes lost at frame " + frame;
        }
    }

    /** DTLS 1.3 records with a connection ID (RFC 9146), which capcert does not open. */
    record DtlsConnectionId(long frame) implements Note {
        @Override
        public String message() {
            return "DTLS 1.3 records with a connection ID (frame " + frame + ") are not decrypted";
        }
    }

    /** The QUIC server answered with a Retry: the client's next Initial packets use new keys. */
    record QuicRetry(long frame) implements Note {
        @Override
        public String message() {
            return "the server answered with a Retry (frame " + frame + "); the client's next Initial packets use a"
                    + " new Destination Connection ID";
        }
    }

    /** A QUIC Version Negotiation packet listing the {@code versions} (wire codes) its sender supports. */
    record QuicVersionNegotiation(Role from, long frame, List<Integer> versions) implements Note {
        public QuicVersionNegotiation {
            versions = List.copyOf(versions);
        }

        @Override
        public String message() {
            return "the " + from.label() + " sent Version Negotiation (frame " + frame + "): it supports "
                    + versions.stream().map(code -> QuicVersion.of(code).map(QuicVersion::toString)
                            .orElse(String.format("0x%08x", code))).collect(Collectors.joining(", "));
        }
    }

    /**
     * Entry {@code index} of a Certificate message is not a certificate (bytes of another protocol
     * caught in a record, or a broken entry): {@code length} bytes whose SHA-256 (hex) is {@code sha256};
     * {@code why} says what its DER shows.
     */
    record NotACertificate(Role from, long frame, int index, int length, String sha256, String why) implements Note {
        @Override
        public String message() {
            return "Certificate message from the " + from.label() + " at frame " + frame + ": entry #" + index + " ("
                    + length + " bytes, SHA-256 " + sha256 + ") is not a certificate: " + why;
        }
    }

    // ---- limits -------------------------------------------------------------------------------

    /**
     * A limit reached in one handshake. It is also a problem of the capture ({@link HandshakeLimitReached}),
     * which says it with the connection instead of the frame.
     */
    sealed interface OverLimit extends Note, LimitReached {

        long frame();

        /** What happened, with a face's words on how to raise the limit. */
        String situation(String howToRaise);

        @Override
        default String message(String howToRaise) {
            return situation(howToRaise) + " (frame " + frame() + ")";
        }

        @Override
        default String message() {
            return message("");
        }
    }

    /** A handshake message claiming {@code length} bytes, over the {@code max}; skipped. */
    record MessageOverLimit(Role from, int type, long length, int max, long frame) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.HANDSHAKE_MESSAGE;
        }

        @Override
        public String situation(String howToRaise) {
            return HandshakeType.name(type) + " from the " + from.label() + " claims " + length + " bytes, over the "
                    + max + "-byte limit; skipped" + howToRaise;
        }
    }

    /** A handshake message let go after {@code gathered} bytes: the scan's memory budget was spent. */
    record MessageOverBudget(Role from, int type, long gathered, long frame) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.MEMORY;
        }

        @Override
        public String situation(String howToRaise) {
            return HandshakeType.name(type) + " from the " + from.label() + " dropped after " + gathered
                    + " bytes: the memory budget is spent" + howToRaise;
        }
    }

    /** QUIC CRYPTO data from {@code from} past the {@code max} bytes of a handshake message; ignored. */
    record CryptoDataOverLimit(Role from, int max, long frame) implements Note, LimitReached {
        @Override
        public Limit limit() {
            return Limit.HANDSHAKE_MESSAGE;
        }

        @Override
        public String message(String howToRaise) {
            return "CRYPTO data from the " + from.label() + " past " + max + " bytes at frame " + frame + " ignored"
                    + howToRaise;
        }

        @Override
        public String message() {
            return message("");
        }
    }

    /**
     * A CompressedCertificate message (RFC 8879) whose Certificate message would inflate to
     * {@code uncompressed} bytes, over the {@code max}; not inflated. {@code algorithm} is the wire number.
     */
    record CompressedCertificateOverLimit(Role from, long frame, int algorithm, long uncompressed, int max)
            implements Note, LimitReached {
        @Override
        public Limit limit() {
            return Limit.HANDSHAKE_MESSAGE;
        }

        @Override
        public String message(String howToRaise) {
            return "malformed " + HandshakeType.name(HandshakeType.COMPRESSED_CERTIFICATE) + " from the " + from.label()
                    + " at frame " + frame + ": " + CompressedCertificates.algorithmName(algorithm)
                    + "-compressed Certificate claims " + uncompressed + " bytes uncompressed, over the " + max
                    + "-byte limit" + howToRaise;
        }

        @Override
        public String message() {
            return message("");
        }
    }

    /** A Certificate message of {@code count} certificates; the first {@code kept} are listed. */
    record CertificatesOverLimit(Role from, int count, int kept, long frame) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.CERTIFICATES_PER_MESSAGE;
        }

        @Override
        public String situation(String howToRaise) {
            return "Certificate message from the " + from.label() + " holds " + count + " certificates; the first "
                    + kept + " are kept" + howToRaise;
        }
    }

    /**
     * The scan held over {@code max} bytes in all while waiting for missing data (the capture's problem
     * says so once); this flow's unfinished DTLS handshake messages were dropped to hold less.
     */
    record DtlsMessagesDroppedOverTotal(long max, long frame) implements OverLimit {
        @Override
        public Limit limit() {
            return Limit.BUFFER_TOTAL;
        }

        @Override
        public String situation(String howToRaise) {
            return "unfinished DTLS handshake messages dropped: over " + max + " bytes held across the capture while"
                    + " waiting for missing data" + howToRaise;
        }
    }
}
