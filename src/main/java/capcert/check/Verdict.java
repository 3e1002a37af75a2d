package capcert.check;

import java.util.Optional;

/**
 * One finding about a handshake or a certificate: what is wrong (or right) and what to do.
 *
 * @param certificate SHA-256 (lowercase hex) of the certificate it is about, if it is about one
 * @param remedy      what to upload, reissue or change; empty for PASS
 */
public record Verdict(Rule rule, Severity severity, Optional<String> certificate, String message, String remedy) {

    public static Verdict pass(Rule rule, String certificate, String message) {
        return new Verdict(rule, Severity.PASS, Optional.ofNullable(certificate), message, "");
    }
}
