package capcert.x509;

import capcert.testing.TestCa;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StrengthTest {

    private static final KeyPair RSA = TestCa.rsa(2048);
    private static final TestPki.Issued RSA_ROOT = TestCa.certificate("CN=RSA Root").keys(RSA).issue();

    private static Optional<String> hashOf(String algorithm, TestPki.Issued issuer) {
        return Strength.weakSignatureHash(capcert.testing.Parsed.certificate(TestCa.certificate("CN=Signed").issuedBy(issuer).signature(algorithm).issue().der()));
    }

    @Test
    void keySizes() {
        assertEquals(Optional.of(new Strength.Key("RSA", 2048)), Strength.key(capcert.testing.Parsed.certificate(RSA_ROOT.der())));
        assertEquals(Optional.of(new Strength.Key("DSA", 1024)),
                Strength.key(capcert.testing.Parsed.certificate(TestCa.certificate("CN=DSA").keys(TestCa.dsa(1024)).issue().der())));
        assertEquals(Optional.of(new Strength.Key("EC", 521)),
                Strength.key(capcert.testing.Parsed.certificate(TestCa.certificate("CN=EC").keys(TestCa.ec("secp521r1")).issue().der())));
        assertEquals(Optional.of(new Strength.Key("EC", 192)),
                Strength.key(capcert.testing.Parsed.certificate(TestCa.certificate("CN=EC").keys(TestCa.ec("secp192r1")).issue().der())));
    }

    @Test
    void weakHashesByAlgorithm() {
        TestPki.Issued ecRoot = TestCa.certificate("CN=EC Root").issue();
        TestPki.Issued dsaRoot = TestCa.certificate("CN=DSA Root").keys(TestCa.dsa(1024)).issue();

        assertEquals(Optional.of("SHA-1"), hashOf("SHA1withRSA", RSA_ROOT));
        assertEquals(Optional.of("MD5"), hashOf("MD5withRSA", RSA_ROOT));
        assertEquals(Optional.of("SHA-1"), hashOf("SHA1withECDSA", ecRoot));
        assertEquals(Optional.of("SHA-1"), hashOf("SHA1withDSA", dsaRoot));
        assertEquals(Optional.of("SHA-1"), hashOf("SHA1withRSAandMGF1", RSA_ROOT));
        assertEquals(Optional.empty(), hashOf("SHA256withRSAandMGF1", RSA_ROOT));
        assertEquals(Optional.empty(), hashOf("SHA256withRSA", RSA_ROOT));
        assertEquals(Optional.empty(), hashOf("SHA384withECDSA", ecRoot));
    }
}
