package capcert.cli;

import capcert.capture.Problem;
import capcert.report.ChainDiff;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Which peers' certificate chains changed between two captures, e.g. before and after a renewal.",
                "A peer is named by the SNI it was reached by, else by its address."},
        footer = "Exit status: 0 when read (changed or not), 1 when a capture had problems, 2 usage error.")
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier capture.")
    private Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later capture.")
    private Path after;

    @picocli.CommandLine.Mixin
    private KeyLogOptions keyLogs = new KeyLogOptions();

    private final Scanner scanner;
    private final Map<String, CertificateDetails> details = new HashMap<>();

    DiffCommand(Scanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        keyLogs.warn(err);
        CaptureScanner reader = new CaptureScanner(ScanOptions.defaults().withKeyLog(keyLogs.keyLog()));
        CaptureResult old = scanner.scan(reader, before);
        CaptureResult now = scanner.scan(reader, after);
        boolean problems = false;
        for (CaptureResult result : List.of(old, now)) {
            for (Problem problem : result.problems()) err.println(Text.safe(result.file() + ": " + CommandLineWording.INSTANCE.describe(problem)));
            problems |= !result.problems().isEmpty();
            result.handshakes().forEach(h -> h.certificates().forEach(c -> {
                CertificateDetails d = CertificateDetails.decode(c.der());
                details.putIfAbsent(d.sha256(), d);
            }));
        }
        ChainDiff diff = ChainDiff.between(List.of(old), List.of(now));
        if (diff.changes().isEmpty()) out.println("No chain changed.");
        for (ChainDiff.Change change : diff.changes()) {
            out.println(change.kind() + " " + Text.safe(change.peer()));
            change.before().forEach(chain -> out.println("  before: " + describe(chain)));
            change.after().forEach(chain -> out.println("  after:  " + describe(chain)));
            change.added().forEach(sha -> out.println("  + " + certificate(sha)));
            change.removed().forEach(sha -> out.println("  - " + certificate(sha)));
        }
        out.flush();
        return problems ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
    }

    private String describe(List<String> chain) {
        return String.join(" → ", chain.stream().map(sha -> Text.safe(name(details.get(sha)))).toList());
    }

    private String certificate(String sha) {
        CertificateDetails d = details.get(sha);
        String expires = d.notAfter().map(t -> ", expires " + t.toString().substring(0, 10)).orElse("");
        return sha.substring(0, 16) + "  " + Text.safe(d.subject().isEmpty() ? "(undecodable)" : d.subject()) + expires;
    }

    private static String name(CertificateDetails d) {
        if (!d.commonName().isEmpty()) return d.commonName();
        return d.subject().isEmpty() ? d.sha256().substring(0, 16) : d.subject();
    }
}
