package capcert.trust;

import capcert.export.CertificateFiles;
import capcert.testing.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static capcert.trust.TrustFiles.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustListsTest {

    private static final byte[] A = TestCa.certificate("CN=A CA").issue().der();
    private static final byte[] B = TestCa.certificate("CN=B CA").issue().der();
    private static final byte[] C = TestCa.certificate("CN=C CA").issue().der();
    private static final byte[] D = TestCa.certificate("CN=D CA").issue().der();

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private TrustLists loader(char[] password) {
        return new TrustLists(password, warnings::add);
    }

    private static List<String> sources(TrustList list) {
        return list.certificates().stream().map(TrustedCertificate::source).toList();
    }

    @Test
    void pathsAreReadInTheOrderGiven() throws Exception {
        Path second = Files.write(tmp.resolve("a.cer"), A);
        Path first = Files.writeString(tmp.resolve("z.pem"), CertificateFiles.pemBundle(List.of(B, C)));

        TrustList list = loader(null).load(List.of(first, second));

        assertEquals(List.of("CN=B CA", "CN=C CA", "CN=A CA"), TrustFiles.subjects(list));
        assertEquals(List.of(first + " #1", first + " #2", second + " #1"), sources(list));
    }

    @Test
    void directoriesAreReadRecursivelyInNameOrderSkippingOtherFilesWithAWarning() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cas"));
        Files.createDirectories(dir.resolve("m-sub"));
        Files.write(dir.resolve("z.cer"), D);
        Files.write(dir.resolve("m-sub/only.p7b"), TrustFiles.p7b(List.of(C)));
        Files.writeString(dir.resolve("b.pem"), CertificateFiles.pem(B));
        Files.write(dir.resolve("a.jks"), TrustFiles.keyStore("JKS", List.of(A), null));
        Files.writeString(dir.resolve("README.txt"), "CA certificates for the Expressway-E\n");

        TrustList list = loader(PASSWORD).load(dir);

        assertEquals(List.of("CN=A CA", "CN=B CA", "CN=C CA", "CN=D CA"), TrustFiles.subjects(list));
        assertEquals(List.of(dir.resolve("README.txt")
                + ": not a certificate file (no PEM block, not DER, PKCS#7, JKS or PKCS#12), skipped"), warnings);
        assertEquals(dir.resolve("a.jks") + " #1 (ca-1)", sources(list).get(0));
    }

    @Test
    void aFileLinkedTwiceInADirectoryIsReadOnce() throws Exception {
        // OpenSSL's c_rehash leaves a hash-named link beside each certificate (/etc/ssl/certs).
        Path dir = Files.createDirectories(tmp.resolve("certs"));
        Path pem = Files.writeString(dir.resolve("a.pem"), CertificateFiles.pem(A));
        Files.createSymbolicLink(dir.resolve("1a2b3c4d.0"), pem.getFileName());

        assertEquals(1, loader(null).load(dir).certificates().size());
    }

    @Test
    void aFileTooLargeForACertificateFileIsSkippedUnread() throws Exception {
        // A capture or disk image left in a certificate directory must not be read into memory.
        Path dir = Files.createDirectories(tmp.resolve("cas"));
        Files.write(dir.resolve("a.cer"), A);
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("capture.pcap").toFile(), "rw")) {
            big.setLength(CertificateFile.MAX_SIZE + 1);
        }

        TrustList list = loader(null).load(dir);

        assertEquals(1, list.certificates().size());
        assertEquals(List.of(dir.resolve("capture.pcap") + ": too large for a certificate file ("
                + (CertificateFile.MAX_SIZE + 1) + " bytes), skipped"), warnings);
    }

    @Test
    void aDamagedCertificateInADirectoryIsAnError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cas"));
        Files.write(dir.resolve("a.cer"), A);
        Files.writeString(dir.resolve("b.pem"), "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n");

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> loader(null).load(dir));

        assertEquals(dir.resolve("b.pem") + ": PEM block 1: damaged (bad Base64)", e.getMessage());
    }

    @Test
    void aDirectoryWithoutCertificatesIsAnError() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(dir.resolve("notes.txt"), "nothing here");

        CertificateFileException e = assertThrows(CertificateFileException.class, () -> loader(null).load(dir));

        assertEquals(dir + ": no certificate files in this directory", e.getMessage());
        assertEquals(1, warnings.size());
    }

    @Test
    void aMissingFileOrAWrongPasswordIsAnError() throws Exception {
        Path store = Files.write(tmp.resolve("store.p12"), TrustFiles.keyStore("PKCS12", List.of(A), null));

        assertEquals(tmp.resolve("nope.pem") + ": no such file or directory", assertThrows(CertificateFileException.class,
                () -> loader(null).load(tmp.resolve("nope.pem"))).getMessage());
        assertEquals(store + ": wrong keystore password", assertThrows(KeystorePasswordException.class,
                () -> loader("wrong".toCharArray()).load(store)).getMessage());
    }

    @Test
    void systemTrustIsTheJdksDefaultCas() throws Exception {
        TrustList system = TrustLists.system();

        assertFalse(system.isEmpty());
        assertEquals(TrustLists.SYSTEM_SOURCE + " #1", system.certificates().get(0).source());
        assertTrue(system.certificates().stream().allMatch(c -> c.parsed().isCa() || c.parsed().version() < 3),
                "the JDK's CAs are CAs");
        List<String> subjects = TrustFiles.subjects(system);
        assertEquals(subjects.stream().sorted().toList(), subjects);
    }
}
