package capcert.export;

import capcert.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateFilesTest {

    @Test
    void pemIsRfc7468Layout() {
        byte[] der = TestCertificates.withCommonName("pem.example");

        String pem = CertificateFiles.pem(der);

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(pem.endsWith("\n-----END CERTIFICATE-----\n"));
        assertTrue(!pem.contains("\r"));
        List<String> body = pem.lines().toList().subList(1, (int) pem.lines().count() - 1);
        for (int i = 0; i < body.size() - 1; i++) assertEquals(64, body.get(i).length(), "line " + i);
        assertTrue(body.get(body.size() - 1).length() <= 64);
        assertArrayEquals(der, Base64.getDecoder().decode(String.join("", body)));
    }

    @Test
    void javaReadsPemBackToTheSameBytes() throws Exception {
        byte[] der = TestCertificates.withCommonName("pem.example");

        byte[] pem = CertificateFiles.encode(CertificateFormat.PEM, der);

        Certificate read = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        assertArrayEquals(der, read.getEncoded());
    }

    @Test
    void derIsPassedThroughByteForByte() {
        byte[] der = TestCertificates.withCommonName("der.example");

        assertArrayEquals(der, CertificateFiles.encode(CertificateFormat.DER, der));
    }

    @Test
    void bundleKeepsTheOrderSent() throws Exception {
        byte[] leaf = TestCertificates.withCommonName("leaf.example");
        byte[] ca = TestCertificates.withCommonName("ca.example");

        String bundle = CertificateFiles.pemBundle(List.of(leaf, ca));

        Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2, read.size());
        var it = read.iterator();
        assertArrayEquals(leaf, it.next().getEncoded());
        assertArrayEquals(ca, it.next().getEncoded());
        assertEquals(CertificateFiles.pem(leaf) + CertificateFiles.pem(ca), bundle);
    }

    @Test
    void opensslReadsPemBackToTheSameBytes(@TempDir Path dir) throws Exception {
        OpenSsl.assumeAvailable();
        byte[] der = TestCertificates.withCommonName("openssl.example");
        Path pem = Files.write(dir.resolve("c.pem"), CertificateFiles.encode(CertificateFormat.PEM, der));

        assertArrayEquals(der, OpenSsl.pemToDer(pem));
    }
}
