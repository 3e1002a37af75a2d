package capcert.tls;

import capcert.net.Side;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decodes the cleartext handshake messages that matter (hellos, Certificate), for TLS and DTLS alike. */
final class HandshakeMessages {

    private static final int STATUS_TYPE_OCSP = 1;

    private static final int EXTENSION_SERVER_NAME = 0;
    private static final int EXTENSION_PRE_SHARED_KEY = 41;
    private static final int EXTENSION_EARLY_DATA = 42;
    private static final int EXTENSION_SUPPORTED_VERSIONS = 43;
    private static final int EXTENSION_POST_HANDSHAKE_AUTH = 49;

    /** The ServerHello random that marks a TLS 1.3 HelloRetryRequest (RFC 8446 section 4.1.3). */
    private static final byte[] HELLO_RETRY_REQUEST = hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** What the sender's stream does after a message. */
    enum Next { CONTINUE, ENCRYPTED }

    private HandshakeMessages() {
    }

    static Next handle(int type, byte[] data, int offset, int length, boolean dtls, Side from, long frame, HandshakeFacts facts) {
        Bytes body = new Bytes(data, offset, length);
        try {
            switch (type) {
                case HandshakeType.CLIENT_HELLO -> clientHello(body, dtls, from, facts);
                case HandshakeType.SERVER_HELLO -> {
                    return serverHello(body, from, facts);
                }
                case HandshakeType.CERTIFICATE -> {
                    List<CertificateBytes> chain;
                    try {
                        chain = certificateList(body);
                    } catch (Bytes.Malformed e) {
                        chain = certificatesBefore(data, offset, length);
                        facts.note(new Note.MalformedCertificateMessage(facts.roleOf(from), frame, e.getMessage(), chain.size()));
                    }
                    facts.certificates(from, chain, frame);
                }
                case HandshakeType.CERTIFICATE_STATUS -> {
                    // RFC 6066 section 8: status_type ocsp, then the DER OCSPResponse. Evidence, not chain.
                    if (body.u8("status type") == STATUS_TYPE_OCSP) {
                        facts.stapledOcsp(body.take(body.u24("OCSP response length"), "OCSP response"), frame);
                    }
                }
                default -> {
                    // Key exchange, CertificateRequest, Finished...: nothing to extract.
                }
            }
        } catch (Bytes.Malformed e) {
            facts.note(new Note.MalformedMessage(facts.roleOf(from), type, frame, e.getMessage()));
        }
        return Next.CONTINUE;
    }

    private static void clientHello(Bytes b, boolean dtls, Side from, HandshakeFacts facts) throws Bytes.Malformed {
        int version = b.u16("ClientHello version");
        byte[] random = b.take(32, "ClientHello random");
        b.skip(b.u8("session id length"), "session id");
        if (dtls) b.skip(b.u8("cookie length"), "cookie");
        b.skip(b.u16("cipher suites length"), "cipher suites");
        b.skip(b.u8("compression methods length"), "compression methods");
        String serverName = null;
        List<String> alpn = List.of();
        boolean keys = facts.keysAtHand();
        if (b.remaining() >= 2) {
            Bytes extensions = b.slice(b.u16("extensions length"), "extensions");
            while (extensions.remaining() >= 4) {
                int extensionType = extensions.u16("extension type");
                Bytes extension = extensions.slice(extensions.u16("extension length"), "extension");
                if (extensionType == EXTENSION_SERVER_NAME) serverName = serverName(extension);
                else if (keys && extensionType == Tls13Messages.EXTENSION_ALPN) alpn = Tls13Messages.protocolNames(extension);
                else if (extensionType == EXTENSION_POST_HANDSHAKE_AUTH) facts.postHandshakeAuthOffered();
                else if (extensionType == EXTENSION_EARLY_DATA) facts.earlyDataOffered();
            }
        }
        facts.clientHelloOffers(random, alpn);
        facts.clientHello(from, version, serverName);
    }

    private static String serverName(Bytes extension) throws Bytes.Malformed {
        if (extension.remaining() == 0) return null; // a ServerHello's empty acknowledgement
        Bytes list = extension.slice(extension.u16("server name list length"), "server name list");
        while (list.remaining() > 0) {
            int nameType = list.u8("server name type");
            byte[] name = list.take(list.u16("server name length"), "server name");
            if (nameType == 0) return new String(name, StandardCharsets.US_ASCII);
        }
        return null;
    }

    private static Next serverHello(Bytes b, Side from, HandshakeFacts facts) throws Bytes.Malformed {
        int version = b.u16("ServerHello version");
        byte[] random = b.take(32, "ServerHello random");
        b.skip(b.u8("session id length"), "session id");
        int suite = b.u16("cipher suite");
        b.skip(1, "compression method");
        boolean pskAccepted = false;
        if (b.remaining() >= 2) {
            Bytes extensions = b.slice(b.u16("extensions length"), "extensions");
            while (extensions.remaining() >= 4) {
                int extensionType = extensions.u16("extension type");
                Bytes extension = extensions.slice(extensions.u16("extension length"), "extension");
                if (extensionType == EXTENSION_SUPPORTED_VERSIONS && extension.remaining() >= 2) {
                    version = extension.u16("selected version");
                } else if (extensionType == EXTENSION_PRE_SHARED_KEY) {
                    pskAccepted = true;
                }
            }
        }
        boolean retryRequest = Arrays.equals(random, HELLO_RETRY_REQUEST);
        if (retryRequest) {
            facts.helloRetryRequest();
            return Next.CONTINUE; // a second ClientHello and the real ServerHello follow in clear
        }
        if (pskAccepted) facts.resumed();
        facts.serverHello(from, version, suite);
        return TlsVersion.encryptsCertificates(version) ? Next.ENCRYPTED : Next.CONTINUE;
    }

    /**
     * The certificate_list of a TLS 1.0-1.2 (or SSLv3, DTLS) Certificate message, or the TLS 1.3
     * form with its request context and per-entry extensions.
     */
    static List<CertificateBytes> certificateList(Bytes body) throws Bytes.Malformed {
        int start = body.position();
        int total = body.remaining();
        if (total >= 3) {
            Bytes probe = new Bytes(body.array(), start, total);
            int listLength = probe.u24("certificate list length");
            if (listLength == total - 3) return entries(probe.slice(listLength, "certificate list"), false);
        }
        int contextLength = body.u8("certificate request context length");
        body.skip(contextLength, "certificate request context");
        return entries(body.slice(body.u24("certificate list length"), "certificate list"), true);
    }

    private static List<CertificateBytes> entries(Bytes list, boolean withExtensions) throws Bytes.Malformed {
        List<CertificateBytes> chain = new ArrayList<>();
        while (list.remaining() > 0) {
            int length = list.u24("certificate length");
            int start = list.position();
            list.skip(length, "certificate");
            chain.add(new CertificateBytes(list.array(), start, length));
            if (withExtensions) list.skip(list.u16("certificate extensions length"), "certificate extensions");
        }
        return chain;
    }

    /** Whole certificates before a loss, from a Certificate message body cut short. */
    static List<CertificateBytes> certificatesBefore(byte[] data, int offset, int available) {
        List<CertificateBytes> chain = new ArrayList<>();
        Bytes b = new Bytes(data, offset, available);
        try {
            b.u24("certificate list length");
            while (b.remaining() >= 3) {
                int length = b.u24("certificate length");
                if (length > b.remaining()) break;
                chain.add(new CertificateBytes(data, b.position(), length));
                b.skip(length, "certificate");
            }
        } catch (Bytes.Malformed e) {
            // Nothing more is whole.
        }
        return chain;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return out;
    }
}
