package capcert.tls;

import capcert.net.Side;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cleartext protocol a TCP connection began with, and the only places where TLS may start in
 * it. TLS is found by content, which a body can fake: a capture uploaded over plain HTTP holds
 * whole TLS handshakes. So a connection that begins in a recognised cleartext protocol turns to
 * TLS only at a real upgrade point, and only if a TLS record starts exactly there:
 *
 * <ul>
 * <li>HTTP/1.x: after a CONNECT request or a request asking to Upgrade (client), after a 2xx
 *     answer to CONNECT or a 101 (server); never inside a body. {@link HttpStream} reads the
 *     messages, and hands certificates, OCSP and CRLs it sees to the evidence;
 * <li>line protocols (SMTP, LMTP, FTP, POP3, IMAP, NNTP, IRC, XMPP, ManageSieve): at a line end
 *     (or, for XMPP, an element end) once either side sent STARTTLS, STLS, AUTH TLS/SSL or
 *     {@code <starttls};
 * <li>PostgreSQL: after SSLRequest, and after the server's 'S';
 * <li>LDAP: after the StartTLS extended request (1.3.6.1.4.1.1466.20037) and its response;
 * <li>RDP: after the X.224 Connection Request and Connection Confirm;
 * <li>MySQL: after the client's SSL request packet, and after the server's greeting once asked;
 * <li>a file (a capture, an archive) sent raw, as on an FTP data connection: never.
 * </ul>
 *
 * A connection that starts with TLS, or with anything not recognised, is searched for TLS as
 * before. Each side's cleartext counts against the same {@link TlsStreamParser#SEEK_LIMIT}, except
 * evidence bodies being gathered.
 */
final class Cleartext {

    private enum Protocol { UNDECIDED, OPEN, HTTP, LINES, POSTGRES, MYSQL, LDAP, RDP, FILE }

