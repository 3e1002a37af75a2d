package capcert.check;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/** Signature algorithms by the names the JDK and OpenSSL print ("SHA256withRSA"), their OID when unnamed. */
final class SignatureNames {

    private static final DefaultAlgorithmNameFinder NAMES = new DefaultAlgorithmNameFinder();

    private SignatureNames() {
    }

    static String name(AlgorithmIdentifier algorithm) {
        String name = NAMES.getAlgorithmName(algorithm);
        if (name == null || name.isEmpty() || name.equals(algorithm.getAlgorithm().getId())) return algorithm.getAlgorithm().getId();
        return name.replace("WITH", "with");
    }
}
