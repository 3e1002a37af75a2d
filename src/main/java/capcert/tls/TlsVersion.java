package capcert.tls;

/**
 * A protocol version as the wire codes it ({@code 0x0303} is TLS 1.2), written as people write it:
 * {@link #toString()} gives "TLS 1.2", "DTLS 1.0", "SSL 2.0", "TLS 1.3 (draft 28)".
 */
public record TlsVersion(int code) implements ProtocolVersion {

    // The wire codes, for the parsers.
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
    /** The high byte of the IETF drafts of TLS 1.3 (0x7f1c is draft 28), and of Facebook's own drafts. */
    private static final int TLS13_DRAFT = 0x7f00;
    private static final int TLS13_FACEBOOK_DRAFT = 0xfb00;

    public static final TlsVersion SSL_2_0 = new TlsVersion(SSL2);
    public static final TlsVersion SSL_3_0 = new TlsVersion(SSL3);
    public static final TlsVersion TLS_1_0 = new TlsVersion(TLS10);
    public static final TlsVersion TLS_1_1 = new TlsVersion(TLS11);
    public static final TlsVersion TLS_1_2 = new TlsVersion(TLS12);
    public static final TlsVersion TLS_1_3 = new TlsVersion(TLS13);
    public static final TlsVersion DTLS_1_0 = new TlsVersion(DTLS10);
    public static final TlsVersion DTLS_1_2 = new TlsVersion(DTLS12);
    public static final TlsVersion DTLS_1_3 = new TlsVersion(DTLS13);

    public TlsVersion {
        if (code < 0 || code > 0xffff) throw new IllegalArgumentException("a version is two bytes: " + code);
    }

    /** TLS 1.3 and DTLS 1.3 (and the TLS 1.3 drafts, IETF's and Facebook's) encrypt everything after the ServerHello. */
    public boolean encryptsCertificates() {
        return encryptsCertificates(code);
    }

    static boolean encryptsCertificates(int code) {
        return code == TLS13 || code == DTLS13 || (code & 0xff00) == TLS13_DRAFT || (code & 0xff00) == TLS13_FACEBOOK_DRAFT;
    }

    /** TLS 1.3 or DTLS 1.3 as published, not one of their drafts. */
    public boolean isFinal13() {
        return code == TLS13 || code == DTLS13;
    }

    @Override
    public String toString() {
        return switch (code) {
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
            default -> (code & 0xff00) == TLS13_DRAFT ? "TLS 1.3 (draft " + (code & 0xff) + ")"
                    : (code & 0xff00) == TLS13_FACEBOOK_DRAFT ? "TLS 1.3 (Facebook draft " + (code & 0xff) + ")"
                    : String.format("version 0x%04x", code);
        };
    }
}
