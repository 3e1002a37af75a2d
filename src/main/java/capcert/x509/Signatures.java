package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.MD2Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.digests.SHA512tDigest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.MLDSASigner;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Signature verification with Bouncy Castle's lightweight API (no JCA provider to register): RSA
 * PKCS#1 v1.5 and PSS, ECDSA, DSA (with inherited parameters), Ed25519, Ed448 and ML-DSA, over
 * the hashes from MD2 to SHA-3. Which hash is weak is judged elsewhere (SG1); here a signature is
 * only right or wrong, or made with an algorithm capcert cannot check.
 */
public final class Signatures {

    public enum Outcome { VALID, INVALID, UNSUPPORTED }

    /** The outcome and, when not valid, why in a few words. */
    public record Verification(Outcome outcome, String reason) {
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    private enum Scheme { RSA, ECDSA, DSA }

    /** A scheme and a hash, named rather than made by a lambda: a lambda each would cost start-up time. */
    private record Algorithm(Scheme scheme, String hash) {
        Digest digest() {
            return switch (hash) {
                case "MD2" -> new MD2Digest();
                case "MD5" -> new MD5Digest();
                case "SHA-1" -> new SHA1Digest();
                case "SHA-224" -> new SHA224Digest();
                case "SHA-256" -> new SHA256Digest();
                case "SHA-384" -> new SHA384Digest();
                case "SHA-512" -> new SHA512Digest();
                case "SHA-512/224" -> new SHA512tDigest(224);
                case "SHA-512/256" -> new SHA512tDigest(256);
                case "SHA3-224" -> new SHA3Digest(224);
                case "SHA3-256" -> new SHA3Digest(256);
                case "SHA3-384" -> new SHA3Digest(384);
                case "SHA3-512" -> new SHA3Digest(512);
                default -> throw new IllegalStateException(hash);
            };
        }
    }

    private static final Map<ASN1ObjectIdentifier, Algorithm> ALGORITHMS = Map.ofEntries(
            Map.entry(PKCSObjectIdentifiers.md2WithRSAEncryption, new Algorithm(Scheme.RSA, "MD2")),
            Map.entry(PKCSObjectIdentifiers.md5WithRSAEncryption, new Algorithm(Scheme.RSA, "MD5")),
            Map.entry(PKCSObjectIdentifiers.sha1WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-1")),
            Map.entry(OIWObjectIdentifiers.sha1WithRSA, new Algorithm(Scheme.RSA, "SHA-1")),
            Map.entry(PKCSObjectIdentifiers.sha224WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-224")),
            Map.entry(PKCSObjectIdentifiers.sha256WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-256")),
            Map.entry(PKCSObjectIdentifiers.sha384WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-384")),
            Map.entry(PKCSObjectIdentifiers.sha512WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-512")),
            Map.entry(PKCSObjectIdentifiers.sha512_224WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-512/224")),
            Map.entry(PKCSObjectIdentifiers.sha512_256WithRSAEncryption, new Algorithm(Scheme.RSA, "SHA-512/256")),
            Map.entry(NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_224, new Algorithm(Scheme.RSA, "SHA3-224")),
            Map.entry(NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_256, new Algorithm(Scheme.RSA, "SHA3-256")),
            Map.entry(NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_384, new Algorithm(Scheme.RSA, "SHA3-384")),
            Map.entry(NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_512, new Algorithm(Scheme.RSA, "SHA3-512")),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA1, new Algorithm(Scheme.ECDSA, "SHA-1")),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA224, new Algorithm(Scheme.ECDSA, "SHA-224")),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA256, new Algorithm(Scheme.ECDSA, "SHA-256")),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA384, new Algorithm(Scheme.ECDSA, "SHA-384")),
            Map.entry(X9ObjectIdentifiers.ecdsa_with_SHA512, new Algorithm(Scheme.ECDSA, "SHA-512")),
            Map.entry(NISTObjectIdentifiers.id_ecdsa_with_sha3_224, new Algorithm(Scheme.ECDSA, "SHA3-224")),
            Map.entry(NISTObjectIdentifiers.id_ecdsa_with_sha3_256, new Algorithm(Scheme.ECDSA, "SHA3-256")),
            Map.entry(NISTObjectIdentifiers.id_ecdsa_with_sha3_384, new Algorithm(Scheme.ECDSA, "SHA3-384")),
            Map.entry(NISTObjectIdentifiers.id_ecdsa_with_sha3_512, new Algorithm(Scheme.ECDSA, "SHA3-512")),
            Map.entry(X9ObjectIdentifiers.id_dsa_with_sha1, new Algorithm(Scheme.DSA, "SHA-1")),
            Map.entry(NISTObjectIdentifiers.dsa_with_sha224, new Algorithm(Scheme.DSA, "SHA-224")),
            Map.entry(NISTObjectIdentifiers.dsa_with_sha256, new Algorithm(Scheme.DSA, "SHA-256")),
            Map.entry(NISTObjectIdentifiers.dsa_with_sha384, new Algorithm(Scheme.DSA, "SHA-384")),
            Map.entry(NISTObjectIdentifiers.dsa_with_sha512, new Algorithm(Scheme.DSA, "SHA-512")));

    private Signatures() {
    }

    /**
     * Whether {@code key} made {@code cert}'s signature; remembered on the certificate, so a pair is
     * checked once however many paths try it. A DSA key without parameters cannot be judged alone:
     * it is UNSUPPORTED here, and checked on a whole path with its inherited parameters.
     */
    public static Verification verify(ParsedCertificate cert, PublicKeyInfo key) {
        Optional<Boolean> known = cert.verifiedBy(key);
        if (known.isPresent()) {
            return known.get() ? new Verification(Outcome.VALID, "") : new Verification(Outcome.INVALID, "the signature does not verify");
        }
        if (key.dsaWithoutParameters()) return new Verification(Outcome.UNSUPPORTED, "the key's DSA parameters are inherited");
        Verification v = verify(cert.tbs(), cert.signatureAlgorithm(), cert.signature(), key, null);
        if (v.outcome() != Outcome.UNSUPPORTED) cert.rememberVerification(key, v.valid());
        return v;
    }

    /**
     * Whether {@code key} made {@code signature} over {@code signed} with {@code algorithm}.
     *
     * @param inheritedDsa the parameters of the issuer's issuer, for a DSA key that has none; may be null
     */
    public static Verification verify(byte[] signed, AlgorithmIdentifier algorithm, byte[] signature, PublicKeyInfo key,
                                      DSAParameters inheritedDsa) {
        AsymmetricKeyParameter publicKey;
        try {
            publicKey = inheritedDsa != null ? key.keyWith(inheritedDsa) : key.key();
        } catch (IOException | RuntimeException e) {
            return new Verification(Outcome.INVALID, "the issuer's key cannot be used: " + e.getMessage());
        }
        Signer signer;
        try {
            Optional<Signer> made = signer(algorithm);
            if (made.isEmpty()) {
                return new Verification(Outcome.UNSUPPORTED, "signature algorithm " + algorithm.getAlgorithm().getId() + " is not supported");
            }
            signer = made.get();
            signer.init(false, publicKey);
        } catch (IllegalArgumentException | ClassCastException e) {
            return new Verification(Outcome.INVALID, "the signature algorithm " + algorithm.getAlgorithm().getId()
                    + " does not fit the issuer's " + key.describe() + " key");
        } catch (RuntimeException e) {
            return new Verification(Outcome.INVALID, "the signature parameters are unusable");
        }
        try {
            signer.update(signed, 0, signed.length);
            return signer.verifySignature(signature) ? new Verification(Outcome.VALID, "")
                    : new Verification(Outcome.INVALID, "the signature does not verify");
        } catch (RuntimeException e) {
            return new Verification(Outcome.INVALID, "the signature does not verify");
        }
    }

    private static Optional<Signer> signer(AlgorithmIdentifier id) {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) return Optional.of(new Ed25519Signer());
        if (oid.equals(EdECObjectIdentifiers.id_Ed448)) return Optional.of(new Ed448Signer(new byte[0]));
        if (oid.equals(NISTObjectIdentifiers.id_ml_dsa_44) || oid.equals(NISTObjectIdentifiers.id_ml_dsa_65)
                || oid.equals(NISTObjectIdentifiers.id_ml_dsa_87)) {
            return Optional.of(new MLDSASigner());
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) return Optional.of(pss(id.getParameters()));
        Algorithm algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) return Optional.empty();
        // RFC 5758 and 3279: no parameters for ECDSA and DSA; NULL or none for RSA.
        ASN1Encodable params = id.getParameters();
        if (algorithm.scheme() != Scheme.RSA && params != null) throw new IllegalArgumentException("parameters where none belong");
        if (algorithm.scheme() == Scheme.RSA && params != null && !(params instanceof ASN1Null)) {
            throw new IllegalArgumentException("parameters where NULL belongs");
        }
        return Optional.of(switch (algorithm.scheme()) {
            case RSA -> new RSADigestSigner(algorithm.digest());
            case ECDSA -> new DSADigestSigner(new ECDSASigner(), algorithm.digest());
            case DSA -> new DSADigestSigner(new DSASigner(), algorithm.digest());
        });
    }

