package capcert.tls;

/** Handshake message types (RFC 8446 section 4, RFC 5246 section 7.4, RFC 6347 for HelloVerifyRequest, RFC 8879). */
final class HandshakeType {

    static final int HELLO_REQUEST = 0;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int HELLO_VERIFY_REQUEST = 3;
    static final int NEW_SESSION_TICKET = 4;
    static final int END_OF_EARLY_DATA = 5;
    static final int ENCRYPTED_EXTENSIONS = 8;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int CERTIFICATE_REQUEST = 13;
    static final int SERVER_HELLO_DONE = 14;
    static final int CERTIFICATE_VERIFY = 15;
    static final int CLIENT_KEY_EXCHANGE = 16;
    static final int FINISHED = 20;
    static final int CERTIFICATE_STATUS = 22;
    static final int KEY_UPDATE = 24;
    /** RFC 8879. */
    static final int COMPRESSED_CERTIFICATE = 25;

    private HandshakeType() {
    }

    static String name(int type) {
        return switch (type) {
            case HELLO_REQUEST -> "HelloRequest";
            case CLIENT_HELLO -> "ClientHello";
            case SERVER_HELLO -> "ServerHello";
            case HELLO_VERIFY_REQUEST -> "HelloVerifyRequest";
            case NEW_SESSION_TICKET -> "NewSessionTicket";
            case END_OF_EARLY_DATA -> "EndOfEarlyData";
            case ENCRYPTED_EXTENSIONS -> "EncryptedExtensions";
            case CERTIFICATE -> "Certificate";
            case SERVER_KEY_EXCHANGE -> "ServerKeyExchange";
            case CERTIFICATE_REQUEST -> "CertificateRequest";
            case SERVER_HELLO_DONE -> "ServerHelloDone";
            case CERTIFICATE_VERIFY -> "CertificateVerify";
            case CLIENT_KEY_EXCHANGE -> "ClientKeyExchange";
            case FINISHED -> "Finished";
            case CERTIFICATE_STATUS -> "CertificateStatus";
            case KEY_UPDATE -> "KeyUpdate";
            case COMPRESSED_CERTIFICATE -> "CompressedCertificate";
            default -> "handshake message " + type;
        };
    }
}
