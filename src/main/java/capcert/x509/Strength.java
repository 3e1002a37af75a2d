package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

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
     * The key's algorithm and size, for RSA, DSA and EC keys that decode. Empty for other
     * algorithms (EdDSA and ML-DSA have fixed strengths) and keys that do not decode.
     */
    public static Optional<Key> key(ParsedCertificate certificate) {
        PublicKeyInfo key = certificate.publicKey();
        if (key.problem().isPresent() || key.bits() == 0) return Optional.empty();
        return switch (key.algorithm()) {
            case RSA -> Optional.of(new Key("RSA", key.bits()));
            case DSA -> Optional.of(new Key("DSA", key.bits()));
            case EC -> Optional.of(new Key("EC", key.bits()));
            default -> Optional.empty();
        };
    }

    /**
     * "MD2", "MD5" or "SHA-1" when the certificate's signature uses one of these broken or
     * deprecated hashes, else empty. RSASSA-PSS names its hash in parameters (SHA-1 when absent).
     */
    public static Optional<String> weakSignatureHash(ParsedCertificate certificate) {
        AlgorithmIdentifier id = certificate.signatureAlgorithm();
        ASN1ObjectIdentifier algorithm = id.getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            try {
                RSASSAPSSparams params = id.getParameters() == null ? new RSASSAPSSparams() : RSASSAPSSparams.getInstance(id.getParameters());
                return params.getHashAlgorithm().getAlgorithm().equals(OIWObjectIdentifiers.idSHA1)
                        ? Optional.of("SHA-1") : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(WEAK_SIGNATURES.get(algorithm));
    }
}