    private static Signer pss(ASN1Encodable parameters) {
        RSASSAPSSparams params = parameters == null ? new RSASSAPSSparams() : RSASSAPSSparams.getInstance(parameters);
        Digest content = digest(params.getHashAlgorithm().getAlgorithm());
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        if (!mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)) throw new IllegalArgumentException("mask generation is not MGF1");
        Digest mgfDigest = digest(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm());
        int trailer = params.getTrailerField().intValueExact();
        if (trailer != 1) throw new IllegalArgumentException("trailer field " + trailer);
        return new PSSSigner(new RSABlindedEngine(), content, mgfDigest, params.getSaltLength().intValueExact(), PSSSigner.TRAILER_IMPLICIT);
    }

    private static Digest digest(ASN1ObjectIdentifier oid) {
        if (oid.equals(OIWObjectIdentifiers.idSHA1)) return new SHA1Digest();
        if (oid.equals(NISTObjectIdentifiers.id_sha224)) return new SHA224Digest();
        if (oid.equals(NISTObjectIdentifiers.id_sha256)) return new SHA256Digest();
        if (oid.equals(NISTObjectIdentifiers.id_sha384)) return new SHA384Digest();
        if (oid.equals(NISTObjectIdentifiers.id_sha512)) return new SHA512Digest();
        if (oid.equals(NISTObjectIdentifiers.id_sha3_256)) return new SHA3Digest(256);
        if (oid.equals(NISTObjectIdentifiers.id_sha3_384)) return new SHA3Digest(384);
        if (oid.equals(NISTObjectIdentifiers.id_sha3_512)) return new SHA3Digest(512);
        throw new IllegalArgumentException("hash " + oid.getId());
    }

    /** Parameters of a DSA key for its subordinates to inherit; null when it is not a DSA key with its own. */
    public static DSAParameters dsaParameters(PublicKeyInfo key) {
        if (key.algorithm() != PublicKeyInfo.Algorithm.DSA || key.dsaWithoutParameters()) return null;
        try {
            return ((org.bouncycastle.crypto.params.DSAPublicKeyParameters) key.key()).getParameters();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
