package capcert.tls;

/** Record content types (RFC 8446 section 5.1; heartbeat RFC 6520, DTLS connection ids RFC 9146). */
final class ContentType {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int HEARTBEAT = 24;
    static final int TLS12_CID = 25;

    /** The major version byte of every TLS and SSLv3 record header: TLS 1.0 to 1.3 are 3.1 to 3.4. */
    static final int TLS_MAJOR = 3;
    /** The highest minor version byte a TLS record header carries (3.4 is TLS 1.3). */
    static final int HIGHEST_TLS_MINOR = 4;

    private ContentType() {
    }
}
