package capcert.cli;

import capcert.capture.CaptureProblem;
import capcert.capture.FileKind;
import capcert.tls.Note;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The core's kinds in the command line's words: its options and commands, where the core names none. */
class CommandLineWordingTest {

    private static final CommandLineWording WORDS = CommandLineWording.INSTANCE;

    @Test
    void limitsAreRaisedByTheirOption() {
        assertEquals("CRYPTO data from the server past 2000 bytes at frame 9 ignored (raise the limit with --max-handshake)",
                WORDS.text(new Note.CryptoDataOverLimit(Role.SERVER, 2000, 9)));
        assertEquals("malformed CompressedCertificate from the client at frame 4: brotli-compressed Certificate claims"
                + " 70000 bytes uncompressed, over the 65536-byte limit (raise it with --max-handshake)",
                WORDS.text(new Note.CompressedCertificateOverLimit(Role.CLIENT, 4, 2, 70000, 65536)));
    }

    @Test
    void certificateFilesGoToCheckCertAndLibpcapsRefusalsToTheBuiltInReader() {
        assertEquals("DER data (a certificate?), not a capture; check certificate files with `capcert check-cert`"
                + " (inside gzip)", WORDS.text(new CaptureProblem.NotACapture(FileKind.DER, 0x30820122, List.of(FileKind.GZIP))));
        assertEquals("libpcap reads only pcap and pcapng files, and this is a Microsoft Network Monitor 2.x file, which"
                + " the built-in reader (--reader java, the default) reads",
                WORDS.text(new CaptureProblem.NotForLibpcap(FileKind.NETMON_2, 0x474d4255)));
        assertEquals("not a pcap or pcapng file (starts with 00000001)",
                WORDS.text(new CaptureProblem.NotACapture(FileKind.UNKNOWN, 1, List.of())));
    }
}
