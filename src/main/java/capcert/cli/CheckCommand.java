package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.report.JsonReport;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.trust.TrustList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
                "Check every certificate chain in the captures: trust, names, key usage, validity at the "
                        + "time of the handshake, and the alerts that ended handshakes.",
                "Handshakes are shown worst first, each with its verdicts (rule id, certificate, reason) "
                        + "and what to do about them."},
        exitCodeListHeading = "%nExit codes (3 wins over 1, 1 over 0):%n",
        exitCodeList = {
                "0:no FAIL verdict, every input read",
                "1:no FAIL verdict, but a capture had problems or an input file could not be read",
                "2:usage error",
                "3:a FAIL verdict in some handshake",
                "4:the command could not finish (internal error)"},
        footer = "%nProblems in a capture are reported on standard error, one line each.")
final class CheckCommand implements Callable<Integer> {

    private static final String INDENT = "  ";

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Mixin
    private CheckArguments arguments = new CheckArguments();

    @Mixin
    private CaptureInputs inputs = new CaptureInputs();

    private final Context context;

    CheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CheckOptions options;
        try {
            options = arguments.options(trust, arguments.at());
        } catch (IOException e) {
            err.println("capcert: " + Text.safe(e.getMessage()));
            return ExitCodes.INPUT_PROBLEMS;
        }
        CaptureInputs.Scanned scanned = inputs.scan(context.scanner(), err);
        Map<Handshake, List<Verdict>> verdicts = scanned.verdicts(context.checker().apply(options));
        if (arguments.json()) {
            JsonReport.writeWithVerdicts(scanned.results(), verdicts::get, CommandLineWording.INSTANCE, out);
        } else {
            print(scanned.results(), verdicts, options, out);
        }
        out.flush();
        boolean failed = verdicts.values().stream().anyMatch(v -> Severity.worst(v) == Severity.FAIL);
        return failed ? ExitCodes.CHECK_FAILED : scanned.exitCode();
    }

    private void print(List<CaptureResult> captures, Map<Handshake, List<Verdict>> verdicts, CheckOptions options,
                       PrintWriter out) {
        CertificateLabels labels = new CertificateLabels();
        for (TrustList list : options.trustLists()) labels.add(list);
        VerdictPrinter printer = new VerdictPrinter(out, arguments.colour(context), arguments.verbose(), labels);
        List<Verdict> all = new ArrayList<>();
        for (CaptureResult capture : captures) {
            out.println(Text.safe(capture.file().toString()));
            if (capture.handshakes().isEmpty()) out.println(INDENT + "no TLS handshake found");
            List<Handshake> worstFirst = new ArrayList<>(capture.handshakes());
            worstFirst.sort(Comparator.comparing((Handshake h) -> Severity.worst(verdicts.get(h))).reversed());
            for (Handshake handshake : worstFirst) {
                for (CertificateEntry entry : handshake.certificates()) labels.add(entry.der());
                List<Verdict> found = verdicts.get(handshake);
                out.println(INDENT + printer.badge(Severity.worst(found)) + " " + Listing.describe(handshake));
                printer.print(found, INDENT + INDENT);
                all.addAll(found);
            }
            out.println();
        }
        int handshakes = verdicts.size();
        out.println(handshakes + (handshakes == 1 ? " handshake" : " handshakes") + " checked in " + captures.size()
                + (captures.size() == 1 ? " capture: " : " captures: ") + VerdictPrinter.counts(all) + ".");
    }
}
