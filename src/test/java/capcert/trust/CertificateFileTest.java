package capcert.trust;

import capcert.export.CertificateFiles;
import capcert.export.OpenSsl;
import capcert.testing.TestCa;
import capcert.testing.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import static capcert.trust.TrustFiles.PASSWORD;
import static capcert.trust.TrustFiles.subjects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateFileTest {

    private static final TestPki.Chain CHAIN = TestPki.server();
    private static final List<byte[]> SENT = CHAIN.sent();
    private static final List<String> SENT_SUBJECTS = List.of(
            "O=capcert tests,CN=server.capcert.test",
            "O=capcert tests,CN=capcert Test Server Intermediate (server.capcert.test)",
            "O=capcert tests,CN=capcert Test Server Root (server.capcert.test)");

    @TempDir
    Path tmp;

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(tmp.resolve(name), content);
    }

    private Path write(String name, String content) throws Exception {
        return write(name, content.getBytes(StandardCharsets.US_ASCII));
    }

    private static List<byte[]> ders(CertificateFile file) throws Exception {
        return file.ders();
    }

    private static void assertSameBytes(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.get(i), actual.get(i), "certificate " + i);
    }

    private CertificateFileException failure(Path file, char[] password) {
        return assertThrows(CertificateFileException.class, () -> CertificateFile.read(file, password));
    }

    @Test
    void pemBundleWithTextAroundAndCrlfLineEnds() throws Exception {
        String bundle = "# exported from Expressway-C\r\nsubject=CN=server\r\n"
                + CertificateFiles.pem(SENT.get(0)).replace("\n", "\r\n")
                + "some comment\r\n\r\n"
                + CertificateFiles.pem(SENT.get(1)).replace("\n", "\r\n")
                + "  " + CertificateFiles.pem(SENT.get(2)).replace("\n", "\r\n") + "trailing text";
        Path file = write("ca-list.txt", bundle);

        CertificateFile read = CertificateFile.read(file, null);

        assertEquals(CertificateFile.Format.PEM, read.format());
        assertSameBytes(SENT, ders(read));
        assertEquals(List.of(file + " #1", file + " #2", file + " #3"),
                read.entries().stream().map(CertificateFile.Entry::source).toList());
    }

    @Test
    void formatIsToldByContentNotByExtension() throws Exception {
        CertificateFile der = CertificateFile.read(write("looks-like.pem", SENT.get(2)), null);
        CertificateFile pem = CertificateFile.read(write("looks-like.der", CertificateFiles.pem(SENT.get(2))), null);
        CertificateFile p7b = CertificateFile.read(write("looks-like.cer", TrustFiles.p7b(SENT)), null);

        assertEquals(CertificateFile.Format.DER, der.format());
        assertEquals(CertificateFile.Format.PEM, pem.format());
        assertEquals(CertificateFile.Format.PKCS7, p7b.format());
        assertSameBytes(List.of(SENT.get(2)), ders(der));
        assertEquals(tmp.resolve("looks-like.pem") + " #1", der.entries().get(0).source());
    }

    @Test
    void pkcs7InDerAndInPemKeepsItsOrder() throws Exception {
        byte[] p7b = TrustFiles.p7b(SENT);
        CertificateFile der = CertificateFile.read(write("bundle.p7b", p7b), null);
        CertificateFile pem = CertificateFile.read(write("bundle.p7c", TrustFiles.pem("PKCS7", p7b)), null);

        assertEquals(SENT_SUBJECTS, subjects(der.ders()));
        assertSameBytes(ders(der), ders(pem));
        assertEquals(CertificateFile.Format.PKCS7, pem.format(), "PKCS#7 in PEM armour is still a PKCS#7 bundle");
        assertEquals(tmp.resolve("bundle.p7b") + " #3", der.entries().get(2).source());
    }

    @Test
    void jksTrustedEntriesAndKeyEntryChainsByAlias() throws Exception {
        TestPki.Chain other = TestPki.chain("other.capcert.test", TestPki.KeyType.RSA_2048);
        Path file = write("truststore", TrustFiles.keyStore("JKS", List.of(other.root().der(), other.intermediate().der()), CHAIN));

        CertificateFile read = CertificateFile.read(file, PASSWORD);

        assertEquals(CertificateFile.Format.JKS, read.format());
        assertSameBytes(List.of(other.root().der(), other.intermediate().der(), SENT.get(0), SENT.get(1), SENT.get(2)), ders(read));
        assertEquals(List.of(file + " #1 (ca-1)", file + " #2 (ca-2)", file + " #3 (server)", file + " #4 (server)",
                file + " #5 (server)"), read.entries().stream().map(CertificateFile.Entry::source).toList());
    }

    @Test
    void jksWithoutPasswordIsReadUncheckedAndWithAWrongOneRefused() throws Exception {
        Path file = write("store.jks", TrustFiles.keyStore("JKS", List.of(SENT.get(2)), null));

        assertSameBytes(List.of(SENT.get(2)), ders(CertificateFile.read(file, null)));
        assertEquals(file + ": wrong keystore password", failure(file, "nope".toCharArray()).getMessage());
    }

    @Test
    void jceks() throws Exception {
        Path file = write("store.jceks", TrustFiles.keyStore("JCEKS", List.of(SENT.get(2)), CHAIN));

        CertificateFile read = CertificateFile.read(file, PASSWORD);

        assertEquals(CertificateFile.Format.JCEKS, read.format());
        assertEquals(4, read.entries().size());
    }

    @Test
    void pkcs12FromTheJdkWithTrustedEntriesAndAKeyEntry() throws Exception {
        Path file = write("store.p12", TrustFiles.keyStore("PKCS12", List.of(SENT.get(2)), CHAIN));

        CertificateFile read = CertificateFile.read(file, PASSWORD);

        assertEquals(CertificateFile.Format.PKCS12, read.format());
        // in file order, which the JDK chooses
        assertEquals(4, read.entries().size());
        assertTrue(read.entries().stream().anyMatch(e -> e.source().endsWith(" (ca-1)")), read.entries().toString());
        assertTrue(read.entries().stream().anyMatch(e -> e.source().endsWith(" (server)")), read.entries().toString());
        assertEquals(SENT_SUBJECTS.get(2), TrustFiles.subjects(read.ders()).stream()
                .filter(s -> s.contains("Root")).findFirst().orElseThrow());
    }

    @Test
    void pkcs12WithAWrongOrMissingPasswordIsOneLineNamingTheFile() throws Exception {
        Path file = write("store.pfx", TrustFiles.keyStore("PKCS12", List.of(SENT.get(2)), null));

        CertificateFileException wrong = failure(file, "nope".toCharArray());
        assertEquals(file + ": wrong keystore password", wrong.getMessage());
        assertTrue(wrong instanceof KeystorePasswordException k && k.passwordGiven());
        CertificateFileException missing = failure(file, null);
        assertEquals(file + ": encrypted PKCS#12 file: it cannot be read without its password", missing.getMessage());
        assertTrue(missing instanceof KeystorePasswordException k && !k.passwordGiven());
    }

    @Test
    void openSslTrustedCertificateBlockIsReadWithoutItsTrustSettings() throws Exception {
        OpenSsl.assumeAvailable();
        Path pem = write("root.pem", CertificateFiles.pem(SENT.get(2)));
        byte[] trusted = OpenSsl.run("x509", "-in", pem.toString(), "-trustout", "-addtrust", "serverAuth");
        assertTrue(new String(trusted, StandardCharsets.US_ASCII).contains("BEGIN TRUSTED CERTIFICATE"));

        CertificateFile read = CertificateFile.read(write("trusted.pem", trusted), null);

        assertSameBytes(List.of(SENT.get(2)), ders(read));
    }

    @Test
    void openSslPkcs7AndPkcs12AreReadAsOpenSslWroteThem() throws Exception {
        OpenSsl.assumeAvailable();
        Path bundle = write("bundle.pem", CertificateFiles.pemBundle(SENT));
        Path p7b = tmp.resolve("openssl.p7b");
        Path p12 = tmp.resolve("openssl.p12");
        OpenSsl.run("crl2pkcs7", "-nocrl", "-certfile", bundle.toString(), "-outform", "DER", "-out", p7b.toString());
        // certificates only, no key: the JDK's own PKCS12 keystore would show no entry at all
        OpenSsl.run("pkcs12", "-export", "-nokeys", "-in", bundle.toString(), "-passout", "pass:changeit", "-out", p12.toString());

        assertSameBytes(SENT, ders(CertificateFile.read(p7b, null)));
        assertSameBytes(SENT, ders(CertificateFile.read(p12, PASSWORD)));
    }

    @Test
    void whatWeReadOpenSslReadsTheSame() throws Exception {
        OpenSsl.assumeAvailable();
        Path p7b = write("ours.p7b", TrustFiles.p7b(SENT));

        String printed = new String(OpenSsl.run("pkcs7", "-inform", "DER", "-in", p7b.toString(), "-print_certs"),
                StandardCharsets.US_ASCII);

        Path again = write("again.pem", printed);
        assertSameBytes(ders(CertificateFile.read(p7b, null)), ders(CertificateFile.read(again, null)));
    }

    @Test
    void filesThatHoldNoCertificateAreNotCertificateFiles() throws Exception {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=csr"), CHAIN.leaf().keys().getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(CHAIN.leaf().keys().getPrivate())).getEncoded();
        var crl = new X509v2CRLBuilder(CHAIN.root().subject(), new Date())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(CHAIN.root().keys().getPrivate())).getEncoded();

        assertNotACertificate(write("empty.pem", new byte[0]), "empty file");
        assertNotACertificate(write("README", "Put the CA certificates here.\n"),
                "not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12)");
        assertNotACertificate(write("key.pem", TrustFiles.pem("PRIVATE KEY", CHAIN.leaf().keys().getPrivate().getEncoded())
                + TrustFiles.pem("CERTIFICATE REQUEST", csr)), "no certificate in it (PEM blocks: PRIVATE KEY, CERTIFICATE REQUEST)");
        assertNotACertificate(write("request.der", csr), "not a certificate file (DER, but not an X.509 certificate)");
        assertNotACertificate(write("list.crl", crl), "not a certificate file (DER, but not an X.509 certificate)");
        assertNotACertificate(write("key.der", CHAIN.leaf().keys().getPrivate().getEncoded()),
                "not a certificate file (DER, but not a certificate, PKCS#7 or PKCS#12)");
    }

    private void assertNotACertificate(Path file, String reason) {
        CertificateFileException e = failure(file, null);
        assertInstanceOf(NotACertificateFile.class, e);
        assertEquals(file + ": " + reason, e.getMessage());
    }

    @Test
    void damagedAndEmptyFilesAreErrorsNamingTheFile() throws Exception {
        String pem = CertificateFiles.pem(SENT.get(0));
        String badBase64 = CertificateFiles.pem(SENT.get(1)).replace("\nM", "\n!");
        byte[] truncatedDer = java.util.Arrays.copyOf(SENT.get(0), SENT.get(0).length - 10);

        assertDamaged(write("bad64.pem", pem + badBase64), "PEM block 2: damaged (bad Base64)");
        assertDamaged(write("cut.pem", pem + "-----BEGIN CERTIFICATE-----\nMIIB\n"), "PEM block without its -----END line");
        assertDamaged(write("empty.p7b", TrustFiles.p7b(List.of())), "empty bundle: no certificates in it");
        assertDamaged(write("wrong.pem", TrustFiles.pem("CERTIFICATE", CHAIN.leaf().keys().getPublic().getEncoded())),
                "PEM block 1: not a valid certificate");
        assertDamaged(write("cut.cer", truncatedDer), "damaged DER certificate (cut short or corrupted)");
        assertNotACertificate(write("0-notes.txt", "0 certificates here yet\n"),
                "not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12)");
        assertEquals(tmp.resolve("missing.pem") + ": no such file or directory", failure(tmp.resolve("missing.pem"), null).getMessage());
        assertEquals(tmp + ": is a directory", failure(tmp, null).getMessage());
    }

    private void assertDamaged(Path file, String reason) {
        CertificateFileException e = failure(file, null);
        assertEquals(CertificateFileException.class, e.getClass(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": " + reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void signedPkcs7IsReadAsTheCertificatesItCarries() throws Exception {
        // A CA's .p7b is certificates only; a signed message carries its certificates the same way.
        TestPki.Issued signer = TestCa.certificate("CN=Signer").issue();
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA",
                signer.keys().getPrivate(), TestCa.x509(signer.der())));
        generator.addCertificates(new JcaCertStore(List.of(TestCa.x509(signer.der()))));
        byte[] signed = generator.generate(new CMSProcessableByteArray("hello".getBytes(StandardCharsets.US_ASCII)), true)
                .getEncoded();

        assertEquals(List.of("CN=Signer"), subjects(CertificateFile.read(write("signed.p7m", signed), null).ders()));
    }
}