    private static final int LOOKAHEAD = 11;
    private static final int MAX_LINE = 8192;
    private static final Pattern UPGRADE_COMMAND = Pattern.compile(
            "^(?:\\S+\\s+)?(?:STARTTLS|STLS)\\b.*|^AUTH\\s+(?:TLS|SSL|TLS-C|TLS-P)\\b.*|.*<starttls\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final byte[] POSTGRES_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};
    private static final String LDAP_START_TLS = "1.3.6.1.4.1.1466.20037";

    /** The sides' readers: a side reads in {@link #read}; {@link Direction#tls} once TLS started in it. */
    private static final class Direction {
        final Side side;
        boolean tls;
        /** Cleartext bytes read, against the plaintext limit. */
        long bytes;
        /** Bytes held back: a line or message not yet whole, or too few bytes to tell whether TLS starts. */
        byte[] held = new byte[0];
        /** At a place where TLS may start (an upgrade point). */
        boolean mayStart;
        /** Framing lost (a gap in a line or header): no TLS can be told from here on. */
        boolean lost;
        HttpStream http;

        Direction(Side side) {
            this.side = side;
        }
    }

    private final Direction[] directions = {new Direction(Side.ORIGINATOR), new Direction(Side.RESPONDER)};
    private final HttpStream.Exchange exchange;
    private Protocol protocol = Protocol.UNDECIDED;
    /** An upgrade was asked for (STARTTLS and the like, SSLRequest, StartTLS, X.224 negotiation, MySQL SSL). */
    private boolean upgradeRequested;
    /** PostgreSQL, MySQL, LDAP, RDP: one message each way may precede TLS; how many a side has left. */
    private final int[] binaryMessagesLeft = {1, 1};
    /** Bytes of a side's message read when the connection was classified, to pass before TLS may start. */
    private final int[] pendingSkip = {0, 0};

    Cleartext(HttpStream.Exchange exchange) {
        this.exchange = exchange;
    }

    private Direction direction(Side side) {
        return directions[side.ordinal()];
    }

    /** Whether {@code side}'s bytes go through {@link #read} rather than straight to its TLS parser. */
    boolean holds(Side side) {
        Direction d = direction(side);
        return protocol != Protocol.OPEN && !d.tls || d.held.length > 0;
    }

    /** The side sent as much cleartext as the limit allows without turning to TLS. */
    boolean exhausted(Side side) {
        Direction d = direction(side);
        return !d.tls && protocol != Protocol.OPEN && protocol != Protocol.UNDECIDED
                && (d.bytes > TlsStreamParser.SEEK_LIMIT || d.lost && (protocol == Protocol.HTTP || protocol == Protocol.FILE));
    }

    /**
     * Reads {@code side}'s next bytes. Returns null when they are all cleartext, else the bytes from
     * where TLS starts, for the side's TLS parser (which from then on gets everything directly).
     */
    byte[] read(Side side, byte[] b, int offset, int length, long frame) {
        Direction d = direction(side);
        byte[] data = d.held.length == 0 ? Arrays.copyOfRange(b, offset, offset + length) : concat(d.held, b, offset, length);
        d.held = new byte[0];
        if (protocol == Protocol.UNDECIDED) {
            if (data.length < LOOKAHEAD && !decidableEarly(data)) {
                d.held = data;
                return null;
            }
            protocol = classify(side, data);
        }
        if (protocol == Protocol.OPEN) return data; // with the bytes held while undecided
        int at = 0;
        while (at < data.length) {
            if (d.mayStart) {
                if (data.length - at < LOOKAHEAD) {
                    d.held = Arrays.copyOfRange(data, at, data.length);
                    return null;
                }
                d.mayStart = false;
                if (TlsStreamParser.startsTls(data, at)) {
                    d.tls = true;
                    return Arrays.copyOfRange(data, at, data.length);
                }
            }
            int used = switch (protocol) {
                case HTTP -> d.http.read(data, at, data.length - at, frame);
                case LINES -> line(d, data, at);
                case POSTGRES, MYSQL, LDAP, RDP -> binaryMessage(d, data, at);
                default -> data.length - at;
            };
            if (used < 0) { // a message not yet whole: keep it for the next bytes
                d.held = Arrays.copyOfRange(data, at, data.length);
                if (d.held.length > MAX_LINE && protocol != Protocol.HTTP) {
                    d.held = new byte[0];
                    d.lost = true;
                    break;
                }
                break;
            }
            if (protocol == Protocol.HTTP && d.http.tlsMayFollow()) d.mayStart = true;
            at += used;
        }
        d.bytes += data.length - d.held.length - (protocol == Protocol.HTTP ? d.http.takeEvidenceBytes() : 0);
        return null;
    }

    /** Bytes lost in {@code side}'s stream. */
    void gap(Side side, long length, long frame) {
        Direction d = direction(side);
        d.held = new byte[0];
        d.mayStart = false;
        if (protocol == Protocol.HTTP) {
            if (!d.http.gap(length)) d.lost = true;
        } else if (protocol != Protocol.UNDECIDED && protocol != Protocol.FILE && !upgradeRequested) {
            // The upgrade command may be what was lost: search for TLS as in an unknown protocol.
            protocol = Protocol.OPEN;
        } else {
            d.lost = true;
        }
    }

    /** The connection ended: a body read until the close is whole. */
    void end() {
        for (Direction d : directions) {
            if (d.http != null) d.http.end();
        }
    }

    // ---- which protocol ------------------------------------------------------------------

    /** PostgreSQL's SSLRequest is 8 bytes, fewer than a TLS record start needs to be told. */
    private static boolean decidableEarly(byte[] data) {
        return startsWith(data, POSTGRES_SSL_REQUEST);
    }

    private Protocol classify(Side side, byte[] data) {
        if (data.length >= LOOKAHEAD && TlsStreamParser.startsTls(data, 0)) return Protocol.OPEN;
        if (startsWith(data, POSTGRES_SSL_REQUEST)) {
            // The request is the client's whole first message: TLS may follow it at once, and the server's 'S'.
            upgradeRequested = true;
            binaryMessagesLeft[side.ordinal()] = 0;
            pendingSkip[side.ordinal()] = POSTGRES_SSL_REQUEST.length;
            return Protocol.POSTGRES;
        }
        if (isFile(data)) return Protocol.FILE;
        String start = new String(data, 0, Math.min(data.length, 64), StandardCharsets.ISO_8859_1);
        if (HttpStream.isRequestStart(start)) return http(side);
        if (HttpStream.isResponseStart(start)) return http(side.other());
        if (isLineProtocolStart(start)) return Protocol.LINES;
        if (isMysqlGreeting(data)) return Protocol.MYSQL;
        if (isLdapMessage(data)) return Protocol.LDAP;
        if (isX224ConnectionRequest(data)) return Protocol.RDP;
        return Protocol.OPEN;
    }


    private Protocol http(Side client) {
        direction(client).http = HttpStream.requests(exchange, client);
        direction(client.other()).http = HttpStream.responses(exchange, client.other());
        return Protocol.HTTP;
    }

    private static boolean isLineProtocolStart(String s) {
        String upper = s.toUpperCase(Locale.ROOT);
        return upper.startsWith("220 ") || upper.startsWith("220-") || upper.startsWith("+OK") || upper.startsWith("* OK")
                || upper.startsWith("* PREAUTH") || upper.startsWith("200 ") || upper.startsWith("201 ")
                || upper.startsWith("EHLO ") || upper.startsWith("HELO ") || upper.startsWith("LHLO ")
                || upper.startsWith("\"IMPLEMENTATION\"") || upper.startsWith("<?XML") || upper.startsWith("<STREAM:STREAM")
                || upper.startsWith("NICK ") || upper.startsWith("CAP LS") || upper.startsWith("STARTTLS\r") || upper.startsWith("STARTTLS\n")
                || upper.startsWith(":") && upper.contains(" NOTICE ");
    }

    /** Captures, archives and the like sent as they are: their bytes are a file, whatever they hold. */
    private static boolean isFile(byte[] d) {
        if (d.length < 4) return false;
        int magic = (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | d[3] & 0xff;
        return magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 || magic == 0xa1b23c4d || magic == 0x4d3cb2a1
                || magic == 0x0a0d0d0a || (magic >>> 16) == 0x1f8b || magic == 0x504b0304 || magic == 0x28b52ffd
                || magic == 0xfd377a58 || magic == 0x25504446; // pcap, pcapng, gzip, zip, zstd, xz, %PDF
    }

    private static boolean isMysqlGreeting(byte[] d) {
        if (d.length < 6) return false;
        int length = (d[0] & 0xff) | (d[1] & 0xff) << 8 | (d[2] & 0xff) << 16;
        return d[3] == 0 && d[4] == 10 && length >= 40 && length <= 1024 && d[5] >= '0' && d[5] <= '9';
    }

    private static boolean isLdapMessage(byte[] d) {
        if (d.length < 7 || (d[0] & 0xff) != 0x30) return false;
        int i = (d[1] & 0xff) < 0x80 ? 2 : 2 + (d[1] & 0x7f);
        return i + 3 <= d.length && d[i] == 0x02 && d[i + 1] >= 1 && d[i + 1] <= 4
                && i + 2 + d[i + 1] < d.length && (d[i + 2 + d[i + 1]] & 0xe0) == 0x60;
    }

    private static boolean isX224ConnectionRequest(byte[] d) {
        return d.length >= 6 && d[0] == 3 && d[1] == 0 && (d[5] & 0xf0) == 0xe0;
    }

    // ---- line protocols ----------------------------------------------------------------------

    /** One line (or XMPP element) from {@code at}; -1 when it is not whole yet. */
    private int line(Direction d, byte[] data, int at) {
        int end = -1;
        for (int i = at; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '>') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) return -1;
        String text = new String(data, at, Math.min(end - at, 512), StandardCharsets.ISO_8859_1).strip();
        if (UPGRADE_COMMAND.matcher(text).matches()) upgradeRequested = true;
        if (upgradeRequested && !d.lost) d.mayStart = true;
        return end - at;
    }

    // ---- binary protocols with one negotiation each way --------------------------------------

    /** One length-framed message of PostgreSQL, MySQL, LDAP or RDP; -1 when not whole yet. */
    private int binaryMessage(Direction d, byte[] data, int at) {
        int i = d.side.ordinal();
        if (pendingSkip[i] > 0) {
            int skip = Math.min(pendingSkip[i], data.length - at);
            pendingSkip[i] -= skip;
            if (pendingSkip[i] == 0) d.mayStart = true;
            return skip;
        }
        int length = messageLength(data, at);
        if (length == 0) return -1;
        if (length < 0) { // not this protocol's framing any more
            d.lost = true;
            return data.length - at;
        }
        if (data.length - at < length) return -1;
        noteNegotiation(d, data, at, length);
        if (upgradeRequested && binaryMessagesLeft[i]-- > 0) d.mayStart = true;
        return length;
    }

    /** The whole length of the message at {@code at}: 0 when more bytes are needed, -1 when it is not one. */
    private int messageLength(byte[] data, int at) {
        int available = data.length - at;
        switch (protocol) {
            case POSTGRES -> {
                // The server's one-byte answer to SSLRequest; else typed messages (type, 4-byte length).
                if (available < 1) return 0;
                if (data[at] == 'S' || data[at] == 'N' || data[at] == 'G') {
                    if (available < 5 || !Character.isLetter(data[at + 1])) return 1;
                }
                if (available < 5) return 0;
                long length = u32(data, at + 1);
                return length < 4 || length > 1 << 24 ? -1 : (int) length + 1;
            }
            case MYSQL -> {
                if (available < 4) return 0;
                return ((data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16) + 4;
            }
            case LDAP -> {
                if (available < 2) return 0;
                if ((data[at] & 0xff) != 0x30) return -1;
                int first = data[at + 1] & 0xff;
                if (first < 0x80) return first + 2;
                int count = first & 0x7f;
                if (count == 0 || count > 4) return -1;
                if (available < 2 + count) return 0;
                long length = 0;
                for (int k = 0; k < count; k++) length = length << 8 | (data[at + 2 + k] & 0xff);
                return length > 1 << 24 ? -1 : (int) length + 2 + count;
            }
            case RDP -> {
                if (available < 4) return 0;
                if (data[at] != 3) return -1;
                int length = (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
                return length < 4 ? -1 : length;
            }
            default -> {
                return -1;
            }
        }
    }

    /** The message that asks for TLS: MySQL's SSL request, LDAP's StartTLS, RDP's X.224 request. */
    private void noteNegotiation(Direction d, byte[] data, int at, int length) {
        switch (protocol) {
            case MYSQL -> {
                // The client's reply to the greeting (sequence 1) of 32 bytes is the SSL request; its flags ask for SSL.
                boolean sslRequest = length == 36 && data[at + 3] == 1 && (data[at + 5] & 0x08) != 0;
                if (sslRequest) {
                    upgradeRequested = true;
                    binaryMessagesLeft[d.side.ordinal()] = 1;
                    // The server's greeting is already read: its next bytes may be TLS.
                    Direction server = direction(d.side.other());
                    if (!server.tls) server.mayStart = true;
                    binaryMessagesLeft[d.side.other().ordinal()] = 0;
                }
            }
            case LDAP -> {
                String text = new String(data, at, length, StandardCharsets.ISO_8859_1);
                if (text.contains(LDAP_START_TLS)) upgradeRequested = true;
            }
            case RDP -> {
                if (length >= 6 && (data[at + 5] & 0xf0) == 0xe0) upgradeRequested = true;
            }
            default -> {
                // PostgreSQL's request is read when the connection is classified.
            }
        }
    }

    private static long u32(byte[] b, int i) {
        return (long) (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] held, byte[] b, int offset, int length) {
        byte[] out = Arrays.copyOf(held, held.length + length);
        System.arraycopy(b, offset, out, held.length, length);
        return out;
    }
}
