package capcert.ui;

import capcert.export.CertificateFiles;
import capcert.export.CertificateFormat;
import capcert.testing.TestPki;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static capcert.testing.TestCaptures.chain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainExportsTest {

    private static final TestPki.Chain PKI = TestPki.server();

    private static List<byte[]> read(byte[] pem) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(ChainExportsTest::encoded).toList();
    }

    private static byte[] encoded(Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void certificateIsTheDerAsSentOrItsPem() {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), PKI.intermediate().der()));
        ChainLayout.Certificate leaf = layout.path().get(0);

        assertArrayEquals(PKI.leaf().der(), ChainExports.certificate(leaf, CertificateFormat.DER));
        assertEquals(CertificateFiles.pem(PKI.leaf().der()),
                new String(ChainExports.certificate(leaf, CertificateFormat.PEM), StandardCharsets.US_ASCII));
        assertTrue(ChainExports.certificateName(leaf, CertificateFormat.DER).endsWith("_server.capcert.test.cer"));
    }

    @Test
    void chainIsEveryCertificateInTheOrderSent() throws Exception {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), PKI.root().der(), PKI.intermediate().der()));

        List<byte[]> read = read(ChainExports.chain(layout));

        assertEquals(3, read.size());
        assertArrayEquals(PKI.leaf().der(), read.get(0));
        assertArrayEquals(PKI.root().der(), read.get(1));
        assertArrayEquals(PKI.intermediate().der(), read.get(2));
    }

    @Test
    void caBundleHoldsTheAuthoritiesRootFirstAndNotTheLeaf() throws Exception {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), PKI.intermediate().der(), PKI.root().der()));

        List<byte[]> read = read(ChainExports.caBundle(layout).orElseThrow());

        assertEquals(2, read.size());
        assertArrayEquals(PKI.root().der(), read.get(0));
        assertArrayEquals(PKI.intermediate().der(), read.get(1));
        assertTrue(read.stream().noneMatch(d -> Arrays.equals(d, PKI.leaf().der())));
    }

    @Test
    void leafAloneHasNoCaBundle() {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der()));

        assertEquals(Optional.empty(), ChainExports.caBundle(layout));
    }
}
