package capcert.x509;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Certificates are attacker-controlled bytes: decoding any of them returns details and contents (the
 * JSON certificate object's fields), never throws.
 */
class CertificateDecodeFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void decodeAnything(byte[] der) {
        CertificateDetails details = CertificateDetails.decode(der);
        assertEquals(64, details.sha256().length());
        CertificateContents.decode(der);
    }
}
