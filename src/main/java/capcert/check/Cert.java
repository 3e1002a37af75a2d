package capcert.check;

import capcert.x509.BerBounds;
import capcert.x509.CertificateDetails;
import capcert.x509.DecoderFailure;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * A certificate the engine reasons about: the JDK's view of it (for PKIX and signatures) and
 * capcert's decoded details (for naming it in messages).
 */
record Cert(X509Certificate x509, CertificateDetails details) {

    /** {@code x509} with its details decoded; {@link Decoded} keeps those of the checker's trust lists. */
    static Cert of(X509Certificate x509) {
        try {
            return new Cert(x509, CertificateDetails.decode(x509.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate always re-encodes", e);
        }
    }

    /** The JDK's reading of {@code der}, or empty when it refuses the bytes or they are past capcert's bounds. */
    static Optional<Cert> parse(byte[] der, CertificateDetails details) {
        // Past the entry caps the JDK's reading alone would take the heap: ChainAsSent says why it is left out.
        if (details.entriesCut().isPresent() || BerBounds.exceeded(der).isPresent()) return Optional.empty();
        try {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return Optional.of(new Cert(x509, details));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } catch (Error e) {
            DecoderFailure.describe(e);
            return Optional.empty();
        }
    }

    String sha256() {
        return details.sha256();
    }

    /** How messages name it: its common name in quotes, or the whole subject when it has none. */
    String label() {
        String cn = details.commonName();
        return "\"" + (cn.isEmpty() ? details.subject() : cn) + "\"";
    }

    X500Principal subject() {
        return x509.getSubjectX500Principal();
    }

    X500Principal issuer() {
        return x509.getIssuerX500Principal();
    }

    boolean selfIssued() {
        return subject().equals(issuer());
    }

    /** A root: names itself as issuer and its own key verifies its signature. */
    boolean selfSigned() {
        return selfIssued() && signedWith(x509.getPublicKey());
    }

    boolean isCa() {
        return x509.getBasicConstraints() >= 0;
    }

    boolean signedWith(PublicKey key) {
        try {
            x509.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    boolean sameKey(Cert other) {
        return Arrays.equals(x509.getPublicKey().getEncoded(), other.x509.getPublicKey().getEncoded());
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
        return signedWith(issuer.x509.getPublicKey());
    }

    /** Whether this certificate's authority key identifier is {@code issuer}'s subject key identifier; empty when one is absent. */
    Optional<Boolean> keyIdentifiersMatch(Cert issuer) {
        Optional<byte[]> aki = authorityKeyId();
        Optional<byte[]> ski = issuer.subjectKeyId();
        if (aki.isEmpty() || ski.isEmpty()) return Optional.empty();
        return Optional.of(Arrays.equals(aki.get(), ski.get()));
    }

    Optional<byte[]> subjectKeyId() {
        return extension(Extension.subjectKeyIdentifier.getId())
                .map(v -> ASN1OctetString.getInstance(v).getOctets());
    }

    Optional<byte[]> authorityKeyId() {
        return extension(Extension.authorityKeyIdentifier.getId())
                .map(v -> AuthorityKeyIdentifier.getInstance(v).getKeyIdentifierOctets());
    }

    /** The parsed value of an extension; empty when absent or malformed (a malformed one is not ours to judge here). */
    Optional<ASN1Primitive> extension(String oid) {
        byte[] value = x509.getExtensionValue(oid);
        if (value == null) return Optional.empty();
        try {
            return Optional.of(JcaX509ExtensionUtils.parseExtensionValue(value));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
