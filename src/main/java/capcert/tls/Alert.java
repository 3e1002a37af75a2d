package capcert.tls;

/** A cleartext TLS Alert, e.g. the client's {@code unknown_ca} right after the server's chain. */
public record Alert(Role from, int level, int description, long frame) {

    public static final int WARNING = 1;
    public static final int FATAL = 2;

    /** Alert descriptions, RFC 8446 section 6 and RFC 5246 section 7.2. */
    public static final int CLOSE_NOTIFY = 0;
    public static final int UNEXPECTED_MESSAGE = 10;
    public static final int BAD_RECORD_MAC = 20;
    public static final int DECRYPTION_FAILED = 21;
    public static final int RECORD_OVERFLOW = 22;
    public static final int DECOMPRESSION_FAILURE = 30;
    public static final int HANDSHAKE_FAILURE = 40;
    public static final int NO_CERTIFICATE = 41;
    public static final int BAD_CERTIFICATE = 42;
    public static final int UNSUPPORTED_CERTIFICATE = 43;
    public static final int CERTIFICATE_REVOKED = 44;
    public static final int CERTIFICATE_EXPIRED = 45;
    public static final int CERTIFICATE_UNKNOWN = 46;
    public static final int ILLEGAL_PARAMETER = 47;
    public static final int UNKNOWN_CA = 48;
    public static final int ACCESS_DENIED = 49;
    public static final int DECODE_ERROR = 50;
    public static final int DECRYPT_ERROR = 51;
    public static final int EXPORT_RESTRICTION = 60;
    public static final int PROTOCOL_VERSION = 70;
    public static final int INSUFFICIENT_SECURITY = 71;
    public static final int INTERNAL_ERROR = 80;
    public static final int INAPPROPRIATE_FALLBACK = 86;
    public static final int USER_CANCELED = 90;
    public static final int NO_RENEGOTIATION = 100;
    public static final int MISSING_EXTENSION = 109;
    public static final int UNSUPPORTED_EXTENSION = 110;
    public static final int CERTIFICATE_UNOBTAINABLE = 111;
    public static final int UNRECOGNIZED_NAME = 112;
    public static final int BAD_CERTIFICATE_STATUS_RESPONSE = 113;
    public static final int BAD_CERTIFICATE_HASH_VALUE = 114;
    public static final int UNKNOWN_PSK_IDENTITY = 115;
    public static final int CERTIFICATE_REQUIRED = 116;
    public static final int NO_APPLICATION_PROTOCOL = 120;

    public String levelName() {
        return switch (level) {
            case WARNING -> "warning";
            case FATAL -> "fatal";
            default -> "level(" + level + ")";
        };
    }

    /** RFC 8446 section 6 and RFC 5246 section 7.2 names. */
    public String descriptionName() {
        return switch (description) {
            case CLOSE_NOTIFY -> "close_notify";
            case UNEXPECTED_MESSAGE -> "unexpected_message";
            case BAD_RECORD_MAC -> "bad_record_mac";
            case DECRYPTION_FAILED -> "decryption_failed";
            case RECORD_OVERFLOW -> "record_overflow";
            case DECOMPRESSION_FAILURE -> "decompression_failure";
            case HANDSHAKE_FAILURE -> "handshake_failure";
            case NO_CERTIFICATE -> "no_certificate";
            case BAD_CERTIFICATE -> "bad_certificate";
            case UNSUPPORTED_CERTIFICATE -> "unsupported_certificate";
            case CERTIFICATE_REVOKED -> "certificate_revoked";
            case CERTIFICATE_EXPIRED -> "certificate_expired";
            case CERTIFICATE_UNKNOWN -> "certificate_unknown";
            case ILLEGAL_PARAMETER -> "illegal_parameter";
            case UNKNOWN_CA -> "unknown_ca";
            case ACCESS_DENIED -> "access_denied";
            case DECODE_ERROR -> "decode_error";
            case DECRYPT_ERROR -> "decrypt_error";
            case EXPORT_RESTRICTION -> "export_restriction";
            case PROTOCOL_VERSION -> "protocol_version";
            case INSUFFICIENT_SECURITY -> "insufficient_security";
            case INTERNAL_ERROR -> "internal_error";
            case INAPPROPRIATE_FALLBACK -> "inappropriate_fallback";
            case USER_CANCELED -> "user_canceled";
            case NO_RENEGOTIATION -> "no_renegotiation";
            case MISSING_EXTENSION -> "missing_extension";
            case UNSUPPORTED_EXTENSION -> "unsupported_extension";
            case CERTIFICATE_UNOBTAINABLE -> "certificate_unobtainable";
            case UNRECOGNIZED_NAME -> "unrecognized_name";
            case BAD_CERTIFICATE_STATUS_RESPONSE -> "bad_certificate_status_response";
            case BAD_CERTIFICATE_HASH_VALUE -> "bad_certificate_hash_value";
            case UNKNOWN_PSK_IDENTITY -> "unknown_psk_identity";
            case CERTIFICATE_REQUIRED -> "certificate_required";
            case NO_APPLICATION_PROTOCOL -> "no_application_protocol";
            default -> "alert(" + description + ")";
        };
    }
}
