package capcert.cli;

import capcert.export.CertificateFiles;
import capcert.export.OpenSsl;
import capcert.testing.TestPki;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static capcert.testing.TestCa.x509;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvertCommandTest {

    private static final List<byte[]> SENT = TestPki.server().sent();
    private static final String PEM_NOTE = "Note: Expressway takes certificates as PEM files (FM1): upload the .pem file.";

    @TempDir
    Path tmp;

    private static Cli.Run run(String... args) {
        return new Cli().run(args);
    }

    @Test
    void derBecomesPemNextToTheInputWithANote() throws Exception {
        Path der = Files.write(tmp.resolve("server.cer"), SENT.get(0));

        Cli.Run run = run("convert", der.toString());

        assertEquals(0, run.code(), run.err());
        Path pem = tmp.resolve("server.pem");
        assertEquals(CertificateFiles.pem(SENT.get(0)), Files.readString(pem));
        assertEquals(List.of("Wrote " + pem + " (1 certificate, PEM) from " + der, PEM_NOTE), run.outLines());
    }

    @Test
    void openSslReadsThePemWeWrite() throws Exception {
        OpenSsl.assumeAvailable();
        Path der = Files.write(tmp.resolve("root.der"), SENT.get(2));

        assertEquals(0, run("convert", der.toString()).code());

        assertArrayEquals(SENT.get(2), OpenSsl.pemToDer(tmp.resolve("root.pem")));
    }

    @Test
    void aPemBundleBecomesOneDerFilePerCertificate() throws Exception {
        Path pem = Files.writeString(tmp.resolve("chain.pem"), CertificateFiles.pemBundle(SENT).replace("\n", "\r\n"));

        Cli.Run run = run("convert", pem.toString());

        assertEquals(0, run.code(), run.err());
        for (int i = 0; i < SENT.size(); i++) {
            assertArrayEquals(SENT.get(i), Files.readAllBytes(tmp.resolve("chain-" + (i + 1) + ".cer")), "certificate " + i);
        }
        assertEquals("Wrote " + tmp.resolve("chain-1.cer") + " (1 certificate, DER) from " + pem, run.outLines().get(0));
        assertTrue(run.outLines().get(3).startsWith("Note: Expressway takes certificates as PEM files only (FM1)"), run.out());
    }

    @Test
    void aPkcs7BundleBecomesOnePemBundle() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(SENT.stream().map(d -> x509(d)).toList()));
        Path p7b = Files.write(tmp.resolve("from-windows.p7b"), generator.generate(new CMSAbsentContent(), false).getEncoded());

        Cli.Run run = run("convert", p7b.toString());

        assertEquals(0, run.code(), run.err());
        assertEquals(CertificateFiles.pemBundle(SENT), Files.readString(tmp.resolve("from-windows.pem")));
    }

    @Test
    void neverOverwritesWithoutForce() throws Exception {
        Path der = Files.write(tmp.resolve("server.cer"), SENT.get(0));
        Path pem = Files.writeString(tmp.resolve("server.pem"), "mine");

        Cli.Run refused = run("convert", der.toString());

        assertEquals(4, refused.code());
        assertEquals(List.of("capcert: " + pem + ": already exists (use --force to overwrite)"), refused.errLines());
        assertEquals("mine", Files.readString(pem));

        Cli.Run forced = run("convert", "--force", der.toString());

        assertEquals(0, forced.code(), forced.err());
        assertEquals(CertificateFiles.pem(SENT.get(0)), Files.readString(pem));
    }

    @Test
    void aBundleIsWrittenWholeOrNotAtAll() throws Exception {
        Path pem = Files.writeString(tmp.resolve("chain.pem"), CertificateFiles.pemBundle(SENT));
        Files.writeString(tmp.resolve("chain-3.cer"), "mine");

        assertEquals(4, run("convert", pem.toString()).code());

        assertFalse(Files.exists(tmp.resolve("chain-1.cer")));
    }

    @Test
    void outputNamesAFileOrADirectory() throws Exception {
        Path der = Files.write(tmp.resolve("a.cer"), SENT.get(0));
        Path pem = Files.writeString(tmp.resolve("b.pem"), CertificateFiles.pemBundle(SENT.subList(1, 3)));
        Path dir = Files.createDirectories(tmp.resolve("out"));

        assertEquals(0, run("convert", "-o", tmp.resolve("upload.crt").toString(), der.toString()).code());
        assertEquals(0, run("convert", "--output", dir.toString(), der.toString(), pem.toString()).code());
        assertEquals(0, run("convert", "-o", tmp.resolve("ca.der").toString(), pem.toString()).code());

        assertEquals(CertificateFiles.pem(SENT.get(0)), Files.readString(tmp.resolve("upload.crt")));
        assertTrue(Files.exists(dir.resolve("a.pem")));
        assertArrayEquals(SENT.get(2), Files.readAllBytes(dir.resolve("b-2.cer")));
        assertArrayEquals(SENT.get(1), Files.readAllBytes(tmp.resolve("ca-1.der")));
    }

    @Test
    void toChoosesTheFormatAndNeverReplacesTheInput() throws Exception {
        Path messy = Files.writeString(tmp.resolve("messy.pem"), "subject=CN=x\r\n" + CertificateFiles.pem(SENT.get(0)));

        Cli.Run inPlace = run("convert", "--to", "pem", "--force", messy.toString());
        Cli.Run clean = run("convert", "--to", "PEM", "-o", tmp.resolve("clean.pem").toString(), messy.toString());

        assertEquals(4, inPlace.code());
        assertEquals(List.of("capcert: " + messy + ": would replace the input; choose another name with -o"), inPlace.errLines());
        assertEquals(0, clean.code(), clean.err());
        assertEquals(CertificateFiles.pem(SENT.get(0)), Files.readString(tmp.resolve("clean.pem")));
    }

    @Test
    void inputsThatCannotBeConvertedAreOneLineEachAndStatus1() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        Path good = Files.write(tmp.resolve("good.cer"), SENT.get(0));
        KeyStore store = KeyStore.getInstance("JKS");
        store.load(null, null);
        store.setCertificateEntry("root", x509(SENT.get(2)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "changeit".toCharArray());
        Path jks = Files.write(tmp.resolve("trust.jks"), bytes.toByteArray());

        Cli.Run run = run("convert", text.toString(), tmp.resolve("missing.cer").toString(), jks.toString(), good.toString());

        assertEquals(1, run.code());
        assertEquals(List.of(
                "capcert: " + text + ": not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12)",
                "capcert: " + tmp.resolve("missing.cer") + ": no such file or directory",
                "capcert: " + jks + ": a JKS keystore: convert reads PEM, DER and PKCS#7 files"
                        + " (export certificates from a keystore with keytool -exportcert)"), run.errLines());
        assertTrue(Files.exists(tmp.resolve("good.pem")));
    }

    @Test
    void twoInputsThatWouldWriteOneFileAreRefused() throws Exception {
        Path cer = Files.write(tmp.resolve("root.cer"), SENT.get(2));
        Path der = Files.write(tmp.resolve("root.der"), SENT.get(2));

        Cli.Run run = run("convert", cer.toString(), der.toString());

        assertEquals(4, run.code());
        assertEquals(List.of("capcert: " + tmp.resolve("root.pem") + ": would be written from both " + cer + " and " + der
                + "; convert them one at a time with -o"), run.errLines());
        assertFalse(Files.exists(tmp.resolve("root.pem")));
    }

    @Test
    void severalFilesNeedAnOutputDirectory() throws Exception {
        Path a = Files.write(tmp.resolve("a.cer"), SENT.get(0));
        Path b = Files.write(tmp.resolve("b.cer"), SENT.get(1));

        Cli.Run run = run("convert", "-o", tmp.resolve("out.pem").toString(), a.toString(), b.toString());

        assertEquals(2, run.code());
        assertTrue(run.errLines().get(0).contains("--output must be an existing directory when converting several files"),
                run.err());
    }
}
