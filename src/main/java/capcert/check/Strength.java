package capcert.check;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** KS1 key sizes and SG1 signature hashes of the certificates sent. */
final class Strength {

    private Strength() {
    }

    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        boolean weakKey = false;
        boolean weakHash = false;
        for (Cert cert : chain.parsed()) {
            String who = chain.label(cert);
            Key key = Key.of(cert.x509().getPublicKey());
            keys.add(key.text());
            Optional<Severity> keyVerdict = key.severity();
            if (keyVerdict.isPresent()) {
                weakKey = true;
                out.add(new Verdict(Rule.KS1, keyVerdict.get(), Optional.of(cert.sha256()),
                        who + " has a " + key.text() + " key: " + (keyVerdict.get() == Severity.FAIL
                                ? "current TLS stacks refuse it." : "below today's minimum (RSA or DSA 2048, EC 256)."),
                        "Reissue it with an RSA 2048 (or larger) or EC P-256 key."));
            }
            String algorithm = cert.x509().getSigAlgName();
            if (cert.selfSigned()) continue; // a root's signature on itself proves nothing and is never checked
            signatures.add(algorithm);
            String upper = algorithm.toUpperCase(Locale.ROOT);
            if (upper.contains("MD5") || upper.contains("MD2")) {
                weakHash = true;
                out.add(new Verdict(Rule.SG1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " is signed with " + algorithm + ": MD5 signatures can be forged and every current TLS"
                                + " stack refuses them.",
                        "Have the CA reissue it with a SHA-256 signature."));
            } else if (upper.contains("SHA1")) {
                weakHash = true;
                out.add(new Verdict(Rule.SG1, Severity.WARN, Optional.of(cert.sha256()),
                        who + " is signed with " + algorithm + ": SHA-1 signatures are refused by browsers and by"
                                + " OpenSSL at security level 2 and above.",
                        "Have the CA reissue it with a SHA-256 signature."));
            }
        }
        if (!chain.parsed().isEmpty() && !weakKey) {
            out.add(Verdict.pass(Rule.KS1, null, "Key sizes: " + String.join(", ", keys) + "."));
        }
        if (!signatures.isEmpty() && !weakHash) {
            out.add(Verdict.pass(Rule.SG1, null, "Signatures: " + String.join(", ", signatures)
                    + " (a root's signature on itself does not count)."));
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

        Optional<Severity> severity() {
            return switch (algorithm) {
                case "RSA", "DSA" -> bits < 1024 ? Optional.of(Severity.FAIL) : bits < 2048 ? Optional.of(Severity.WARN) : Optional.empty();
                case "EC" -> bits < 224 ? Optional.of(Severity.FAIL) : bits < 256 ? Optional.of(Severity.WARN) : Optional.empty();
                default -> Optional.empty();
            };
        }

        String text() {
            return bits > 0 ? algorithm + " " + bits : algorithm;
        }
    }
}
