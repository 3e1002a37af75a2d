package capcert.trust;

import capcert.testing.TestCa;
import capcert.testing.TestPki;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;

import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/** Trust-list files in every format, written by the APIs that make them in real life. */
final class TrustFiles {

    static final char[] PASSWORD = "changeit".toCharArray();

    private TrustFiles() {
    }

    /** A degenerate (certificates-only) PKCS#7 SignedData, as Windows exports a .p7b. */
    static byte[] p7b(List<byte[]> ders) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(ders.stream().map(TestCa::x509).toList()));
        return generator.generate(new CMSAbsentContent(), false).getEncoded();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * A keystore of {@code type} (JKS, JCEKS, PKCS12) holding {@code trusted} as trusted-certificate
     * entries {@code ca-1}, {@code ca-2}... and, when {@code keyEntry} is given, its leaf's key with the chain.
     */
    static byte[] keyStore(String type, List<byte[]> trusted, TestPki.Chain keyEntry) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < trusted.size(); i++) store.setCertificateEntry("ca-" + (i + 1), TestCa.x509(trusted.get(i)));
        if (keyEntry != null) {
            store.setKeyEntry("server", keyEntry.leaf().keys().getPrivate(), PASSWORD,
                    keyEntry.sent().stream().map(TestCa::x509).toArray(Certificate[]::new));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }

    static List<String> subjects(List<byte[]> certificates) {
        return certificates.stream().map(c -> capcert.testing.Parsed.certificate(c).subject().rfc2253()).toList();
    }

    static List<String> subjects(TrustList list) {
        return list.certificates().stream().map(t -> t.parsed().subject().rfc2253()).toList();
    }
}
