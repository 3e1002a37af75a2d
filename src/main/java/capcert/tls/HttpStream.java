package capcert.tls;

import capcert.net.Side;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;

/**
 * One direction of an HTTP/1.x connection on plain TCP: requests from the client, responses from
 * the server (RFC 9112). Message boundaries come from Content-Length, chunked transfer coding, or
 * the end of the connection, so that pipelined and kept-alive messages are told apart and a body
 * is never taken for anything else. Bodies that are certificates, PKCS#7 bundles, OCSP requests
 * or responses, or CRLs, told by their Content-Type or, for generic types, by the file name in
 * the URL, are gathered (up to the handshake-message limit) and handed to the {@link Exchange}'s
 * sink; every other body is skipped uncopied. Header blocks are bounded too.
 */
final class HttpStream {

    static final int MAX_HEADER = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final int MAX_PIPELINED = 256;

    /** Where gathered bodies go, with the request they answer. */
    @FunctionalInterface
    interface EvidenceSink {
        void found(Evidence.Kind kind, Evidence.Carrier carrier, byte[] content, long frame, Side client, String url,
                   String contentType);
    }

    private record Request(String method, String url, boolean upgrade, String path) {
    }

    /** What both directions share: the requests still waiting for their response, and the sink. */
    static final class Exchange {
        private final ArrayDeque<Request> waiting = new ArrayDeque<>();
        private final EvidenceSink sink;
        private final int maxBody;

        Exchange(EvidenceSink sink, int maxBody) {
            this.sink = sink;
            this.maxBody = maxBody;
        }
    }

    private enum State { HEADERS, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private final Exchange exchange;
    private final Side side;
    private final boolean requests;
    private State state = State.HEADERS;
    private long remaining;
    private boolean tlsMayFollow;
    /** After this message, the server's bytes belong to another protocol (101) or a tunnel (CONNECT). */
    private boolean switchAfterMessage;
    private boolean tlsAfterMessage;
    private Request current;
    private Evidence.Kind gathering;
    private String contentType;
    private ByteArrayOutputStream body;
    private long frameOfBody;
    private long evidenceBytes;

    private HttpStream(Exchange exchange, Side side, boolean requests) {
        this.exchange = exchange;
        this.side = side;
        this.requests = requests;
    }

    static HttpStream requests(Exchange exchange, Side client) {
        return new HttpStream(exchange, client, true);
    }

    static HttpStream responses(Exchange exchange, Side server) {
        return new HttpStream(exchange, server, false);
    }

    static boolean isRequestStart(String s) {
        int space = s.indexOf(' ');
        if (space < 3 || space > 10) return false;
        String method = s.substring(0, space);
        return switch (method) {
            case "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "CONNECT", "PATCH", "TRACE", "PROPFIND" -> true;
            default -> false;
        };
    }

    static boolean isResponseStart(String s) {
        return s.startsWith("HTTP/1.") && s.length() >= 12 && s.charAt(8) == ' ' && Character.isDigit(s.charAt(9));
    }

    /** Once, after a message that TLS may follow: CONNECT and Upgrade requests, 101 and 2xx-to-CONNECT responses. */
    boolean tlsMayFollow() {
        boolean may = tlsMayFollow;
        tlsMayFollow = false;
        return may;
    }

    /** Bytes of evidence bodies read since the last call: they do not count against the cleartext limit. */
    long takeEvidenceBytes() {
        long n = evidenceBytes;
        evidenceBytes = 0;
        return n;
    }

    /** Reads from {@code at}; returns the bytes used, or -1 when a header block or chunk line is not whole yet. */
    int read(byte[] data, int at, int length, long frame) {
        return switch (state) {
            case HEADERS -> headers(data, at, length, frame);
            case FIXED, CHUNK_DATA -> body(data, at, length, frame);
            case UNTIL_CLOSE -> {
                take(data, at, length, frame);
                yield length;
            }
            case CHUNK_SIZE -> chunkSize(data, at, length);
            case CHUNK_END -> {
                int end = lineEnd(data, at, length);
                if (end < 0) yield length > MAX_CHUNK_LINE ? lose(length) : -1;
                state = State.CHUNK_SIZE;
                yield end - at;
            }
            case TRAILERS -> {
                int end = lineEnd(data, at, length);
                if (end < 0) yield length > MAX_HEADER ? lose(length) : -1;
                if (end - at <= 2) messageEnd(frame);
                yield end - at;
            }
            case DONE -> length;
        };
    }

