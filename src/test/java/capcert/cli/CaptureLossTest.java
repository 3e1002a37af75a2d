package capcert.cli;

import capcert.testing.CaptureWriter;
import capcert.testing.TestPki;
import capcert.testing.TlsBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static capcert.testing.PkiFileBytes.pem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capture that ends inside the server's Certificate message shows only the leaf: the trust path
 * is then UNKNOWN, saying what the capture lost, never a FAIL that sends the engineer to fix a
 * server that sent its intermediate. The same handshake captured whole passes.
 */
class CaptureLossTest {

    @TempDir
    Path dir;

    private static final TestPki.Chain PKI = TestPki.server();

    private Path capture(String name, boolean cut) {
        CaptureWriter w = CaptureWriter.pcap();
        CaptureWriter.TcpConn c = w.tcp("10.20.0.1", 50000, "10.20.0.2", 443);
        c.handshake3Way();
        c.clientSends(TlsBytes.clientHelloRecord(TestPki.SERVER_NAME));
        TlsBytes.ServerFlight flight = TlsBytes.serverFlight(PKI.sentWithoutRoot());
        // Cut halfway through the intermediate, the last certificate of the message.
        byte[] bytes = cut ? Arrays.copyOf(flight.bytes(), flight.certificateEnd() - PKI.intermediate().der().length / 2)
                : flight.bytes();
        c.serverSends(bytes, 1400);
        return w.write(dir.resolve(name));
    }

    private String check(Path capture, int expectedCode) throws Exception {
        Path root = Files.writeString(dir.resolve("root.pem"), pem(PKI.root().der()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(Context.system(), new PrintWriter(out), new PrintWriter(err), "check", "--no-color", "-v",
                "--at", "2025-01-01", "--trust", root.toString(), capture.toString());
        assertEquals(expectedCode, code, out + "\n" + err);
        return out.toString();
    }

    @Test
    void aChainCutByTheCaptureIsUnknownNotAServerFault() throws Exception {
        String out = check(capture("cut.pcap", true), ExitCodes.OK);

        assertTrue(out.contains("UNKNOWN CH2"), out);
        assertTrue(out.contains("the capture lost part of the server's Certificate message"), out);
        assertFalse(out.contains("FAIL CH2") || out.contains("WARN CH4") || out.contains("FAIL CH4"), out);
        assertFalse(out.matches("(?s).*(FAIL|WARN) CH1 .*"), out);
    }

    @Test
    void theSameHandshakeCapturedWholePasses() throws Exception {
        String out = check(capture("whole.pcap", false), ExitCodes.OK);

        assertTrue(out.contains("PASS CH2"), out);
        assertFalse(out.contains("UNKNOWN ") || out.contains(" FAIL "), out);
    }
}
