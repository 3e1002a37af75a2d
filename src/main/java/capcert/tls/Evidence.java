package capcert.tls;

import capcert.net.Endpoint;
import capcert.net.Transport;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Revocation and chain material a capture carried outside a handshake's Certificate messages:
 * certificates downloaded over HTTP (AIA caIssuers fetches, {@code .cer}/{@code .crt}/{@code .p7c}
 * files), OCSP requests and responses over HTTP or stapled in a TLS handshake, CRLs downloaded.
 * Never part of a chain as sent; it explains why one client completed a chain another could not,
 * and lets {@code check} judge revocation offline.
 *
 * @param content     the bytes exactly as carried (DER, or PEM text for a PEM download)
 * @param frame       the frame that completed them
 * @param time        capture time of the connection's first frame
 * @param client      the connection's client (the HTTP client, the TLS client of a stapled response)
 * @param server      its server
 * @param connectionFrame first frame of the connection, which for a stapled response is the handshake's
 * @param url         for HTTP: {@code http://host/target} of the request
 * @param contentType for HTTP: the Content-Type as sent, when there was one
 * @param sni         for a stapled response: the handshake's SNI, when it had one
 */
public record Evidence(Kind kind, Carrier carrier, Der content, long frame, Instant time, Transport transport,
                       Endpoint client, Endpoint server, long connectionFrame, Optional<String> url,
                       Optional<String> contentType, Optional<String> sni) {

    public Evidence {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(carrier);
        Objects.requireNonNull(content);
    }

    /** What the bytes are. */
    public enum Kind {
        /** One certificate, DER or PEM, or several in a PEM file. */
        CERTIFICATE,
        /** A PKCS#7 (CMS) SignedData holding certificates, as {@code .p7c} downloads are. */
        PKCS7,
        OCSP_REQUEST,
        OCSP_RESPONSE,
        CRL;

        public String label() {
            return switch (this) {
                case CERTIFICATE -> "certificate";
                case PKCS7 -> "PKCS#7 certificates";
                case OCSP_REQUEST -> "OCSP request";
                case OCSP_RESPONSE -> "OCSP response";
                case CRL -> "CRL";
            };
        }

        /** The JSON and file-name word: {@code certificate}, {@code pkcs7}, {@code ocsp-request}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How they crossed the wire. */
    public enum Carrier {
        HTTP_REQUEST, HTTP_RESPONSE, TLS_STAPLED;

        public String label() {
            return switch (this) {
                case HTTP_REQUEST -> "HTTP request";
                case HTTP_RESPONSE -> "HTTP response";
                case TLS_STAPLED -> "stapled in TLS";
            };
        }
    }
}
