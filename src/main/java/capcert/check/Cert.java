package capcert.check;

import capcert.trust.TrustedCertificate;
import capcert.x509.DistinguishedName;
import capcert.x509.ParsedCertificate;
import capcert.x509.Signatures;

import java.util.Optional;

/** A certificate the rules reason about, as Bouncy Castle's ASN.1 reads it (see {@link ParsedCertificate}). */
record Cert(ParsedCertificate parsed) {

    static Cert of(TrustedCertificate trusted) {
        return new Cert(trusted.parsed());
    }

    String sha256() {
        return parsed.sha256();
    }

    /** How messages name it: its common name in quotes, or the whole subject when it has none. */
    String label() {
        String cn = parsed.subject().commonName();
        return "\"" + (cn.isEmpty() ? parsed.subject().rfc2253() : cn) + "\"";
    }

    DistinguishedName subject() {
        return parsed.subject();
    }

    DistinguishedName issuer() {
        return parsed.issuer();
    }

    boolean selfIssued() {
        return parsed.selfIssued();
    }

    /** A root: names itself as issuer and its own key verifies its signature. */
    boolean selfSigned() {
        return selfIssued() && signedWith(this);
    }

    boolean isCa() {
        return parsed.isCa();
    }

    /**
     * Whether {@code issuer}'s key verifies this certificate's signature. A DSA key that inherits its
     * parameters cannot be told alone, and is given the benefit of the doubt: the path decides.
     */
    boolean signedWith(Cert issuer) {
        return Signatures.verify(parsed, issuer.parsed.publicKey()).outcome() != Signatures.Outcome.INVALID;
    }

    boolean sameKey(Cert other) {
        return parsed.publicKey().sameKey(other.parsed.publicKey());
    }

    boolean sameAs(Cert other) {
        return sha256().equals(other.sha256());
    }

    /**
     * Whether {@code issuer} issued this certificate: it names it as issuer, the key identifiers
     * (when both are present) agree, and its key verifies the signature.
     */
    boolean issuedBy(Cert issuer) {
        if (!issuer().equals(issuer.subject())) return false;
        if (!keyIdentifiersMatch(issuer).orElse(true)) return false;
        return signedWith(issuer);
    }

    /** Whether this certificate's authority key identifier is {@code issuer}'s subject key identifier; empty when one is absent. */
    Optional<Boolean> keyIdentifiersMatch(Cert issuer) {
        return parsed.keyIdentifiersMatch(issuer.parsed);
    }
}
