package capcert.tls;

import capcert.net.Side;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The handshake messages TLS 1.3 encrypts (RFC 8446 section 4.3 on), read once decrypted, whether
 * they came from TLS records, QUIC CRYPTO frames or DTLS 1.3 records: EncryptedExtensions (the
 * chosen ALPN), CertificateRequest, Certificate with its request context and per-entry extensions,
 * CompressedCertificate (RFC 8879), CertificateVerify, Finished, KeyUpdate, NewSessionTicket.
 */
final class Tls13Messages {

    static final int EXTENSION_STATUS_REQUEST = 5;
    static final int EXTENSION_ALPN = 16;
    static final int EXTENSION_SIGNED_CERTIFICATE_TIMESTAMP = 18;
    private static final int OCSP_STATUS = 1;

    /** What the record layer must do when a side's keys change. */
    interface KeyChanges {
        /** {@code side} sent its Finished: its next records use the application traffic keys. */
        void finished(Side side);

        /** {@code side} sent a KeyUpdate: its next records use the next generation of keys. */
        void keyUpdate(Side side);

        /** For QUIC, which protects packets rather than records, and DTLS 1.3's handshake epoch, the only one read. */
        KeyChanges NONE = new KeyChanges() {
            @Override
            public void finished(Side side) {
            }

            @Override
            public void keyUpdate(Side side) {
            }
        };
    }

    private Tls13Messages() {
    }

    static void handle(int type, byte[] data, int offset, int length, Side from, long frame, HandshakeFacts facts,
                       KeyChanges keys) {
        Bytes body = new Bytes(data, offset, length);
        try {
            switch (type) {
                case HandshakeType.ENCRYPTED_EXTENSIONS -> encryptedExtensions(body, facts);
                case HandshakeType.CERTIFICATE -> certificate(body, from, frame, facts);
                case HandshakeType.COMPRESSED_CERTIFICATE -> {
                    byte[] inflated = CompressedCertificates.inflate(body, facts.limits().maxHandshakeMessage());
                    certificate(new Bytes(inflated, 0, inflated.length), from, frame, facts);
                }
                case HandshakeType.FINISHED -> keys.finished(from);
                case HandshakeType.KEY_UPDATE -> keys.keyUpdate(from);
                default -> {
                    // CertificateRequest (the client's Certificate answers it), CertificateVerify,
                    // NewSessionTicket, EndOfEarlyData: nothing about the chains.
                }
            }
        } catch (Bytes.Malformed e) {
            facts.note(new Note.MalformedMessage(facts.roleOf(from), type, frame, e.getMessage()));
        } catch (CompressedCertificates.OverLimit e) {
            facts.note(new Note.CompressedCertificateOverLimit(facts.roleOf(from), frame, e.algorithm, e.uncompressedLength,
                    facts.limits().maxHandshakeMessage()));
        }
    }

    private static void encryptedExtensions(Bytes b, HandshakeFacts facts) throws Bytes.Malformed {
        Bytes extensions = b.slice(b.u16("extensions length"), "extensions");
        while (extensions.remaining() >= 4) {
            int type = extensions.u16("extension type");
            Bytes extension = extensions.slice(extensions.u16("extension length"), "extension");
            if (type == EXTENSION_ALPN) {
                List<String> chosen = protocolNames(extension);
                if (!chosen.isEmpty()) facts.selectedAlpn(chosen.get(0));
            }
        }
    }

    /** A ProtocolNameList (RFC 7301 section 3.1). */
    static List<String> protocolNames(Bytes extension) throws Bytes.Malformed {
        List<String> names = new ArrayList<>();
        Bytes list = extension.slice(extension.u16("protocol name list length"), "protocol name list");
        while (list.remaining() > 0) {
            names.add(new String(list.take(list.u8("protocol name length"), "protocol name"), StandardCharsets.US_ASCII));
        }
        return names;
    }

    /** A TLS 1.3 Certificate message: request context, then entries each followed by its extensions. */
    private static void certificate(Bytes b, Side from, long frame, HandshakeFacts facts) throws Bytes.Malformed {
        b.skip(b.u8("certificate request context length"), "certificate request context");
        Bytes list = b.slice(b.u24("certificate list length"), "certificate list");
        List<CertificateBytes> chain = new ArrayList<>();
        List<Optional<CertificateBytes>> ocsp = new ArrayList<>();
        List<Optional<CertificateBytes>> scts = new ArrayList<>();
        while (list.remaining() > 0) {
            int length = list.u24("certificate length");
            int start = list.position();
            list.skip(length, "certificate");
            chain.add(new CertificateBytes(list.array(), start, length));
            Optional<CertificateBytes> stapled = Optional.empty();
            Optional<CertificateBytes> timestamps = Optional.empty();
            Bytes extensions = list.slice(list.u16("certificate extensions length"), "certificate extensions");
            while (extensions.remaining() >= 4) {
                int type = extensions.u16("extension type");
                Bytes extension = extensions.slice(extensions.u16("extension length"), "extension");
                if (type == EXTENSION_STATUS_REQUEST && extension.u8("certificate status type") == OCSP_STATUS) {
                    int responseLength = extension.u24("OCSP response length");
                    stapled = Optional.of(new CertificateBytes(extension.array(), extension.position(), responseLength));
                    extension.skip(responseLength, "OCSP response");
                } else if (type == EXTENSION_SIGNED_CERTIFICATE_TIMESTAMP && extension.remaining() > 0) {
                    timestamps = Optional.of(new CertificateBytes(extension.array(), extension.position(), extension.remaining()));
                }
            }
            ocsp.add(stapled);
            scts.add(timestamps);
        }
        facts.certificates(from, chain, frame, ocsp, scts);
    }
}
