package capcert.cli;

import capcert.check.CheckTime;
import capcert.check.Severity;
import capcert.check.TrustLint;
import capcert.check.Verdict;
import capcert.trust.CertificateFileException;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

@Command(name = "trust-lint", mixinStandardHelpOptions = true,
        description = {"Check trust lists: two CAs with one subject (CH3), CAs expired or not yet valid (VD1), "
                + "certificates that are not CAs (BC1), short keys (KS1), SHA-1 and MD5 signatures (SG1).",
                "Each LIST is one peer's list: a PEM bundle, DER certificate, PKCS#7, JKS or PKCS#12 keystore, "
                        + "or a directory of these (files that are not certificates are skipped with a warning)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no FAIL finding",
                "1:a list could not be read (and no FAIL in the others)",
                "2:usage error",
                "3:a FAIL finding"})
final class TrustLintCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "LIST", description = "Trust lists, each checked on its own.")
    private List<Path> lists = new ArrayList<>();

    @Option(names = "--trust-password", paramLabel = "PASSWORD", description = "Password of the keystores.")
    private char[] password;

    @Option(names = "--at", paramLabel = "TIME", converter = Times.class,
            description = "Check validity at TIME: " + CheckTime.FORMATS + " (default: now).")
    private Instant at;

    @picocli.CommandLine.Mixin
    private WidthOptions width = new WidthOptions();

    @Option(names = "--no-color", description = "No colours, even on a terminal (so does a non-empty NO_COLOR).")
    private boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "List every PASS verdict rather than one line of them.")
    private boolean verbose;

    private final Context context;

    TrustLintCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant when = at != null ? at : Instant.now();
        TrustLists loader = TrustOptions.loader(password, err);
        CertificateLabels labels = new CertificateLabels();
        VerdictPrinter printer = new VerdictPrinter(out, context.colourTerminal() && !noColor, verbose, labels,
                width.columns(context, OptionalInt.of(CheckArguments.FILE_WIDTH)), false);
        List<Verdict> all = new ArrayList<>();
        int read = 0;
        int certificates = 0;
        int unreadable = 0;
        for (Path path : lists) {
            TrustList list;
            try {
                list = loader.load(path);
            } catch (CertificateFileException e) {
                err.println("capcert: " + Text.safe(CommandLineWording.describe(e)));
                unreadable++;
                continue;
            }
            labels.add(list);
            List<Verdict> verdicts = TrustLint.lint(list, when);
            int size = list.certificates().size();
            printer.printHeading("", Severity.worst(verdicts), Text.safe(path.toString()) + ": "
                    + Text.count(size, "certificate") + ", at " + when);
            printer.print(verdicts, "  ");
            out.println();
            all.addAll(verdicts);
            read++;
            certificates += size;
        }
        out.println(Text.count(read, "list") + ", " + Text.count(certificates, "certificate") + " checked: "
                + VerdictPrinter.counts(all) + "."
                + (unreadable == 0 ? "" : " " + Text.count(unreadable, "list") + " could not be read."));
        out.flush();
        if (Severity.worst(all) == Severity.FAIL) return ExitCodes.CHECK_FAILED;
        return unreadable > 0 ? ExitCodes.INPUT_PROBLEMS : ExitCodes.OK;
    }
}
