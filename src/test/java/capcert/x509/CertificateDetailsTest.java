package capcert.x509;

import capcert.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateDetailsTest {

    @Test
    void decodesWhatTheCertificateSays() throws Exception {
        byte[] der = TestCertificates.certificate()
                .subject("CN=www.example.com,O=Example\\, Inc.,C=US")
                .issuer("CN=Example CA,O=Example")
                .serial(new BigInteger("00ff10", 16))
                .dns("www.example.com").dns("example.com").ip("192.0.2.7").ip("2001:db8::1")
                .der();

        CertificateDetails details = CertificateDetails.decode(der);

        X509Certificate jdk = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertEquals(jdk.getSubjectX500Principal().getName(), details.subject());
        assertEquals("CN=www.example.com,O=Example\\, Inc.,C=US", details.subject());
        assertEquals("CN=Example CA,O=Example", details.issuer());
        assertEquals("ff10", details.serial());
        assertEquals(Optional.of(TestCertificates.NOT_BEFORE), details.notBefore());
        assertEquals(Optional.of(TestCertificates.NOT_AFTER), details.notAfter());
        assertEquals("www.example.com", details.commonName());
        assertEquals(List.of("DNS:www.example.com", "DNS:example.com", "IP:192.0.2.7", "IP:2001:db8:0:0:0:0:0:1"),
                details.subjectAltNames());
        assertEquals(Optional.empty(), details.parseError());
        assertEquals(hex("SHA-256", der), details.sha256());
        assertEquals(hex("SHA-1", der), details.sha1());
    }

    @Test
    void firstCommonNameIsTheFirstAsRfc2253PrintsIt() {
        CertificateDetails details = CertificateDetails.decode(
                TestCertificates.certificate().subject("CN=outer,OU=x,CN=inner").der());

        assertEquals("CN=outer,OU=x,CN=inner", details.subject());
        assertEquals("outer", details.commonName());
    }

    @Test
    void subjectWithoutCommonNameHasEmptyCommonName() {
        CertificateDetails details = CertificateDetails.decode(
                TestCertificates.certificate().subject("O=No Name,C=DE").der());

        assertEquals("", details.commonName());
        assertEquals(List.of(), details.subjectAltNames());
    }

    @Test
    void negativeSerialIsSigned() {
        CertificateDetails details = CertificateDetails.decode(
                TestCertificates.certificate().serial(BigInteger.valueOf(-2)).der());

        assertEquals("-2", details.serial());
    }

    @Test
    void garbageIsKeptWithHashesAndAReason() throws Exception {
        // A SEQUENCE claiming a 4 GiB inner SEQUENCE: a length-trusting parser would try to allocate it.
        byte[] garbage = HexFormat.of().parseHex("30053084fffffffa04");

        CertificateDetails details = CertificateDetails.decode(garbage);

        assertEquals(hex("SHA-256", garbage), details.sha256());
        assertEquals(hex("SHA-1", garbage), details.sha1());
        assertTrue(details.parseError().isPresent());
        assertTrue(!details.parseError().get().isBlank());
        assertEquals("", details.subject());
        assertEquals(Optional.empty(), details.notAfter());
    }

    @Test
    void emptyInputIsAParseError() throws Exception {
        CertificateDetails details = CertificateDetails.decode(new byte[0]);

        assertTrue(details.parseError().isPresent());
        assertEquals(hex("SHA-256", new byte[0]), details.sha256());
    }

    @Test
    void trailingBytesAreFlaggedButTheFieldsKept() throws Exception {
        byte[] der = TestCertificates.withCommonName("tail.example");
        byte[] padded = Arrays.copyOf(der, der.length + 3);

        CertificateDetails details = CertificateDetails.decode(padded);

        assertEquals(Optional.of("3 trailing bytes after the certificate"), details.parseError());
        assertEquals("tail.example", details.commonName());
        assertEquals(hex("SHA-256", padded), details.sha256());
    }

    @Test
    void truncatedCertificateIsAParseError() {
        byte[] der = TestCertificates.withCommonName("cut.example");

        CertificateDetails details = CertificateDetails.decode(Arrays.copyOf(der, der.length - 10));

        assertTrue(details.parseError().isPresent());
        assertTrue(!details.parseError().get().contains("\n"));
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
