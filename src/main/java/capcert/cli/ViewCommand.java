package capcert.cli;

import capcert.ui.Viewer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code capcert view [CAPTURE...]}: the captures in a window, until it is closed. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {
                "Open captures in a window: every handshake, its chains as trees, decoded certificates, "
                        + "verdicts, and export of certificates, chains and CA bundles.",
                "Trust lists and expected names are set in the window and remembered."})
final class ViewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "CAPTURE", description = "Captures to open: pcap, pcapng, snoop, Network Monitor, also compressed (more can be opened or dropped later).")
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "An NSS key log (SSLKEYLOGFILE) to decrypt TLS 1.3, QUIC and DTLS 1.3 certificates with; repeatable."
                    + " More can be loaded in the window (File > Load Key Log, or dropped on it).")
    private List<Path> keyLogs = new ArrayList<>();

    @Override
    public Integer call() {
        return Viewer.run(captures, keyLogs, spec.commandLine().getErr()) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
