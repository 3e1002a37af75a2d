package capcert.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-exact TLS and DTLS records and handshake messages for synthetic captures. Nothing here is
 * cryptographically meaningful: keys, randoms, signatures and encrypted records are deterministic
 * filler of the right shape. Only the framing is exact, which is what a passive parser needs.
 *
 * <p>Conventions: methods named after a handshake message ({@link #clientHello}, {@link #certificate},
 * ...) return the complete TLS handshake message (4-byte header + body). Wrap them into records with
 * {@link #handshakeRecord} (several messages in one record) or {@link #records} (one payload split
 * over several records). For DTLS, take the body with {@link #bodyOf} and use {@link #dtlsHandshake}
 * or {@link #dtlsFragments}.
 */
public final class TlsBytes {

    // Protocol versions as they appear on the wire.
    public static final int SSL30 = 0x0300;
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;
    public static final int DTLS10 = 0xfeff;
    public static final int DTLS12 = 0xfefd;

    // Record content types.
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    // Handshake message types.
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int HELLO_VERIFY_REQUEST = 3;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int CERTIFICATE_REQUEST = 13;
    public static final int SERVER_HELLO_DONE = 14;
    public static final int CERTIFICATE_VERIFY = 15;
    public static final int CLIENT_KEY_EXCHANGE = 16;
    public static final int FINISHED = 20;

    // Alerts.
    public static final int WARNING = 1;
    public static final int FATAL = 2;
    public static final int CLOSE_NOTIFY = 0;
    public static final int HANDSHAKE_FAILURE = 40;
    public static final int BAD_CERTIFICATE = 42;
    public static final int CERTIFICATE_EXPIRED = 45;
    public static final int UNKNOWN_CA = 48;

    // Cipher suites.
    public static final int TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xc02b;
    public static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f;
    public static final int TLS_RSA_WITH_AES_128_CBC_SHA = 0x002f;
    public static final int TLS_AES_128_GCM_SHA256 = 0x1301;

    // Extensions.
    public static final int EXT_SERVER_NAME = 0x0000;
    public static final int EXT_SUPPORTED_GROUPS = 0x000a;
    public static final int EXT_EC_POINT_FORMATS = 0x000b;
    public static final int EXT_SIGNATURE_ALGORITHMS = 0x000d;
    public static final int EXT_EXTENDED_MASTER_SECRET = 0x0017;
    public static final int EXT_SUPPORTED_VERSIONS = 0x002b;
    public static final int EXT_KEY_SHARE = 0x0033;
    public static final int EXT_RENEGOTIATION_INFO = 0xff01;

    private static final int X25519 = 0x001d;
    private static final int SECP256R1 = 0x0017;

    private TlsBytes() {
    }

    // ---------------------------------------------------------------- records

    /** One TLS record: type, version, 2-byte length, fragment. */
    public static byte[] record(int contentType, int version, byte[] fragment) {
        if (fragment.length > 0xffff) throw new IllegalArgumentException("record fragment too long: " + fragment.length);
        Buf b = new Buf();
        b.u8(contentType).u16(version).u16(fragment.length).bytes(fragment);
        return b.toBytes();
    }

    /** {@code payload} split over as many records of at most {@code maxFragment} bytes as needed, concatenated. */
    public static byte[] records(int contentType, int version, byte[] payload, int maxFragment) {
        if (maxFragment <= 0) throw new IllegalArgumentException("maxFragment must be positive");
        Buf b = new Buf();
        for (int off = 0; off < payload.length; off += maxFragment) {
            b.bytes(record(contentType, version, Arrays.copyOfRange(payload, off, Math.min(payload.length, off + maxFragment))));
        }
        return b.toBytes();
    }

    /** One handshake record carrying all {@code messages} back to back. */
    public static byte[] handshakeRecord(int version, byte[]... messages) {
        return record(HANDSHAKE, version, concat(messages));
    }

    /** One record per message, concatenated (the usual layout of a flight). */
    public static byte[] handshakeRecords(int version, byte[]... messages) {
        Buf b = new Buf();
        for (byte[] m : messages) b.bytes(record(HANDSHAKE, version, m));
        return b.toBytes();
    }

    /** Alert record. */
    public static byte[] alert(int version, int level, int description) {
        return record(ALERT, version, new byte[] {(byte) level, (byte) description});
    }

    /** ChangeCipherSpec record (payload 0x01). */
    public static byte[] changeCipherSpec(int version) {
        return record(CHANGE_CIPHER_SPEC, version, new byte[] {1});
    }

    /** Opaque ApplicationData record of {@code length} deterministic pseudo-random bytes. */
    public static byte[] applicationData(int version, int length) {
        return record(APPLICATION_DATA, version, filler(length, 0xA0 + length));
    }

    /**
     * An encrypted handshake record (what a Finished looks like after ChangeCipherSpec): content type
     * 22 but opaque content that must not be parsed as a handshake message.
     */
    public static byte[] encryptedHandshake(int version, int length) {
        byte[] body = filler(length, 0x5E);
        body[0] = (byte) 0xe7; // not a valid handshake type, whatever the filler produced
        return record(HANDSHAKE, version, body);
    }

    // ---------------------------------------------------------------- handshake messages

    /** Handshake message: type, 3-byte length, body. */
    public static byte[] handshake(int msgType, byte[] body) {
        Buf b = new Buf();
        b.u8(msgType).u24(body.length).bytes(body);
        return b.toBytes();
    }

    /** The body of a TLS handshake message (drops the 4-byte header). */
    public static byte[] bodyOf(byte[] handshakeMessage) {
        return Arrays.copyOfRange(handshakeMessage, 4, handshakeMessage.length);
    }

    /** TLS 1.2 ClientHello with SNI (none when {@code sni} is null). */
    public static byte[] clientHello(String sni) {
        return clientHello(TLS12, sni);
    }

    /**
     * ClientHello with {@code legacyVersion} and SNI; when {@code supportedVersions} are given a
     * supported_versions extension lists them and, if one of them is TLS 1.3, a key_share is added.
     */
    public static byte[] clientHello(int legacyVersion, String sni, int... supportedVersions) {
        return handshake(CLIENT_HELLO, clientHelloBody(legacyVersion, null, sni, supportedVersions));
    }

    /** DTLS ClientHello body (with cookie field; empty cookie when {@code cookie} is null). */
    public static byte[] dtlsClientHelloBody(String sni, byte[] cookie) {
        return clientHelloBody(DTLS12, cookie == null ? new byte[0] : cookie, sni);
    }

    private static byte[] clientHelloBody(int legacyVersion, byte[] dtlsCookie, String sni, int... supportedVersions) {
        Buf b = new Buf();
        b.u16(legacyVersion).bytes(filler(32, 0xC1));
        if (dtlsCookie != null) {
            b.u8(0); // DTLS clients rarely resume in these scenarios
            b.u8(dtlsCookie.length).bytes(dtlsCookie);
        } else {
            b.u8(32).bytes(filler(32, 0xC2));
        }
        int[] suites = {TLS_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA};
        b.u16(suites.length * 2);
        for (int s : suites) b.u16(s);
        b.u8(1).u8(0); // compression: null

        Buf ext = new Buf();
        if (sni != null) {
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            Buf list = new Buf().u8(0).u16(name.length).bytes(name);
            byte[] l = list.toBytes();
            ext.u16(EXT_SERVER_NAME).u16(l.length + 2).u16(l.length).bytes(l);
        }
        ext.u16(EXT_SUPPORTED_GROUPS).u16(6).u16(4).u16(X25519).u16(SECP256R1);
        ext.u16(EXT_EC_POINT_FORMATS).u16(2).u8(1).u8(0);
        ext.u16(EXT_SIGNATURE_ALGORITHMS).u16(8).u16(6).u16(0x0403).u16(0x0804).u16(0x0401);
        ext.u16(EXT_EXTENDED_MASTER_SECRET).u16(0);
        boolean offers13 = false;
        if (supportedVersions.length > 0) {
            ext.u16(EXT_SUPPORTED_VERSIONS).u16(1 + 2 * supportedVersions.length).u8(2 * supportedVersions.length);
            for (int v : supportedVersions) {
                ext.u16(v);
                offers13 |= v == TLS13;
            }
        }
        if (offers13) {
            ext.u16(EXT_KEY_SHARE).u16(2 + 4 + 32).u16(4 + 32).u16(X25519).u16(32).bytes(filler(32, 0xC3));
        }
        byte[] e = ext.toBytes();
        b.u16(e.length).bytes(e);
        return b.toBytes();
    }

    /** ServerHello for TLS 1.2 and older (or DTLS with a DTLS version): no supported_versions. */
    public static byte[] serverHello(int version, int cipherSuite) {
        return handshake(SERVER_HELLO, serverHelloBody(version, cipherSuite, 0));
    }

    /** TLS 1.3 ServerHello: legacy_version 0x0303 with supported_versions = 0x0304 and a key_share. */
    public static byte[] serverHelloTls13(int cipherSuite) {
        return handshake(SERVER_HELLO, serverHelloBody(TLS12, cipherSuite, TLS13));
    }

    /**
     * ServerHello with an explicit legacy version and, when {@code supportedVersion} is not 0, a
     * supported_versions extension carrying it (plus a key_share when it is TLS 1.3).
     */
    public static byte[] serverHello(int legacyVersion, int cipherSuite, int supportedVersion) {
        return handshake(SERVER_HELLO, serverHelloBody(legacyVersion, cipherSuite, supportedVersion));
    }

    /** DTLS ServerHello body (same layout as TLS). */
    public static byte[] dtlsServerHelloBody(int cipherSuite) {
        return serverHelloBody(DTLS12, cipherSuite, 0);
    }

    private static byte[] serverHelloBody(int legacyVersion, int cipherSuite, int supportedVersion) {
        Buf b = new Buf();
        b.u16(legacyVersion).bytes(filler(32, 0x51));
        b.u8(32).bytes(filler(32, 0xC2)); // session id (echo, as TLS 1.3 middlebox compatibility does)
        b.u16(cipherSuite).u8(0);
        Buf ext = new Buf();
        if (supportedVersion != 0) {
            ext.u16(EXT_SUPPORTED_VERSIONS).u16(2).u16(supportedVersion);
            if (supportedVersion == TLS13) {
                ext.u16(EXT_KEY_SHARE).u16(4 + 32).u16(X25519).u16(32).bytes(filler(32, 0x53));
            }
        } else {
            ext.u16(EXT_RENEGOTIATION_INFO).u16(1).u8(0);
            ext.u16(EXT_EXTENDED_MASTER_SECRET).u16(0);
            ext.u16(EXT_EC_POINT_FORMATS).u16(2).u8(1).u8(0);
        }
        byte[] e = ext.toBytes();
        b.u16(e.length).bytes(e);
        return b.toBytes();
    }

    /** DTLS HelloVerifyRequest body: server_version, cookie. */
    public static byte[] dtlsHelloVerifyRequestBody(byte[] cookie) {
        return new Buf().u16(DTLS10).u8(cookie.length).bytes(cookie).toBytes();
    }

    /** TLS 1.0-1.2 Certificate message: 3-byte list length, then 3-byte length + DER for each. */
    public static byte[] certificate(List<byte[]> ders) {
        return handshake(CERTIFICATE, certificateBody(ders));
    }

    /** Body of a TLS 1.0-1.2 Certificate message. */
    public static byte[] certificateBody(List<byte[]> ders) {
        Buf list = new Buf();
        for (byte[] der : ders) list.u24(der.length).bytes(der);
        byte[] l = list.toBytes();
        return new Buf().u24(l.length).bytes(l).toBytes();
    }

    /** ECDHE ServerKeyExchange (named curve secp256r1, filler point and signature). */
    public static byte[] serverKeyExchange() {
        Buf b = new Buf();
        b.u8(3).u16(SECP256R1).u8(65).u8(4).bytes(filler(64, 0x5C));
        b.u16(0x0403).u16(71).bytes(filler(71, 0x5D));
        return handshake(SERVER_KEY_EXCHANGE, b.toBytes());
    }

    /** TLS 1.2 CertificateRequest: rsa_sign + ecdsa_sign, two signature algorithms, no CA names. */
    public static byte[] certificateRequest() {
        Buf b = new Buf();
        b.u8(2).u8(1).u8(64);
        b.u16(4).u16(0x0403).u16(0x0401);
        b.u16(0);
        return handshake(CERTIFICATE_REQUEST, b.toBytes());
    }

    /** ServerHelloDone (empty body). */
    public static byte[] serverHelloDone() {
        return handshake(SERVER_HELLO_DONE, new byte[0]);
    }

    /** ECDHE ClientKeyExchange with a filler uncompressed point. */
    public static byte[] clientKeyExchange() {
        return handshake(CLIENT_KEY_EXCHANGE, new Buf().u8(65).u8(4).bytes(filler(64, 0xCE)).toBytes());
    }

    /** CertificateVerify with a filler ECDSA signature. */
    public static byte[] certificateVerify() {
        return handshake(CERTIFICATE_VERIFY, new Buf().u16(0x0403).u16(70).bytes(filler(70, 0xCF)).toBytes());
    }

    // ---------------------------------------------------------------- flights

    /**
     * A server flight and where its Certificate record sits: {@code certificateStart} is the offset of
     * the record header, {@code certificateEnd} the offset just past the record (which is also the end
     * of the Certificate message).
     */
    public record ServerFlight(byte[] bytes, int certificateStart, int certificateEnd) {
    }

    /** ClientHello for TLS 1.2 in a record whose version is TLS 1.0, as browsers send it. */
    public static byte[] clientHelloRecord(String sni) {
        return record(HANDSHAKE, TLS10, clientHello(TLS12, sni));
    }

    /**
     * TLS 1.2 server flight, one record per step: ServerHello | Certificate | ServerKeyExchange +
     * ServerHelloDone (the last two share a record, as OpenSSL writes them).
     */
    public static ServerFlight serverFlight(List<byte[]> chain) {
        return serverFlight(chain, false);
    }

    /** As {@link #serverFlight(List)}, with a CertificateRequest before ServerHelloDone when asked. */
    public static ServerFlight serverFlight(List<byte[]> chain, boolean requestClientCertificate) {
        byte[] sh = record(HANDSHAKE, TLS12, serverHello(TLS12, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        byte[] cert = record(HANDSHAKE, TLS12, certificate(chain));
        byte[] rest = requestClientCertificate
                ? handshakeRecord(TLS12, serverKeyExchange(), certificateRequest(), serverHelloDone())
                : handshakeRecord(TLS12, serverKeyExchange(), serverHelloDone());
        return new ServerFlight(concat(sh, cert, rest), sh.length, sh.length + cert.length);
    }

    /** Client's second flight: ClientKeyExchange, ChangeCipherSpec, encrypted Finished. */
    public static byte[] clientFinishFlight() {
        return concat(handshakeRecord(TLS12, clientKeyExchange()), changeCipherSpec(TLS12), encryptedHandshake(TLS12, 40));
    }

    /** Server's last flight: ChangeCipherSpec, encrypted Finished. */
    public static byte[] serverFinishFlight() {
        return concat(changeCipherSpec(TLS12), encryptedHandshake(TLS12, 40));
    }

    // ---------------------------------------------------------------- DTLS

    /** DTLS record: type, version, epoch(2), sequence number(6), length(2), fragment (13-byte header). */
    public static byte[] dtlsRecord(int contentType, int version, int epoch, long sequence, byte[] fragment) {
        Buf b = new Buf();
        b.u8(contentType).u16(version).u16(epoch).u48(sequence).u16(fragment.length).bytes(fragment);
        return b.toBytes();
    }

    /**
     * DTLS handshake fragment: msg_type, length(3), message_seq(2), fragment_offset(3),
     * fragment_length(3), fragment (12-byte header).
     */
    public static byte[] dtlsFragment(int msgType, int totalLength, int messageSeq, int fragmentOffset, byte[] fragment) {
        Buf b = new Buf();
        b.u8(msgType).u24(totalLength).u16(messageSeq).u24(fragmentOffset).u24(fragment.length).bytes(fragment);
        return b.toBytes();
    }

    /** Unfragmented DTLS handshake message (fragment_offset 0, fragment_length = length). */
    public static byte[] dtlsHandshake(int msgType, int messageSeq, byte[] body) {
        return dtlsFragment(msgType, body.length, messageSeq, 0, body);
    }

    /** {@code body} as consecutive DTLS handshake fragments of at most {@code maxFragment} bytes each. */
    public static List<byte[]> dtlsFragments(int msgType, int messageSeq, byte[] body, int maxFragment) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < body.length; off += maxFragment) {
            out.add(dtlsFragment(msgType, body.length, messageSeq, off,
                    Arrays.copyOfRange(body, off, Math.min(body.length, off + maxFragment))));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Deterministic pseudo-random bytes (xorshift), so captures are reproducible byte for byte. */
    public static byte[] filler(int length, int seed) {
        byte[] out = new byte[length];
        int x = 0x9E3779B9 ^ (seed * 0x85EBCA6B);
        if (x == 0) x = 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            out[i] = (byte) x;
        }
        return out;
    }

    /** Minimal big-endian byte builder. */
    static final class Buf {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Buf u8(int v) {
            out.write(v & 0xff);
            return this;
        }

        Buf u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        Buf u24(int v) {
            if (v < 0 || v > 0xffffff) throw new IllegalArgumentException("u24 out of range: " + v);
            return u8(v >>> 16).u8(v >>> 8).u8(v);
        }

        Buf u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        Buf u48(long v) {
            return u16((int) (v >>> 32)).u32(v & 0xffffffffL);
        }

        Buf bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
