package capcert.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A subject public key as path validation and the strength rules need it: its algorithm and size,
 * the curve for EC keys, and Bouncy Castle's lightweight key for verifying signatures. Reading it
 * never throws: a key that does not decode says why in {@link #problem()}.
 */
public final class PublicKeyInfo {

    public enum Algorithm { RSA, EC, DSA, ED25519, ED448, ML_DSA, OTHER }

    private static final Map<ASN1ObjectIdentifier, String> CURVE_NAMES = Map.of(
            X9ObjectIdentifiers.prime256v1, "P-256",
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1, "P-384",
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp521r1, "P-521",
            X9ObjectIdentifiers.prime192v1, "P-192",
            org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp224r1, "P-224");

    private final SubjectPublicKeyInfo spki;
    private final byte[] encoded;
    private final Algorithm algorithm;
    private final int bits;
    private final String curve;
    private final Optional<String> problem;
    private final boolean explicitCurve;
    private final BigInteger rsaModulus;
    private final boolean dsaWithoutParameters;
    private volatile AsymmetricKeyParameter key;

    private PublicKeyInfo(SubjectPublicKeyInfo spki, byte[] encoded, Algorithm algorithm, int bits, String curve,
                          Optional<String> problem, boolean explicitCurve, BigInteger rsaModulus, boolean dsaWithoutParameters) {
        this.spki = spki;
        this.encoded = encoded;
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
        this.problem = problem;
        this.explicitCurve = explicitCurve;
        this.rsaModulus = rsaModulus;
        this.dsaWithoutParameters = dsaWithoutParameters;
    }

    public static PublicKeyInfo read(SubjectPublicKeyInfo spki) {
        byte[] encoded;
        try {
            encoded = spki.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            encoded = new byte[0];
        }
        AlgorithmIdentifier id = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
                BigInteger n = rsa.getModulus();
                BigInteger e = rsa.getPublicExponent();
                String problem = n.signum() <= 0 ? "its modulus is not positive"
                        : !n.testBit(0) ? "its modulus is even"
                        : e.signum() <= 0 || !e.testBit(0) || e.equals(BigInteger.ONE) ? "its public exponent " + e + " is not usable" : null;
                return new PublicKeyInfo(spki, encoded, Algorithm.RSA, n.bitLength(), "", Optional.ofNullable(problem),
                        false, n, false);
            }
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) return ec(spki, encoded, id.getParameters());
            if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
                ASN1Encodable params = id.getParameters();
                boolean inherited = params == null || params instanceof ASN1Null;
                int size = inherited ? 0 : DSAParameter.getInstance(params).getP().bitLength();
                org.bouncycastle.asn1.ASN1Integer.getInstance(spki.parsePublicKey());
                return new PublicKeyInfo(spki, encoded, Algorithm.DSA, size, "", Optional.empty(), false, null, inherited);
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) return fixedLength(spki, encoded, Algorithm.ED25519, 32, 256);
            if (oid.equals(EdECObjectIdentifiers.id_Ed448)) return fixedLength(spki, encoded, Algorithm.ED448, 57, 448);
            if (oid.equals(NISTObjectIdentifiers.id_ml_dsa_44) || oid.equals(NISTObjectIdentifiers.id_ml_dsa_65)
                    || oid.equals(NISTObjectIdentifiers.id_ml_dsa_87)) {
                int level = oid.equals(NISTObjectIdentifiers.id_ml_dsa_44) ? 128 : oid.equals(NISTObjectIdentifiers.id_ml_dsa_65) ? 192 : 256;
                return new PublicKeyInfo(spki, encoded, Algorithm.ML_DSA, level, "", Optional.empty(), false, null, false);
            }
            return new PublicKeyInfo(spki, encoded, Algorithm.OTHER, 0, "", Optional.empty(), false, null, false);
        } catch (IOException | RuntimeException e) {
            Algorithm algorithm = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? Algorithm.RSA
                    : oid.equals(X9ObjectIdentifiers.id_ecPublicKey) ? Algorithm.EC
                    : oid.equals(X9ObjectIdentifiers.id_dsa) ? Algorithm.DSA : Algorithm.OTHER;
            return new PublicKeyInfo(spki, encoded, algorithm, 0, "",
                    Optional.of("the key does not decode as " + algorithm + " (" + Text.oneLine(e) + ")"), false, null, false);
        }
    }

    private static PublicKeyInfo ec(SubjectPublicKeyInfo spki, byte[] encoded, ASN1Encodable params) {
        if (params instanceof ASN1ObjectIdentifier named) {
            X9ECParameters curve = ECNamedCurveTable.getByOID(named);
            if (curve == null) {
                return new PublicKeyInfo(spki, encoded, Algorithm.EC, 0, named.getId(),
                        Optional.of("its curve " + named.getId() + " is unknown"), false, null, false);
            }
            Optional<String> problem = pointProblem(curve, spki);
            return new PublicKeyInfo(spki, encoded, Algorithm.EC, curve.getCurve().getFieldSize(),
                    CURVE_NAMES.getOrDefault(named, named.getId()), problem, false, null, false);
        }
        if (params instanceof ASN1Sequence explicit) {
            X9ECParameters curve = X9ECParameters.getInstance(explicit);
            return new PublicKeyInfo(spki, encoded, Algorithm.EC, curve.getCurve().getFieldSize(), "explicit parameters",
                    pointProblem(curve, spki), true, null, false);
        }
        return new PublicKeyInfo(spki, encoded, Algorithm.EC, 0, "", Optional.of("it names no curve"), false, null, false);
    }

    private static Optional<String> pointProblem(X9ECParameters curve, SubjectPublicKeyInfo spki) {
        try {
            ECPoint point = curve.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
            return point.isValid() && !point.isInfinity() ? Optional.empty() : Optional.of("its point is not on the curve");
        } catch (RuntimeException e) {
            return Optional.of("its point does not decode (" + Text.oneLine(e) + ")");
        }
    }

    private static PublicKeyInfo fixedLength(SubjectPublicKeyInfo spki, byte[] encoded, Algorithm algorithm, int length, int bits) {
        int actual = spki.getPublicKeyData().getOctets().length;
        return new PublicKeyInfo(spki, encoded, algorithm, bits, "",
                actual == length ? Optional.empty() : Optional.of("it is " + actual + " bytes long instead of " + length),
                false, null, false);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** RSA and DSA: modulus or prime size; EC: the field size; EdDSA and ML-DSA: their security level in bits. */
    public int bits() {
        return bits;
    }

    /** "P-256", "P-384", "P-521", another curve's OID, or "" for keys without a curve. */
    public String curve() {
        return curve;
    }

    public boolean explicitCurve() {
        return explicitCurve;
    }

    /** Why the key cannot be used, if it cannot. */
    public Optional<String> problem() {
        return problem;
    }

    /** A DSA key whose parameters are to be inherited from its issuer's key (RFC 3279 §2.3.2). */
    public boolean dsaWithoutParameters() {
        return dsaWithoutParameters;
    }

    public SubjectPublicKeyInfo spki() {
        return spki;
    }

    /** The DER of the SubjectPublicKeyInfo: two certificates with the same bytes here have the same key. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public boolean sameKey(PublicKeyInfo other) {
        return Arrays.equals(encoded, other.encoded);
    }

    /** "RSA 2048 bits", "EC P-256", "Ed25519". */
    public String describe() {
        return switch (algorithm) {
            case RSA -> "RSA " + bits + " bits";
            case DSA -> dsaWithoutParameters ? "DSA (parameters inherited)" : "DSA " + bits + " bits";
            case EC -> "EC " + (curve.isEmpty() ? bits + " bits" : curve);
            case ED25519 -> "Ed25519";
            case ED448 -> "Ed448";
            case ML_DSA -> "ML-DSA (" + bits + "-bit level)";
            case OTHER -> spki.getAlgorithm().getAlgorithm().getId();
        };
    }

    /**
     * Bouncy Castle's lightweight key, for verifying signatures made with it. RSA keys are built
     * without Bouncy Castle's primality tests of the modulus, which cost milliseconds per key and
     * prove nothing about a signature.
     *
     * @throws IOException when the key does not decode
     */
    public AsymmetricKeyParameter key() throws IOException {
        AsymmetricKeyParameter k = key;
        if (k == null) {
            if (problem.isPresent()) throw new IOException(problem.get());
            k = algorithm == Algorithm.RSA ? new RSAKeyParameters(false, rsaModulus,
                    RSAPublicKey.getInstance(spki.parsePublicKey()).getPublicExponent(), true)
                    : PublicKeyFactory.createKey(spki);
            key = k;
        }
        return k;
    }

    /** This DSA key without parameters of its own, completed with {@code inherited} (its issuer's). */
    public AsymmetricKeyParameter keyWith(DSAParameters inherited) throws IOException {
        if (!dsaWithoutParameters) return key();
        BigInteger y = org.bouncycastle.asn1.ASN1Integer.getInstance(spki.parsePublicKey()).getValue();
        return new DSAPublicKeyParameters(y, inherited);
    }

    /** For EC keys: whether the curve is one of those the Web PKI allows (P-256, P-384, P-521). */
    public boolean webCurve() {
        return algorithm == Algorithm.EC && (curve.equals("P-256") || curve.equals("P-384") || curve.equals("P-521"));
    }
}
