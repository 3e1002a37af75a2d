package capcert.cli;

import capcert.export.JsonFormat;
import capcert.tls.CaptureScanner;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a run needs before it needs it, on a second thread while the command line is parsed.
 *
 * <p>The classes that reading a capture uses (the reader, the TLS layer, the JSON writer, Bouncy
 * Castle's and the JDK's X.509 decoders) are loaded: start-up loaded them one after another on one
 * core. list --json went 1.06-1.09x as fast on a 1 GB capture and 1.05-1.11x on a small one.
 *
 * <p>For list and export over large capture files (named on the command line: a folder or standard
 * input is not sized beforehand), HotSpot's optimizing compiler (C2) is told to leave
 * every method to the first compiler (C1), as {@code -XX:TieredStopAtLevel=1} would, through the
 * same interface as {@code jcmd PID Compiler.directives_add}. Compiling the scan with C2 took
 * more CPU than it saved: on two cores, list --json on a 1 GB capture went from 1.65 s to 1.24 s
 * and on a 4 GB one from 3.11 s to 2.71 s, and each further gigabyte cost the same with either
 * compiler. Not for the other commands: checking verifies signatures, where C2's big-integer
 * intrinsics count, and a small capture does not repay starting the management server (30 ms).
 */
final class Preload {

    /** Captures smaller than this in all are read before C2 would have compiled much. */
    static final long LARGE_RUN_BYTES = 128L << 20;
    private static final Set<String> READING_CAPTURES = Set.of("list", "export", "check", "report", "diff", "view");
    private static final Set<String> EXTRACTING = Set.of("list", "export");
    private static final String FIRST_COMPILER_ONLY = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    /** A pcap file header (little-endian, Ethernet) and no packet. */
    private static final byte[] EMPTY_PCAP = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0,
            0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};
    /** DER of an INTEGER, not a certificate: both decoders read and refuse it, which loads them. */
    private static final byte[] NOT_A_CERTIFICATE = {0x02, 0x01, 0x01};

    private Preload() {
    }

    /**
     * {@code command} is the subcommand's name; {@code args} the whole command line, whose files are
     * sized. The commands that read no capture, and {@code capcert --help} or {@code --version},
     * start nothing.
     */
    static void start(String command, String[] args) {
        if (!READING_CAPTURES.contains(command)) return;
        boolean firstCompilerOnly = EXTRACTING.contains(command) && bytesOfFiles(args) >= LARGE_RUN_BYTES;
        Thread thread = new Thread(() -> load(firstCompilerOnly), "capcert-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** The sizes of the arguments that name regular files: the captures, give or take an option's file. */
    static long bytesOfFiles(String[] args) {
        long total = 0;
        for (String arg : args) {
            try {
                Path path = Path.of(arg);
                if (Files.isRegularFile(path)) total += Files.size(path);
            } catch (InvalidPathException | IOException | SecurityException e) {
                // Not a file after all: it counts for nothing.
            }
        }
        return total;
    }

    private static void load(boolean firstCompilerOnly) {
        if (firstCompilerOnly) leaveEverythingToTheFirstCompiler();
        try {
            new CaptureScanner(ScanOptions.defaults()).scan(Channels.newChannel(new ByteArrayInputStream(EMPTY_PCAP)), h -> { });
            JsonFormat.generator(Writer.nullWriter());
            CertificateDetails.decode(NOT_A_CERTIFICATE);
        } catch (IOException | RuntimeException | LinkageError e) {
            // Only a head start: whatever fails here fails again where it is used, and is reported there.
        }
    }

    /** Best effort: on a JVM without HotSpot's diagnostic commands, nothing changes. */
    private static void leaveEverythingToTheFirstCompiler() {
        Path directive = null;
        try {
            directive = Files.createTempFile("capcert-jit-", ".json");
            Files.writeString(directive, FIRST_COMPILER_ONLY);
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {directive.toString()}},
                    new String[] {String[].class.getName()});
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            // Only slower without it.
        } finally {
            if (directive != null) {
                try {
                    Files.deleteIfExists(directive);
                } catch (IOException e) {
                    // A few bytes left in the temporary folder.
                }
            }
        }
    }
}
