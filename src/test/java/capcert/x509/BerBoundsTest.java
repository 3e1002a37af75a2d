package capcert.x509;

import capcert.testing.HostileInputs;
import capcert.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BerBoundsTest {

    @Test
    void realCertificatesPass() {
        for (byte[] der : TestPki.server().sent()) {
            assertEquals(Optional.empty(), BerBounds.exceeded(der));
        }
    }

    @Test
    void nestedIndefiniteLengthsAreRefusedBeforeAnyDecoder() {
        byte[] bomb = HostileInputs.indefiniteNestingCertificate(10_000);
        assertEquals("nested more than 64 levels deep", BerBounds.exceeded(bomb).orElseThrow());
        CertificateDetails details = CertificateDetails.decode(bomb);
        assertEquals("not decoded: nested more than 64 levels deep", details.parseError().orElseThrow());
    }

    @Test
    void deepDefiniteNestingIsRefused() {
        byte[] deep = HostileInputs.definiteNesting(150_000);
        assertTrue(BerBounds.exceeded(deep).isPresent());
        assertTrue(CertificateDetails.decode(deep).parseError().isPresent());
    }

    @Test
    void nestingHiddenInsideAnExtensionValueCounts() {
        byte[] inner = HostileInputs.definiteNesting(100);
        byte[] octetString = HostileInputs.tlv(0x04, inner);
        byte[] wrapped = HostileInputs.tlv(0x30, HostileInputs.tlv(0x30, octetString));
        assertEquals("nested more than 64 levels deep", BerBounds.exceeded(wrapped).orElseThrow());
    }

    @Test
    void stringsThatDoNotReadAsBerAreData() {
        byte[] data = {0x30, (byte) 0x85, 1, 2, 3, 0x02, 0x7f};
        byte[] wrapped = HostileInputs.tlv(0x30, HostileInputs.concat(HostileInputs.tlv(0x04, data), HostileInputs.tlv(0x02, new byte[] {1})));
        assertEquals(Optional.empty(), BerBounds.exceeded(wrapped));
    }

    @Test
    void tooManyIndefiniteLengthsAreRefused() {
        byte[] flat = new byte[4 * 300];
        for (int i = 0; i < 300; i++) {
            flat[4 * i] = 0x30;
            flat[4 * i + 1] = (byte) 0x80;
        }
        byte[] wrapped = HostileInputs.tlv(0x30, flat);
        assertEquals("more than 256 indefinite lengths (certificates are DER)", BerBounds.exceeded(wrapped).orElseThrow());
    }

    @Test
    void aCrlIsBoundedLikeACertificate() throws Exception {
        String pem = Files.readString(Path.of("test-captures/trust/root-ca.crl"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z0-9 ]+-----", ""));
        assertEquals(Optional.empty(), BerBounds.exceeded(der));
        assertEquals("capcert Test Root CA", ParsedCrl.parse(der).issuer().commonName());

        ParsedCertificate.NotACertificate refused = assertThrows(ParsedCertificate.NotACertificate.class,
                () -> ParsedCrl.parse(HostileInputs.indefiniteNestingCertificate(10_000)));
        assertEquals("not a CRL: not decoded: nested more than 64 levels deep", refused.getMessage());
    }
}
