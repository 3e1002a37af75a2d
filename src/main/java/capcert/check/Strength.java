package capcert.check;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** KS1 key sizes and SG1 signature hashes of the certificates sent, one verdict per certificate. */
final class Strength {

    private Strength() {
    }

    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        for (Cert cert : chain.parsed()) {
            String who = chain.label(cert);
            Key key = Key.of(cert.x509().getPublicKey());
            Severity keyWorth = key.severity();
            String has = "The key of " + who + " is " + key.text();
            out.add(keyWorth == Severity.PASS ? Verdict.pass(Rule.KS1, cert.sha256(), has + ".")
                    : new Verdict(Rule.KS1, keyWorth, Optional.of(cert.sha256()),
                            has + ": " + (keyWorth == Severity.FAIL
                                    ? "too small for current TLS stacks (OpenSSL at security level 2, Debian's default, refuses it)."
                                    : "below today's minimum (RSA or DSA 2048, EC 256)."),
                            "Reissue it with an RSA 2048 (or larger) or EC P-256 key."));
            if (cert.selfSigned()) continue; // a root's signature on itself proves nothing and is never checked
            String algorithm = cert.x509().getSigAlgName();
            String upper = algorithm.toUpperCase(Locale.ROOT);
            if (upper.contains("MD5") || upper.contains("MD2")) {
                out.add(new Verdict(Rule.SG1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " is signed with " + algorithm + ": MD5 signatures can be forged and every current TLS"
                                + " stack refuses them.",
                        "Have the CA reissue it with a SHA-256 signature."));
            } else if (upper.contains("SHA1")) {
                out.add(new Verdict(Rule.SG1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " is signed with " + algorithm + ": SHA-1 signatures can be forged; browsers, the JDK for"
                                + " public CAs and OpenSSL 3 at security level 1 and above refuse them.",
                        "Have the CA reissue it with a SHA-256 signature."));
            } else {
                out.add(Verdict.pass(Rule.SG1, cert.sha256(), who + " is signed with " + algorithm + "."));
            }
        }
        return out;
    }

    /** A public key's algorithm and size, and what its size is worth. */
    private record Key(String algorithm, int bits) {

        static Key of(PublicKey key) {
            if (key instanceof RSAPublicKey rsa) return new Key("RSA", rsa.getModulus().bitLength());
            if (key instanceof ECPublicKey ec) return new Key("EC", ec.getParams().getCurve().getField().getFieldSize());
            if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) return new Key("DSA", dsa.getParams().getP().bitLength());
            return new Key(key.getAlgorithm(), 0);
        }

        /** RSA and DSA: up to 1024 bits FAIL, under 2048 WARN; EC: under 224 bits FAIL, under 256 WARN. */
        Severity severity() {
            return switch (algorithm) {
                case "RSA", "DSA" -> bits <= 1024 ? Severity.FAIL : bits < 2048 ? Severity.WARN : Severity.PASS;
                case "EC" -> bits < 224 ? Severity.FAIL : bits < 256 ? Severity.WARN : Severity.PASS;
                default -> Severity.PASS;
            };
        }

        String text() {
            return bits > 0 ? algorithm + " " + bits + " bits" : algorithm;
        }
    }
}