    /** {@code length} bytes never captured: true when the message framing survives it (inside a body of known length). */
    boolean gap(long length) {
        if ((state == State.FIXED || state == State.CHUNK_DATA) && length <= remaining) {
            remaining -= length;
            gathering = null; // a body with a hole is no evidence
            body = null;
            return true;
        }
        if (state == State.UNTIL_CLOSE) {
            gathering = null;
            body = null;
            return true;
        }
        state = State.DONE;
        return false;
    }

    void end() {
        if (state == State.UNTIL_CLOSE) messageEnd(frameOfBody);
    }

    private int lose(int length) {
        state = State.DONE;
        return length;
    }

    // ---- start line and headers ----------------------------------------------------------

    private int headers(byte[] data, int at, int length, long frame) {
        int skipped = 0;
        while (skipped < length && (data[at + skipped] == '\r' || data[at + skipped] == '\n')) skipped++;
        int end = headerEnd(data, at + skipped, length - skipped);
        if (end < 0) return length > MAX_HEADER ? lose(length) : skipped > 0 ? skipped : -1;
        String block = new String(data, at + skipped, end - at - skipped, StandardCharsets.ISO_8859_1);
        String[] lines = block.split("\r?\n");
        String startLine = lines[0];
        long contentLength = -1;
        boolean chunked = false;
        String host = null;
        String type = null;
        boolean upgrade = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "host" -> host = value;
                case "content-type" -> type = value;
                case "upgrade" -> upgrade = true;
                default -> {
                    // Other headers say nothing about framing or content.
                }
            }
        }
        contentType = type;
        if (requests) request(startLine, host, upgrade, frame);
        else if (!response(startLine)) return lose(length);
        if (state == State.DONE) return end - at;
        boolean noBody = !requests && (current != null && (current.method.equals("HEAD") || current.method.equals("CONNECT")
                && switchAfterMessage) || statusOf(startLine) < 200 || statusOf(startLine) == 204 || statusOf(startLine) == 304);
        if (noBody) {
            messageEnd(frame);
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            state = State.FIXED;
            remaining = contentLength;
        } else if (contentLength == 0 || requests) {
            messageEnd(frame);
        } else {
            state = State.UNTIL_CLOSE;
        }
        return end - at;
    }

    private void request(String startLine, String host, boolean upgrade, long frame) {
        String[] parts = startLine.split(" ");
        String method = parts[0];
        String target = parts.length > 1 ? parts[1] : "/";
        String url = target.startsWith("http://") || target.startsWith("https://") ? target
                : method.equals("CONNECT") ? target : "http://" + (host == null ? "" : host) + target;
        String path = target.replaceFirst("^[a-z]+://[^/]*", "").replaceFirst("[?#].*$", "");
        current = new Request(method, url, upgrade, path);
        if (exchange.waiting.size() < MAX_PIPELINED) exchange.waiting.addLast(current);
        tlsAfterMessage = method.equals("CONNECT") || upgrade;
        startGathering(kindOfRequest(contentType), frame);
        if (method.equals("GET")) ocspGet(path, url, frame);
    }

    /** False when the start line is not a status line. */
    private boolean response(String startLine) {
        int status = statusOf(startLine);
        if (status < 0) return false;
        if (status >= 100 && status < 200 && status != 101) {
            current = exchange.waiting.peekFirst(); // an interim response: the request still waits for its final one
            return true;
        }
        current = exchange.waiting.pollFirst();
        boolean connect = current != null && current.method.equals("CONNECT");
        switchAfterMessage = status == 101 || connect && status >= 200 && status < 300;
        tlsAfterMessage = switchAfterMessage;
        if (status >= 200 && status < 300) startGathering(kindOfResponse(contentType, current == null ? "" : current.path), 0);
        return true;
    }

    private static int statusOf(String startLine) {
        if (!startLine.startsWith("HTTP/") || startLine.length() < 12) return -1;
        try {
            return Integer.parseInt(startLine.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLength(String value) {
        try {
            long length = Long.parseLong(value);
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the header block starting at {@code at} ends (after its empty line), or -1. */
    private static int headerEnd(byte[] data, int at, int length) {
        int end = at + Math.min(length, MAX_HEADER);
        for (int i = at; i < end; i++) {
            if (data[i] != '\n') continue;
            if (i + 1 < end && data[i + 1] == '\n') return i + 2;
            if (i + 2 < end && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    private static int lineEnd(byte[] data, int at, int length) {
        int end = at + Math.min(length, MAX_HEADER);
        for (int i = at; i < end; i++) {
            if (data[i] == '\n') return i + 1;
        }
        return -1;
    }

    // ---- bodies ----------------------------------------------------------------------------

    private int body(byte[] data, int at, int length, long frame) {
        int n = (int) Math.min(remaining, length);
        take(data, at, n, frame);
        remaining -= n;
        if (remaining == 0) {
            if (state == State.CHUNK_DATA) state = State.CHUNK_END;
            else messageEnd(frame);
        }
        return n;
    }

    private int chunkSize(byte[] data, int at, int length) {
        int end = lineEnd(data, at, length);
        if (end < 0) return length > MAX_CHUNK_LINE ? lose(length) : -1;
        String line = new String(data, at, end - at, StandardCharsets.ISO_8859_1).strip();
        int extension = line.indexOf(';');
        if (extension >= 0) line = line.substring(0, extension).strip();
        try {
            remaining = Long.parseLong(line, 16);
        } catch (NumberFormatException e) {
            return lose(length);
        }
        if (remaining < 0) return lose(length);
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
        return end - at;
    }

    private void take(byte[] data, int at, int n, long frame) {
        if (body == null) return;
        evidenceBytes += n;
        if (body.size() + (long) n > exchange.maxBody) {
            body = null; // over the limit: not gathered
            gathering = null;
            return;
        }
        body.write(data, at, n);
        frameOfBody = frame;
    }

    private void startGathering(Evidence.Kind kind, long frame) {
        gathering = kind;
        body = kind == null ? null : new ByteArrayOutputStream();
        frameOfBody = frame;
    }

    private void messageEnd(long frame) {
        if (gathering != null && body != null && body.size() > 0 && current != null) {
            exchange.sink.found(gathering, requests ? Evidence.Carrier.HTTP_REQUEST : Evidence.Carrier.HTTP_RESPONSE,
                    body.toByteArray(), Math.max(frame, frameOfBody), requests ? side : side.other(), current.url, contentType);
        }
        gathering = null;
        body = null;
        tlsMayFollow = tlsAfterMessage;
        tlsAfterMessage = false;
        state = !requests && switchAfterMessage ? State.DONE : State.HEADERS;
        switchAfterMessage = false;
    }

    // ---- what a body is ------------------------------------------------------------------

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Evidence.Kind kindOfRequest(String contentType) {
        return mediaType(contentType).equals("application/ocsp-request") ? Evidence.Kind.OCSP_REQUEST : null;
    }

    static Evidence.Kind kindOfResponse(String contentType, String path) {
        switch (mediaType(contentType)) {
            case "application/ocsp-response" -> {
                return Evidence.Kind.OCSP_RESPONSE;
            }
            case "application/pkix-cert", "application/x-x509-ca-cert", "application/x-x509-user-cert",
                 "application/x-x509-server-cert", "application/x-x509-cert", "application/x-pem-file",
                 "application/pem-certificate-chain" -> {
                return Evidence.Kind.CERTIFICATE;
            }
            case "application/pkcs7-mime", "application/x-pkcs7-mime", "application/x-pkcs7-certificates",
                 "application/pkcs7-certificates" -> {
                return Evidence.Kind.PKCS7;
            }
            case "application/pkix-crl", "application/x-pkcs7-crl" -> {
                return Evidence.Kind.CRL;
            }
            case "", "application/octet-stream", "binary/octet-stream", "application/download", "text/plain" -> {
                return kindOfFile(path);
            }
            default -> {
                return null;
            }
        }
    }

    /** Generic types name nothing: the file name in the URL does. */
    private static Evidence.Kind kindOfFile(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".cer") || name.endsWith(".crt") || name.endsWith(".der") || name.endsWith(".pem")) {
            return Evidence.Kind.CERTIFICATE;
        }
        if (name.endsWith(".p7c") || name.endsWith(".p7b")) return Evidence.Kind.PKCS7;
        if (name.endsWith(".crl")) return Evidence.Kind.CRL;
        return null;
    }

    /** RFC 6960 A.1: a GET request carries the OCSP request base64-encoded, URL-encoded, as the last path segment. */
    private void ocspGet(String path, String url, long frame) {
        int slash = path.lastIndexOf('/');
        String segment = path.substring(slash + 1);
        if (segment.length() < 40) return;
        try {
            byte[] der = Base64.getDecoder().decode(URLDecoder.decode(segment, StandardCharsets.US_ASCII));
            if (der.length > 10 && (der[0] & 0xff) == 0x30 && DerShape.isOneSequence(der)) {
                exchange.sink.found(Evidence.Kind.OCSP_REQUEST, Evidence.Carrier.HTTP_REQUEST, der, frame, side, url, null);
            }
        } catch (IllegalArgumentException e) {
            // Not base64: an ordinary path.
        }
    }
}
