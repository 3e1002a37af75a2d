package capcert.testing;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Certificate files as users have them — PEM bundles, PKCS#7, CRLs — made from test certificates. */
public final class PkiFileBytes {

    private PkiFileBytes() {
    }

    /** PEM blocks of {@code label}, one per DER, 64 columns. */
    public static String pem(String label, byte[]... ders) {
        StringBuilder out = new StringBuilder();
        for (byte[] der : ders) {
            out.append("-----BEGIN ").append(label).append("-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der))
                    .append("\n-----END ").append(label).append("-----\n");
        }
        return out.toString();
    }

    public static String pem(byte[]... certificates) {
        return pem("CERTIFICATE", certificates);
    }

    /** A certificates-only PKCS#7 SignedData in DER, as Windows and CAs export {@code .p7b} files. */
    public static byte[] p7b(byte[]... certificates) {
        try {
            List<X509CertificateHolder> holders = new ArrayList<>();
            for (byte[] der : certificates) holders.add(new X509CertificateHolder(der));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(holders));
            return generator.generate(new CMSAbsentContent(), false).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL in DER issued by {@code issuer}, revoking {@code serial}. */
    public static byte[] crl(TestPki.Issued issuer, long serial) {
        try {
            Date now = new Date(TestCertificates.NOT_BEFORE.toEpochMilli());
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer.subject(), now);
            builder.addCRLEntry(BigInteger.valueOf(serial), now, CRLReason.keyCompromise);
            String algorithm = issuer.keys().getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.keys().getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
