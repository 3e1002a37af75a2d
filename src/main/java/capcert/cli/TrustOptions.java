package capcert.cli;

import capcert.trust.CertificateFileException;
import capcert.trust.TrustList;
import capcert.trust.TrustLists;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --trust}, {@code --trust-password} and {@code --system-trust}, for the commands that check chains. */
final class TrustOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = CommandLineWording.TRUST, paramLabel = "FILE",
            description = {"Trusted CAs: PEM bundle, DER, PKCS#7, JKS or PKCS#12 keystore, or a directory of these.",
                    "Repeatable: the CAs of every --trust (and --system-trust) are taken as one set, as OpenSSL does; "
                            + "verdicts name the list whose CA ended the path."})
    private List<Path> trust = new ArrayList<>();

    @Option(names = CommandLineWording.TRUST_PASSWORD, paramLabel = "PASSWORD", description = "Password of the keystores in the trust lists.")
    private char[] password;

    @Option(names = "--system-trust", description = "Also trust the JDK's public CAs, together with those of --trust.")
    private boolean systemTrust;

    /**
     * One trust list per {@code --trust}, in the order given, then the JDK's with {@code --system-trust}:
     * checking takes them as one set, and names the list a path ended in. Files skipped in directories
     * are reported on the command's standard error.
     *
     * @throws IOException with a one-line message naming the file that cannot be used
     */
    List<TrustList> trustLists() throws IOException {
        TrustLists loader = loader(password, spec.commandLine().getErr());
        List<TrustList> lists = new ArrayList<>();
        try {
            for (Path path : trust) lists.add(loader.load(path));
            if (systemTrust) lists.add(TrustLists.system());
        } catch (CertificateFileException e) {
            throw new IOException(CommandLineWording.describe(e), e);
        }
        return lists;
    }

    /** A loader that reports skipped files on {@code err} as {@code capcert: warning: ...}. */
    static TrustLists loader(char[] password, PrintWriter err) {
        return new TrustLists(password, warning -> err.println("capcert: warning: " + Text.safe(warning)));
    }
}
