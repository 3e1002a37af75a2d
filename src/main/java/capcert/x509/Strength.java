package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/** How strong a certificate's key and signature hash are, for the KS1 and SG1 checks. */
public final class Strength {

    /** A public key's algorithm ("RSA", "DSA", "EC") and size: modulus bits, or the curve's field size. */
    public record Key(String algorithm, int bits) {
    }

    private static final Map<ASN1ObjectIdentifier, String> WEAK_SIGNATURES = Map.of(
            PKCSObjectIdentifiers.md2WithRSAEncryption, "MD2",
            PKCSObjectIdentifiers.md5WithRSAEncryption, "MD5",
            PKCSObjectIdentifiers.sha1WithRSAEncryption, "SHA-1",
            OIWObjectIdentifiers.sha1WithRSA, "SHA-1",
            X9ObjectIdentifiers.ecdsa_with_SHA1, "SHA-1",
            X9ObjectIdentifiers.id_dsa_with_sha1, "SHA-1");

    private Strength() {
    }

    /**
     * The key's algorithm and size. Keys the JDK does not decode (on curves it dropped, such as
     * secp192r1 and secp224r1) are read with Bouncy Castle; only those, because BC checks an RSA
     * modulus for small factors on the way, which takes long for a list of hundreds of CAs.
     * Empty for other algorithms (EdDSA has one fixed strength) and keys that do not decode.
     */
    public static Optional<Key> key(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        if (key instanceof RSAPublicKey rsa) return Optional.of(new Key("RSA", rsa.getModulus().bitLength()));
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams() == null ? Optional.empty() : Optional.of(new Key("DSA", dsa.getParams().getP().bitLength()));
        }
        if (key instanceof ECPublicKey ec) return Optional.of(new Key("EC", ec.getParams().getCurve().getField().getFieldSize()));
        try {
            if (PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(key.getEncoded())) instanceof ECPublicKeyParameters ec) {
                return Optional.of(new Key("EC", ec.getParameters().getCurve().getFieldSize()));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * "MD2", "MD5" or "SHA-1" when the certificate's signature uses one of these broken or
     * deprecated hashes, else empty. RSASSA-PSS names its hash in parameters (SHA-1 when absent).
     */
    public static Optional<String> weakSignatureHash(X509Certificate certificate) {
        ASN1ObjectIdentifier algorithm = new ASN1ObjectIdentifier(certificate.getSigAlgOID());
        if (algorithm.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            try {
                byte[] encoded = certificate.getSigAlgParams();
                RSASSAPSSparams params = encoded == null ? new RSASSAPSSparams() : RSASSAPSSparams.getInstance(encoded);
                return params.getHashAlgorithm().getAlgorithm().equals(OIWObjectIdentifiers.idSHA1)
                        ? Optional.of("SHA-1") : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(WEAK_SIGNATURES.get(algorithm));
    }
}
