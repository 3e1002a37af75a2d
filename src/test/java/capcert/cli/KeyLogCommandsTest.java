package capcert.cli;

import capcert.cli.EndToEndTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --keylog} on every command that reads captures: list, export, check, report, diff. */
class KeyLogCommandsTest {

    private static final String CAPTURE = "test-captures/tls13-mutual.pcap";
    private static final String KEYS = "test-captures/keylogs/tls13-mutual.keys";

    @TempDir
    Path dir;

    private static Run capcert(String... args) {
        return EndToEndTest.capcert(args);
    }

    @Test
    void listSaysWhichChainsWereDecryptedAndWithWhatKeys() throws Exception {
        Run run = capcert("list", "--json", "--keylog", KEYS, CAPTURE);
        assertEquals(0, run.code(), run.err());
        JsonNode handshake = new ObjectMapper().readTree(run.out()).get("captures").get(0).get("handshakes").get(0);
        assertEquals(5, handshake.get("certificates").size());
        assertEquals("tls13-mutual.keys", handshake.get("decryption").get("keySource").asText());
        assertTrue(handshake.get("decryption").get("certificatesDecrypted").asBoolean());
        assertTrue(handshake.get("decryption").get("quic").isNull());

        Run text = capcert("list", "--width", "200", "--keylog", KEYS, CAPTURE);
        assertTrue(text.out().contains("certificates decrypted with keys from tls13-mutual.keys"), text.out());
    }

    @Test
    void withoutTheKeyLogTheOutputIsWhatItWas() throws Exception {
        Run run = capcert("list", "--json", CAPTURE);
        JsonNode handshake = new ObjectMapper().readTree(run.out()).get("captures").get(0).get("handshakes").get(0);
        assertFalse(handshake.has("decryption"));
        assertEquals("certificates encrypted (TLS 1.3)", handshake.get("notes").get(0).asText());
    }

    @Test
    void aMissingKeyLogIsAUsageError() {
        Run run = capcert("list", "--keylog", "no-such.keys", CAPTURE);
        assertEquals(ExitCodes.USAGE, run.code());
        assertTrue(run.err().contains("no-such.keys: no such file"), run.err());
    }

    @Test
    void aKeyLogWithOnlyTls12SecretsIsSaidToHaveNothingToDecrypt() throws Exception {
        Path tls12 = dir.resolve("tls12.keys");
        Files.writeString(tls12, "CLIENT_RANDOM " + "ab".repeat(32) + " " + "cd".repeat(48) + "\n");
        Run run = capcert("list", "--keylog", tls12.toString(), CAPTURE);
        assertTrue(run.err().contains("no TLS 1.3 secret in it (1 CLIENT_RANDOM line(s)"), run.err());
    }

    @Test
    void checkJudgesTheDecryptedChainsInsteadOfSayingTheyAreEncrypted() {
        Run without = capcert("check", "--trust", "test-captures/pki/root-ca.crt", CAPTURE);
        assertTrue(without.out().contains("TV1"), without.out());
        Run with = capcert("check", "--verbose", "--trust", "test-captures/pki/root-ca.crt", "--keylog", KEYS, CAPTURE);
        assertFalse(with.out().contains("TV1"), with.out());
        assertTrue(with.out().contains("PASS CH2"), with.out());
        assertTrue(with.out().contains("client.capcert.test"), with.out());
    }

    @Test
    void exportWritesTheDecryptedCertificatesAndSaysWhereTheyCameFrom() throws Exception {
        Path out = dir.resolve("certs");
        Run run = capcert("export", "-o", out.toString(), "--keylog", KEYS, CAPTURE);
        assertEquals(0, run.code(), run.err());
        String index = Files.readString(out.resolve("index.json"));
        assertTrue(index.contains("\"decryptedWith\" : \"tls13-mutual.keys\"") || index.contains("\"decryptedWith\": \"tls13-mutual.keys\""),
                index);
        try (var files = Files.list(out)) {
            assertEquals(4, files.filter(p -> p.toString().endsWith(".cer")).count());
        }
    }

    @Test
    void reportMarksDecryptedChains() throws Exception {
        Path report = dir.resolve("case.md");
        Run run = capcert("report", "-o", report.toString(), "--keylog", KEYS, CAPTURE);
        assertTrue(run.code() == 0 || run.code() == 3, run.err());
        assertTrue(Files.readString(report).contains("- Certificates: **decrypted** with keys from tls13-mutual.keys"));
    }

    @Test
    void diffSeesDecryptedChains() {
        Run without = capcert("diff", "test-captures/tls12-chain.pcap", CAPTURE);
        Run with = capcert("diff", "--keylog", KEYS, "test-captures/tls12-chain.pcap", CAPTURE);
        assertFalse(without.out().equals(with.out()), with.out());
        assertTrue(with.out().contains("client.capcert.test"), with.out());
    }

    @Test
    void everyKeyLogGivenIsRead() throws Exception {
        Run run = capcert("list", "--json", "--keylog", "test-captures/keylogs/quic-v1.keys", "--keylog", KEYS,
                "--keylog", "test-captures/keylogs/tls13-gnutls.keys", "test-captures/quic-v1.pcap", CAPTURE, "test-captures/tls13-gnutls.pcap");
        assertEquals(0, run.code(), run.err());
        JsonNode captures = new ObjectMapper().readTree(run.out()).get("captures");
        assertEquals(3, captures.size());
        for (JsonNode capture : captures) {
            JsonNode handshake = capture.get("handshakes").get(0);
            assertTrue(handshake.get("decryption").get("certificatesDecrypted").asBoolean(), capture.toString());
        }
        assertEquals("quic-v1.keys", captures.get(0).get("handshakes").get(0).get("decryption").get("keySource").asText());
        assertEquals("tls13-gnutls.keys", captures.get(2).get("handshakes").get(0).get("decryption").get("keySource").asText());
    }
}
