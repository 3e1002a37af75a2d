package capcert.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyLogTest {

    private static final String RANDOM_A = "aa".repeat(32);
    private static final String RANDOM_B = "bb".repeat(32);

    @TempDir
    Path dir;

    private static KeyLog parse(String source, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return KeyLog.parse(source, bytes, 0, bytes.length);
    }

    @Test
    void readsTheLabelsOfTls13AndSkipsEverythingElse() {
        KeyLog log = parse("a.keys", "# written by a browser\r\n"
                + "\r\n"
                + "CLIENT_RANDOM " + RANDOM_A + " " + "01".repeat(48) + "\r\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + " " + "02".repeat(32) + "\r\n"
                + "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A.toUpperCase(java.util.Locale.ROOT) + " " + "03".repeat(32) + "\n"
                + "EXPORTER_SECRET " + RANDOM_A + " " + "04".repeat(32) + "\n"
                + "  SERVER_TRAFFIC_SECRET_0\t" + RANDOM_B + "  " + "05".repeat(48) + "  \n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + "\n"
                + "CLIENT_HANDSHAKE_TRAFFIC_SECRET nothex " + "03".repeat(32) + "\n"
                + "x".repeat(5000) + "\n"
                + "SERVER_TRAFFIC_SECRET_0 " + RANDOM_A + " " + "06".repeat(32)); // no final newline
        assertEquals(2, log.handshakes());
        assertEquals(1, log.tls12Lines());
        assertEquals(3, log.unreadLines());
        assertEquals(List.of("3 lines are not key log lines; ignored"), log.remarks());
        KeyLog.Secrets a = log.secrets(hex(RANDOM_A)).orElseThrow();
        assertArrayEquals(hex("02".repeat(32)), a.get(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET).orElseThrow());
        assertArrayEquals(hex("03".repeat(32)), a.get(KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET).orElseThrow());
        assertArrayEquals(hex("06".repeat(32)), a.get(KeyLog.Label.SERVER_TRAFFIC_SECRET_0).orElseThrow());
        assertEquals("a.keys", a.source(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET));
        assertArrayEquals(hex("05".repeat(48)), log.secrets(hex(RANDOM_B)).orElseThrow()
                .get(KeyLog.Label.SERVER_TRAFFIC_SECRET_0).orElseThrow());
        assertTrue(log.secrets(hex("cc".repeat(32))).isEmpty());
    }

    @Test
    void mergedSourcesKeepTheFirstSecretAndSayWhereEachCameFrom() {
        KeyLog first = parse("first.keys", "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + " " + "01".repeat(32) + "\n");
        KeyLog second = parse("second.keys", "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + " " + "02".repeat(32) + "\n"
                + "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + " " + "03".repeat(32) + "\n"
                + "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_B + " " + "04".repeat(32) + "\n");
        KeyLog merged = first.merge(second);
        assertEquals(List.of("first.keys", "second.keys"), merged.sources());
        KeyLog.Secrets a = merged.secrets(hex(RANDOM_A)).orElseThrow();
        assertArrayEquals(hex("01".repeat(32)), a.get(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET).orElseThrow());
        assertEquals("first.keys", a.source(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET));
        assertEquals("second.keys", a.source(KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET));
        assertEquals("second.keys", merged.secrets(hex(RANDOM_B)).orElseThrow().source(KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET));
        // The sources themselves are unchanged.
        assertTrue(first.secrets(hex(RANDOM_B)).isEmpty());
        assertEquals(1, KeyLog.empty().merge(first).handshakes());
    }

    @Test
    void aFileIsReadUnderItsNameAndBoundedInSize() throws Exception {
        Path file = dir.resolve("sslkeys.log");
        Files.writeString(file, "SERVER_HANDSHAKE_TRAFFIC_SECRET " + RANDOM_A + " " + "01".repeat(32) + "\n");
        KeyLog log = KeyLog.read(file);
        assertEquals(List.of("sslkeys.log"), log.sources());
        KeyLogException missing = assertThrows(KeyLogException.class, () -> KeyLog.read(dir.resolve("absent.log")));
        assertTrue(missing.getMessage().contains("absent.log: no such file"), missing.getMessage());
        Path huge = dir.resolve("huge.log");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(KeyLog.MAX_FILE_BYTES + 1);
        }
        KeyLogException tooLarge = assertThrows(KeyLogException.class, () -> KeyLog.read(huge));
        assertTrue(tooLarge.getMessage().contains("more than a key log file may hold"), tooLarge.getMessage());
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void aLogWithoutTls13SecretsSaysSo() {
        assertEquals(List.of("1 line is not a key log line; ignored", "no TLS 1.3 secret in it (1 CLIENT_RANDOM line: TLS 1.2"
                + " and older send their certificates in clear anyway)"), parse("b.keys", "CLIENT_RANDOM " + RANDOM_A + " "
                + "01".repeat(48) + "\nnot a line\n").remarks());
        assertEquals(List.of("no TLS 1.3 secret in it"), parse("c.keys", "# nothing\n").remarks());
    }
}
