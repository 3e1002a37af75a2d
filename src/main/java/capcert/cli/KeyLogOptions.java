package capcert.cli;

import capcert.tls.KeyLog;
import capcert.tls.KeyLogException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --keylog FILE}: the key logs every command that reads captures decrypts TLS 1.3, QUIC and DTLS 1.3 with. */
final class KeyLogOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private KeyLog keyLog = KeyLog.empty();
    private final List<String> warnings = new ArrayList<>();
    private int filesRead;

    /**
     * picocli hands a repeatable setter option the whole list given so far, each time it meets the option
     * again: only the files not read yet are read.
     */
    @Option(names = "--keylog", paramLabel = "FILE",
            description = "An NSS key log (SSLKEYLOGFILE, openssl -keylogfile) whose TLS 1.3 secrets decrypt the"
                    + " certificates of TLS 1.3, QUIC and DTLS 1.3 handshakes; repeatable. Secrets a pcapng capture"
                    + " carries (Decryption Secrets Blocks) are used without it.")
    private void keyLogs(List<Path> files) {
        for (Path file : files.subList(filesRead, files.size())) {
            read(file);
            filesRead++;
        }
    }

    private void read(Path file) {
        KeyLog read;
        try {
            read = KeyLog.read(file);
        } catch (KeyLogException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for --keylog: " + e.getMessage());
        }
        for (String remark : read.remarks()) warnings.add(file + ": " + remark);
        keyLog = keyLog.merge(read);
    }

    KeyLog keyLog() {
        return keyLog;
    }

    /** Says on {@code err} what in the key logs was not understood. */
    void warn(PrintWriter err) {
        for (String warning : warnings) err.println("capcert: " + Text.safe(warning));
        warnings.clear();
    }
}
