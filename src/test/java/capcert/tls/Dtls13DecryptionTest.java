package capcert.tls;

import capcert.testing.CaptureWriter;
import capcert.testing.TestCertificates;
import capcert.testing.TlsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DTLS 1.3 (RFC 9147) decrypted with a key log. No DTLS 1.3 stack on this machine can make a capture
 * (OpenSSL 3.0 and GnuTLS 3.7 have none, Debian's wolfSSL 5.5 is built without it), so the flights
 * are built here from the RFC's structures: plaintext hellos, then records with unified headers in
 * the handshake epoch, their record numbers masked with the "sn" key, sealed with AES-128-GCM under
 * "dtls13"-labelled keys, as an implementation would send them.
 */
class Dtls13DecryptionTest {

    private static final int DTLS13 = 0xfefc;
    private static final byte[] RANDOM = new byte[32];
    private static final byte[] CLIENT_SECRET = filled(32, 0x11);
    private static final byte[] SERVER_SECRET = filled(32, 0x22);
    private static final byte[] LEAF = TestCertificates.withCommonName("dtls13.server.test");
    private static final byte[] CA = TestCertificates.withCommonName("dtls13 CA");
    private static final byte[] CLIENT = TestCertificates.withCommonName("dtls13.client.test");

    static {
        Arrays.fill(RANDOM, (byte) 0x5a);
    }

    @TempDir
    Path dir;

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** A DTLS 1.3 sender of the handshake epoch: keys from its secret, its record sequence number. */
    private static final class Sender {
        private final byte[] key;
        private final byte[] iv;
        private final byte[] sn;
        private long sequence;

        Sender(byte[] secret) {
            key = Hkdf.SHA256.expandLabel(secret, Hkdf.DTLS13, "key", new byte[0], 16);
            iv = Hkdf.SHA256.expandLabel(secret, Hkdf.DTLS13, "iv", new byte[0], 12);
            sn = Hkdf.SHA256.expandLabel(secret, Hkdf.DTLS13, "sn", new byte[0], 16);
        }

        /** One DTLSCiphertext of epoch 2 holding {@code content} of type {@code type}; 16-bit or 8-bit record number. */
        byte[] record(int type, byte[] content, boolean longSequence) throws Exception {
            byte[] inner = Arrays.copyOf(content, content.length + 1 + 3); // type, then 3 bytes of padding
            inner[content.length] = (byte) type;
            int sequenceLength = longSequence ? 2 : 1;
            int length = inner.length + 16;
            byte[] header = new byte[1 + sequenceLength + 2];
            header[0] = (byte) (0x20 | (longSequence ? 0x08 : 0) | 0x04 | 2);
            if (longSequence) header[1] = (byte) (sequence >>> 8);
            header[sequenceLength] = (byte) sequence;
            header[sequenceLength + 1] = (byte) (length >>> 8);
            header[sequenceLength + 2] = (byte) length;
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] ciphertext = gcm.doFinal(inner);
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sn, "AES"));
            byte[] mask = ecb.doFinal(Arrays.copyOf(ciphertext, 16));
            for (int i = 0; i < sequenceLength; i++) header[1 + i] ^= mask[i];
            sequence++;
            return TlsBytes.concat(header, ciphertext);
        }
    }

    private static byte[] clientHelloBody() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xfe, (byte) 0xfd});
        b.writeBytes(RANDOM);
        b.writeBytes(new byte[] {0, 0, 0, 2, 0x13, 0x01, 1, 0});
        byte[] name = "dtls13.server.test".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        ext.writeBytes(new byte[] {0, 0, 0, (byte) (name.length + 5), 0, (byte) (name.length + 3), 0, 0, (byte) name.length});
        ext.writeBytes(name);
        ext.writeBytes(new byte[] {0, 43, 0, 3, 2, (byte) 0xfe, (byte) 0xfc});
        b.write(0);
        b.write(ext.size());
        b.writeBytes(ext.toByteArray());
        return b.toByteArray();
    }

    private static byte[] certificateBody(byte[]... ders) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] der : ders) {
            list.writeBytes(new byte[] {(byte) (der.length >>> 16), (byte) (der.length >>> 8), (byte) der.length});
            list.writeBytes(der);
            list.writeBytes(new byte[] {0, 0});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0); // request context
        body.writeBytes(new byte[] {(byte) (list.size() >>> 16), (byte) (list.size() >>> 8), (byte) list.size()});
        body.writeBytes(list.toByteArray());
        return body.toByteArray();
    }

    private Path capture() throws Exception {
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.UdpFlow u = w.udp("192.0.2.1", 40000, "192.0.2.2", 4433);
        u.clientSends(TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0,
                TlsBytes.dtlsHandshake(TlsBytes.CLIENT_HELLO, 0, clientHelloBody())));
        Sender server = new Sender(SERVER_SECRET);
        byte[] serverHello = TlsBytes.dtlsRecord(TlsBytes.HANDSHAKE, TlsBytes.DTLS12, 0, 0, TlsBytes.dtlsHandshake(
                TlsBytes.SERVER_HELLO, 0, TlsBytes.bodyOf(TlsBytes.serverHello(TlsBytes.DTLS12, 0x1301, DTLS13))));
        byte[] encryptedExtensions = server.record(22, TlsBytes.dtlsHandshake(8, 1, new byte[] {0, 0}), true);
        byte[] certificate = certificateBody(LEAF, CA);
        List<byte[]> fragments = TlsBytes.dtlsFragments(11, 2, certificate, certificate.length / 2 + 1);
        byte[] first = server.record(22, fragments.get(0), true);
        byte[] second = server.record(22, fragments.get(1), false);
        u.serverSends(TlsBytes.concat(serverHello, encryptedExtensions, first)); // coalesced in one datagram
        u.serverSends(second);
        u.serverSends(second); // a retransmission
        u.serverSends(server.record(22, TlsBytes.dtlsHandshake(20, 3, filled(32, 0)), true));
        Sender client = new Sender(CLIENT_SECRET);
        u.clientSends(client.record(22, TlsBytes.dtlsHandshake(11, 1, certificateBody(CLIENT)), true));
        u.clientSends(client.record(22, TlsBytes.dtlsHandshake(20, 2, filled(32, 0)), true));
        return w.write(dir.resolve("dtls13.pcap"));
    }

    private static KeyLog keyLog(byte[] serverSecret) {
        String random = HexFormat.of().formatHex(RANDOM);
        String text = "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + random + " " + HexFormat.of().formatHex(CLIENT_SECRET) + "\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + random + " " + HexFormat.of().formatHex(serverSecret) + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return KeyLog.parse("dtls13.keys", bytes, 0, bytes.length);
    }

    private static Handshake single(Path capture, KeyLog keyLog) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults().withKeyLog(keyLog)).scan(capture);
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.handshakes().size());
        return result.handshakes().get(0);
    }

    @Test
    void withoutKeysNothingChanges() throws Exception {
        Handshake h = single(capture(), KeyLog.empty());
        assertEquals("DTLS 1.3", h.version().orElseThrow().toString());
        assertEquals(List.of("certificates encrypted (DTLS 1.3)"), h.notes().stream().map(Note::message).toList());
        assertTrue(h.decryption().isEmpty());
    }

    @Test
    void theKeyLogOpensBothChainsOfTheHandshakeEpoch() throws Exception {
        Handshake h = single(capture(), keyLog(SERVER_SECRET));
        assertEquals(List.of(), h.notes());
        assertEquals(2, h.chain(Role.SERVER).size());
        assertTrue(Arrays.equals(LEAF, h.chain(Role.SERVER).get(0).der()));
        assertTrue(Arrays.equals(CA, h.chain(Role.SERVER).get(1).der()));
        assertEquals(1, h.chain(Role.CLIENT).size());
        assertTrue(Arrays.equals(CLIENT, h.chain(Role.CLIENT).get(0).der()));
        assertEquals("dtls13.keys", h.decryption().orElseThrow().keySource().orElseThrow());
        assertTrue(h.certificatesDecrypted());
    }

    @Test
    void aWrongServerSecretFailsWithoutYieldingTheServersChain() throws Exception {
        byte[] wrong = SERVER_SECRET.clone();
        wrong[0] ^= 1;
        Handshake h = single(capture(), keyLog(wrong));
        assertEquals(0, h.chain(Role.SERVER).size());
        assertEquals(1, h.chain(Role.CLIENT).size());
        assertTrue(h.notes().stream().anyMatch(n -> n.message().startsWith("decryption failed: the key log's secret does not match")),
                h.notes().toString());
    }
}
