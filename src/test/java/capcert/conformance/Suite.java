package capcert.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * capcert's own conformance cases, made on the spot with Bouncy Castle, in x509-limbo's shape and
 * categories (rfc5280::*, webpki::*, crl::*, cve::*, pathlen::*, pathological::*), and how a case
 * is put to {@code check-cert}: one mapping, the same the README gives for running x509-limbo.
 */
public final class Suite {

    private static List<Case> cases;

    private Suite() {
    }

    /** Every case; made once per test run (key generation is the slow part). */
    public static synchronized List<Case> cases() {
        if (cases == null) {
            List<Case> all = new ArrayList<>();
            all.addAll(PathCases.all());
            all.addAll(NameConstraintCases.all());
            all.addAll(CrlCases.all());
            all.addAll(WebCases.all());
            cases = List.copyOf(all);
        }
        return cases;
    }

    /**
     * The {@code check-cert} arguments for {@code c}, its files written to {@code dir}: every trusted
     * certificate a {@code --trust} (partial chains allowed, as x509-limbo's harnesses do), every
     * untrusted one a {@code --chain}, the time as {@code --at}, a DNS or IP peer name of a server as
     * {@code --server-name}, mailboxes as {@code --expect-name}, no required EKU as
     * {@code --eku anyExtendedKeyUsage}, the web profile for webpki cases.
     */
    public static List<String> arguments(Case c, Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        List<String> args = new ArrayList<>(List.of("check-cert", "--no-color", "--partial-chain", "--at", c.time().toString()));
        for (int i = 0; i < c.trusted().size(); i++) args.addAll(List.of("--trust", write(dir.resolve("trusted-" + i + ".pem"), c.trusted().get(i))));
        for (int i = 0; i < c.untrusted().size(); i++) args.addAll(List.of("--chain", write(dir.resolve("untrusted-" + i + ".pem"), c.untrusted().get(i))));
        for (int i = 0; i < c.crls().size(); i++) args.addAll(List.of("--crl", writeCrl(dir.resolve("crl-" + i + ".pem"), c.crls().get(i))));
        if (c.web()) args.addAll(List.of("--profile", "web"));
        if (c.client()) args.addAll(List.of("--purpose", "client"));
        boolean serverNamed = false;
        for (String name : c.peerNames()) {
            if (!c.client() && !serverNamed && !name.contains("@")) {
                args.addAll(List.of("--server-name", name));
                serverNamed = true;
            } else {
                args.addAll(List.of("--expect-name", name));
            }
        }
        if (c.ekus().isEmpty()) args.addAll(List.of("--eku", "anyExtendedKeyUsage"));
        for (String eku : c.ekus()) args.addAll(List.of("--eku", eku));
        if (c.maxDepth() != null) args.addAll(List.of("--max-depth", c.maxDepth().toString()));
        args.add(write(dir.resolve("peer.pem"), c.peer()));
        return args;
    }

    private static String write(Path file, byte[] der) throws java.io.IOException {
        Files.writeString(file, pem("CERTIFICATE", der), StandardCharsets.US_ASCII);
        return file.toString();
    }

    private static String writeCrl(Path file, byte[] der) throws java.io.IOException {
        Files.writeString(file, pem("X509 CRL", der), StandardCharsets.US_ASCII);
        return file.toString();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
