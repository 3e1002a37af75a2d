package capcert.cli;

import capcert.check.CheckOptions;
import capcert.check.Purpose;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.report.ChainReport;
import capcert.report.ChainReport.Source;
import capcert.trust.TrustList;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateText;
import capcert.x509.ExtendedKeyUsage;
import capcert.x509.UsernamePattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.PatternSyntaxException;

@Command(name = "check-cert", mixinStandardHelpOptions = true,
        description = {
                "Check a certificate given as files, as a peer would when it is presented in a handshake.",
                "The first certificate of the first FILE is the one checked; the rest, and the certificates of "
                        + "further FILEs, are its chain as presented. Files may be PEM (bundles too), DER or PKCS#7.",
                "With --pattern and --username-format, also show the username that Expressway's certificate-based "
                        + "authentication would extract. The pattern is tried against each line of the certificate "
                        + "as text (Subject:, Issuer:, Serial Number:, Not Before:, Not After:, Subject Alternative "
                        + "Name:, SHA-256 Fingerprint:), which is shown when no line matches."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no FAIL verdict (and a username, when a pattern is given)",
                "1:a certificate, trust list or CRL file could not be read (nothing was checked)",
                "2:usage error",
                "3:a FAIL verdict, or --pattern gave no username",
                "4:the command could not finish (internal error)"})
final class CheckCertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TrustOptions trust = new TrustOptions();

    @Mixin
    private CheckArguments arguments = new CheckArguments();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The certificate to check, then its chain as presented.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--chain", paramLabel = "FILE",
            description = "Extra untrusted intermediates that may complete the path (repeatable).")
    private List<Path> chainFiles = new ArrayList<>();

    @Option(names = "--purpose", paramLabel = "PURPOSE", defaultValue = "server",
            description = "The role the certificate is presented for, which its key usage and EKU must allow: "
                    + "server or client. Default: ${DEFAULT-VALUE}.")
    private Purpose purpose;

    @Option(names = "--server-name", paramLabel = "NAME",
            description = "The name clients reach the server by (as SNI would carry it), or its IP address, checked against its names.")
    private String serverName;

    @Option(names = "--eku", paramLabel = "PURPOSE",
            description = "An extended key usage the certificate must allow, instead of the one --purpose implies: serverAuth, "
                    + "clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage (no particular "
                    + "one) or a dotted OID (repeatable).")
    private void ekus(List<String> values) {
        // A repeatable option's setter is given every value so far.
        purposes.clear();
        for (String value : values) {
            purposes.add(ExtendedKeyUsage.oid(value.strip())
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--eku takes serverAuth, clientAuth, codeSigning,"
                            + " emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage or a dotted OID, not " + value)));
        }
    }

    private final List<String> purposes = new ArrayList<>();

    @Option(names = "--pattern", paramLabel = "REGEX",
            description = "Certificate-based authentication pattern: a Java regex with named groups, "
                    + "e.g. 'Subject:.*CN=(?<cn>[^,]*)'. Needs --username-format.")
    private String pattern;

    @Option(names = "--username-format", paramLabel = "FORMAT",
            description = "The username made from the pattern's groups, each named between hashes, e.g. '#cn#'.")
    private String usernameFormat;

    private final Context context;

    CheckCertCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<UsernamePattern> username = usernamePattern();
        CheckOptions options;
        List<Source> chain;
        List<Source> intermediates;
        try {
            // --at is the time to check at here, not a second one besides a handshake's.
            options = arguments.options(trust, Optional.empty(), purposes);
            chain = read(files);
            intermediates = read(chainFiles);
        } catch (IOException e) {
            err.println("capcert: " + Text.safe(e.getMessage()));
            return ExitCodes.INPUT_PROBLEMS;
        }
        Instant at = arguments.at().orElseGet(Instant::now);
        List<Verdict> verdicts = new ArrayList<>(context.chainChecker().apply(options).check(ders(chain),
                ders(intermediates), purpose, Optional.ofNullable(serverName), at));
        verdicts.sort(VerdictPrinter.WORST_FIRST);
        CertificateDetails checked = CertificateDetails.decode(chain.get(0).der());
        Optional<ChainReport.Username> extracted = username.map(p -> new ChainReport.Username(pattern, usernameFormat,
                p.apply(CertificateText.lines(checked))));
        ChainReport report = new ChainReport(chain, intermediates, purpose, at, Optional.ofNullable(serverName),
                verdicts, extracted);
        if (arguments.json()) {
            report.write(out);
        } else {
            print(report, checked, options, out);
        }
        out.flush();
        boolean failed = Severity.worst(verdicts) == Severity.FAIL
                || extracted.map(u -> u.extraction().username().isEmpty()).orElse(false);
        return failed ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private Optional<UsernamePattern> usernamePattern() {
        if ((pattern == null) != (usernameFormat == null)) {
            throw new ParameterException(spec.commandLine(), "--pattern and --username-format go together");
        }
        if (pattern == null) return Optional.empty();
        try {
            return Optional.of(UsernamePattern.compile(pattern, usernameFormat));
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "Invalid --pattern: "
                    + e.getDescription() + " near index " + e.getIndex() + " of " + pattern);
        }
    }

    private static List<Source> read(List<Path> paths) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path file : paths) {
            for (byte[] der : PkiFiles.certificates(file)) sources.add(new Source(file, der));
        }
        return sources;
    }

    private static List<byte[]> ders(List<Source> sources) {
        return sources.stream().map(Source::der).toList();
    }

    private void print(ChainReport report, CertificateDetails checked, CheckOptions options, PrintWriter out) {
        CertificateLabels labels = new CertificateLabels();
        for (TrustList list : options.trustLists()) labels.add(list);
        for (Source source : report.chain()) labels.add(source.der());
        for (Source source : report.intermediates()) labels.add(source.der());
        VerdictPrinter printer = new VerdictPrinter(out, arguments.colour(context), arguments.verbose(), labels);

        out.println(printer.badge(Severity.worst(report.verdicts())) + " " + Text.safe(checked.subject())
                + "  [" + checked.sha256().substring(0, 16) + "]  " + Text.safe(report.chain().get(0).file().toString()));
        out.println("  as a " + purpose.name().toLowerCase(Locale.ROOT) + " certificate at " + report.at()
                + ", with " + more(report.chain().size() - 1, "certificate") + " as presented and "
                + more(report.intermediates().size(), "extra intermediate"));
        printer.print(report.verdicts(), "  ");
        report.username().ifPresent(u -> printUsername(u, checked, printer, out));
        out.println();
        out.println("1 certificate checked: " + VerdictPrinter.counts(report.verdicts()) + ".");
    }

    private static void printUsername(ChainReport.Username username, CertificateDetails checked,
                                      VerdictPrinter printer, PrintWriter out) {
        Optional<String> name = username.extraction().username();
        if (name.isPresent()) {
            out.println("  username: " + Text.safe(name.get()));
            return;
        }
        out.println("  username: " + printer.failure("none") + ", "
                + Text.safe(username.extraction().problem().orElseThrow()) + "; the certificate text is:");
        for (String line : CertificateText.lines(checked)) out.println("    " + Text.safe(line));
    }

    private static String more(int count, String what) {
        return (count == 0 ? "no" : Integer.toString(count)) + " " + what + (count == 1 ? "" : "s");
    }
}
