package capcert.check;

import capcert.tls.CipherSuite;
import capcert.x509.ExtendedKeyUsage;
import capcert.x509.ParsedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static capcert.check.KeyPurposes.CLIENT_AUTH;
import static capcert.check.KeyPurposes.SERVER_AUTH;

/**
 * KU1: the leaf's Extended Key Usage and Key Usage allow the role it played (server or client);
 * EK2/EK3: with the Expressway profile, a leaf carries both TLS Web Server and Client Authentication.
 */
final class KeyUsageRules {

    private KeyUsageRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        Optional<Cert> found = chain.leaf();
        if (found.isEmpty()) return out;
        Cert leaf = found.get();
        Optional<List<String>> eku = KeyPurposes.extendedKeyUsage(leaf);
        if (chain.options().profile() == Profile.EXPRESSWAY) out.add(bothPurposes(chain, leaf, eku));

        boolean server = chain.purpose() == Purpose.SERVER;
        String role = server ? "TLS server" : "TLS client";
        List<String> needed = chain.options().requiredPurposes().isEmpty()
                ? List.of(server ? SERVER_AUTH : CLIENT_AUTH) : chain.options().requiredPurposes();
        String who = chain.label(leaf);
        boolean fine = true;
        List<String> lacking = eku.isEmpty() || eku.get().contains(KeyPurposes.ANY) ? List.of()
                : needed.stream().filter(oid -> !oid.equals(KeyPurposes.ANY) && !eku.get().contains(oid)).toList();
        if (!lacking.isEmpty()) {
            fine = false;
            boolean roleOnly = chain.options().requiredPurposes().isEmpty();
            out.add(fail(Rule.KU1, leaf, who + (roleOnly ? " was presented as a " + role + " certificate" : " must allow "
                            + KeyPurposes.names(needed)) + ", but its Extended Key Usage allows only "
                            + KeyPurposes.names(eku.get()) + ": the " + chain.verifier() + " refuses it"
                            + (roleOnly ? " in this role." : "."),
                    "Reissue it with " + Describe.and(lacking.stream().map(ExtendedKeyUsage::name).toList()) + " in the Extended Key Usage"
                            + (server || !roleOnly ? "" : " (an Expressway or CUCM certificate needs TLS Web Server Authentication too)") + "."));
        }
        // A verifier that asks for no particular purpose does not look at the key usage for one either.
        boolean anyPurpose = !chain.options().requiredPurposes().isEmpty()
                && chain.options().requiredPurposes().stream().allMatch(KeyPurposes.ANY::equals);
        Optional<String> missingBit = anyPurpose ? Optional.empty() : missingKeyUsage(chain, leaf);
        if (missingBit.isPresent()) {
            fine = false;
            out.add(fail(Rule.KU1, leaf, who + " has the Key Usage " + KeyPurposes.keyUsage(leaf) + ", which does not allow "
                            + missingBit.get() + ": the " + chain.verifier() + " refuses it as a " + role + " certificate.",
                    "Reissue it with the Key Usage digitalSignature (and keyEncipherment for an RSA key)."));
        }
        if (fine) {
            out.add(Verdict.pass(Rule.KU1, leaf.sha256(), who + " may act as a " + role + ": "
                    + eku.map(o -> "Extended Key Usage " + KeyPurposes.names(o)).orElse("no Extended Key Usage (any use)")
                    + "; " + KeyPurposes.keyUsage(leaf) + "."));
        }
        return out;
    }

    private static Verdict bothPurposes(CheckedChain chain, Cert leaf, Optional<List<String>> eku) {
        boolean sip = chain.port().orElse(0) == CheckedChain.SECURE_SIP_PORT;
        Rule rule = sip ? Rule.EK3 : Rule.EK2;
        List<String> missing = new ArrayList<>();
        for (String oid : List.of(SERVER_AUTH, CLIENT_AUTH)) {
            if (eku.isEmpty() || !eku.get().contains(oid)) missing.add(ExtendedKeyUsage.name(oid));
        }
        String who = chain.label(leaf);
        if (missing.isEmpty()) {
            return Verdict.pass(rule, leaf.sha256(), who + " carries both TLS Web Server and TLS Web Client Authentication.");
        }
        String has = eku.map(o -> "the Extended Key Usage " + KeyPurposes.names(o)).orElse("no Extended Key Usage extension");
        String why = sip ? "for secure SIP between CUCM and Expressway each side is server in one handshake and client"
                + " in the other, so the CallManager certificate needs both too"
                : "an Expressway certificate acts as server and as client (traversal zone, clustering), and Expressway"
                + " refuses to install one without both";
        return fail(rule, leaf, who + " has " + has + ", without " + Describe.and(missing) + ": " + why + ".",
                "Reissue it with both \"TLS Web Server Authentication\" and \"TLS Web Client Authentication\" in the"
                        + " Extended Key Usage (ask for both in the CSR and use a CA template that keeps them).");
    }

    /**
     * The Key Usage bit the role needs and the certificate lacks. A server signs the key exchange
     * (ECDHE, DHE, TLS 1.3) or decrypts it (RSA key exchange, TLS_RSA_*); a client signs its CertificateVerify.
     */
    private static Optional<String> missingKeyUsage(CheckedChain chain, Cert leaf) {
        if (!KeyPurposes.hasKeyUsage(leaf)) return Optional.empty();
        boolean signs = KeyPurposes.allows(leaf, KeyPurposes.DIGITAL_SIGNATURE);
        boolean decrypts = KeyPurposes.allows(leaf, KeyPurposes.KEY_ENCIPHERMENT);
        if (chain.purpose() == Purpose.CLIENT) {
            return signs ? Optional.empty() : Optional.of("digitalSignature, which a client needs to sign its CertificateVerify");
        }
        String suite = chain.cipherSuite().map(CipherSuite::name).orElse("");
        if (suite.startsWith("TLS_RSA_") || suite.startsWith("SSL_RSA_")) {
            return decrypts ? Optional.empty()
                    : Optional.of("keyEncipherment, which the RSA key exchange of " + suite + " needs");
        }
        if (suite.contains("DHE_") || suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return signs ? Optional.empty()
                    : Optional.of("digitalSignature, which " + suite + " needs to sign the key exchange");
        }
        if (suite.isEmpty() || suite.startsWith("0x")) {
            boolean agrees = KeyPurposes.allows(leaf, ParsedCertificate.KEY_AGREEMENT);
            return signs || decrypts || agrees ? Optional.empty()
                    : Optional.of("digitalSignature, keyEncipherment or keyAgreement, one of which every TLS key exchange needs");
        }
        return Optional.empty();
    }

    private static Verdict fail(Rule rule, Cert about, String message, String remedy) {
        return new Verdict(rule, Severity.FAIL, Optional.of(about.sha256()), message, remedy);
    }
}
