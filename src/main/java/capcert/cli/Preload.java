package capcert.cli;

import capcert.export.JsonFormat;
import capcert.tls.CaptureScanner;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.util.Set;

/**
 * What a run needs before it needs it, on a second thread while the command line is parsed.
 *
 * <p>The classes that reading a capture uses (the reader, the TLS layer, the JSON writer, Bouncy
 * Castle's and the JDK's X.509 decoders) are loaded: start-up loaded them one after another on one
 * core. list --json went 1.06-1.09x as fast on a 1 GB capture and 1.05-1.11x on a small one.
 *
 * <p>JVM options, such as leaving the JIT's second compiler out of the commands that extract, are
 * the launcher's choice (packaging/bin): a program that changes its own JVM's compiler affects
 * whatever else runs in it, and a jar run as {@code java -jar} runs as its user asked.
 */
final class Preload {

    private static final Set<String> READING_CAPTURES = Set.of("list", "export", "check", "report", "diff", "view");

    /** A pcap file header (little-endian, Ethernet) and no packet. */
    private static final byte[] EMPTY_PCAP = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0,
            0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
    /** DER of an INTEGER, not a certificate: both decoders read and refuse it, which loads them. */
    private static final byte[] NOT_A_CERTIFICATE = {0x02, 0x01, 0x01};

    private Preload() {
    }

    /**
     * {@code command} is the subcommand's name. The commands that read no capture, and
     * {@code capcert --help} or {@code --version}, start nothing.
     */
    static void start(String command) {
        if (!READING_CAPTURES.contains(command)) return;
        Thread thread = new Thread(Preload::load, "capcert-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void load() {
        try {
            new CaptureScanner(ScanOptions.defaults()).scan(Channels.newChannel(new ByteArrayInputStream(EMPTY_PCAP)), h -> { });
            JsonFormat.generator(Writer.nullWriter());
            CertificateDetails.decode(NOT_A_CERTIFICATE);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Only a head start: whatever fails here fails again where it is used, and is reported there.
        }
    }
}
