package capcert.ui;

import capcert.export.CertificateFiles;
import capcert.trust.TrustList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustFilesTest {

    @TempDir
    Path dir;

    @Test
    void pemBundleIsOneTrustListInFileOrder() throws Exception {
        Path bundle = dir.resolve("expressway-c.pem");
        Files.writeString(bundle, CertificateFiles.pemBundle(List.of(ShippedPki.der("root-ca.crt"), ShippedPki.der("other-root-ca.crt"))));

        TrustList list = TrustFiles.load(bundle);

        assertEquals(2, list.certificates().size());
        assertArrayEquals(ShippedPki.der("root-ca.crt"), list.certificates().get(0).der());
        assertEquals(bundle + " #2", list.certificates().get(1).source());
    }

    @Test
    void derFileIsReadToo() throws Exception {
        Path der = dir.resolve("root.cer");
        Files.write(der, ShippedPki.der("root-ca.crt"));

        assertEquals(1, TrustFiles.load(der).certificates().size());
    }

    @Test
    void fileWithoutCertificatesIsAnErrorNamingIt() throws Exception {
        Path empty = dir.resolve("notes.txt");
        Files.writeString(empty, "not a certificate\n");

        IOException e = assertThrows(IOException.class, () -> TrustFiles.load(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
        assertThrows(IOException.class, () -> TrustFiles.load(dir.resolve("missing.pem")));
    }
}
