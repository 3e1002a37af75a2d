package capcert.check;

import capcert.x509.Strength;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KS1 key sizes and SG1 signature hashes of every certificate judged, one verdict per certificate. */
final class StrengthRules {

    private StrengthRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain, List<Cert> judged) {
        List<Verdict> out = new ArrayList<>();
        for (Cert cert : judged) {
            String who = chain.label(cert);
            Optional<Strength.Key> key = Strength.key(cert.parsed());
            String has = "The key of " + who + " is " + key.map(k -> k.algorithm() + " " + k.bits() + " bits")
                    .orElse(cert.parsed().publicKey().describe());
            Severity worth = key.map(StrengthRules::worth).orElse(Severity.PASS);
            out.add(worth == Severity.PASS ? Verdict.pass(Rule.KS1, cert.sha256(), has + ".")
                    : new Verdict(Rule.KS1, worth, Optional.of(cert.sha256()),
                            has + ": " + (worth == Severity.FAIL
                                    ? "too small for current TLS stacks (OpenSSL at security level 2, Debian's default, refuses it)."
                                    : "below today's minimum (RSA or DSA 2048, EC 256)."),
                            "Reissue it with an RSA 2048 (or larger) or EC P-256 key."));
            if (cert.selfSigned()) continue; // a root's signature on itself proves nothing and is never checked
            String algorithm = SignatureNames.name(cert.parsed().signatureAlgorithm());
            Optional<String> weak = Strength.weakSignatureHash(cert.parsed());
            if (weak.isEmpty()) {
                out.add(Verdict.pass(Rule.SG1, cert.sha256(), who + " is signed with " + algorithm + "."));
            } else {
                out.add(new Verdict(Rule.SG1, Severity.FAIL, Optional.of(cert.sha256()),
                        who + " is signed with " + algorithm + ": " + weak.get() + " signatures can be forged;"
                                + (weak.get().equals("SHA-1") ? " browsers, the JDK for public CAs and OpenSSL 3 at"
                                + " security level 1 and above refuse them." : " every current TLS stack refuses them."),
                        "Have the CA reissue it with a SHA-256 signature."));
            }
        }
        return out;
    }

    /** RSA and DSA: up to 1024 bits FAIL, under 2048 WARN; EC: under 224 bits FAIL, under 256 WARN. */
    private static Severity worth(Strength.Key key) {
        return switch (key.algorithm()) {
            case "RSA", "DSA" -> key.bits() <= 1024 ? Severity.FAIL : key.bits() < 2048 ? Severity.WARN : Severity.PASS;
            case "EC" -> key.bits() < 224 ? Severity.FAIL : key.bits() < 256 ? Severity.WARN : Severity.PASS;
            default -> Severity.PASS;
        };
    }
}
