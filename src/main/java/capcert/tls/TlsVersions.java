package capcert.tls;

/** Protocol version codes as people write them. */
final class TlsVersions {

    static final int SSL2 = 0x0002;
    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;
    static final int DTLS10 = 0xfeff;
    static final int DTLS12 = 0xfefd;
    static final int DTLS13 = 0xfefc;
    /** What OpenSSL's DTLS sent before RFC 4347 was final. */
    static final int DTLS10_OPENSSL_PRE_STANDARD = 0x0100;

    private TlsVersions() {
    }

    static String name(int version) {
        return switch (version) {
            case SSL2 -> "SSL 2.0";
            case SSL3 -> "SSL 3.0";
            case TLS10 -> "TLS 1.0";
            case TLS11 -> "TLS 1.1";
            case TLS12 -> "TLS 1.2";
            case TLS13 -> "TLS 1.3";
            case DTLS10 -> "DTLS 1.0";
            case DTLS12 -> "DTLS 1.2";
            case DTLS13 -> "DTLS 1.3";
            case DTLS10_OPENSSL_PRE_STANDARD -> "DTLS 1.0 (OpenSSL pre-standard)";
            default -> (version & 0xff00) == 0x7f00 ? "TLS 1.3 (draft " + (version & 0xff) + ")"
                    : (version & 0xff00) == 0xfb00 ? "TLS 1.3 (Facebook draft " + (version & 0xff) + ")"
                    : String.format("version 0x%04x", version);
        };
    }

    /** TLS 1.3 and DTLS 1.3 (and the TLS 1.3 drafts, IETF's and Facebook's) encrypt everything after the ServerHello. */
    static boolean encryptsCertificates(int version) {
        return version == TLS13 || version == DTLS13 || (version & 0xff00) == 0x7f00 || (version & 0xff00) == 0xfb00;
    }
}
