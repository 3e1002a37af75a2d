package capcert.ui;

import capcert.x509.CertificateFields;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateFieldsTest {

    private static Map<String, String> fields(byte[] der) {
        Map<String, String> map = new LinkedHashMap<>();
        for (CertificateFields.Field f : CertificateFields.of(der)) map.put(f.name(), f.value());
        return map;
    }

    /** Values as `openssl x509 -text -fingerprint` prints them for the shipped server certificate. */
    @Test
    void shippedServerCertificateMatchesOpenSsl() throws Exception {
        byte[] der = ShippedPki.der("server.crt");
        Map<String, String> f = fields(der);

        assertEquals("CN=server.capcert.test,OU=Test Servers,O=capcert", f.get("Subject"));
        assertEquals("CN=capcert Test Intermediate CA,OU=Test PKI,O=capcert", f.get("Issuer"));
        assertEquals("30:01 (12289)", f.get("Serial number"));
        assertEquals("v3", f.get("Version"));
        assertEquals("2025-01-01 00:00:00 UTC", f.get("Valid from"));
        assertEquals("2049-12-31 23:59:59 UTC", f.get("Valid until"));
        assertEquals("DNS:server.capcert.test\nDNS:collab-edge.capcert.test", f.get("Subject alternative names"));
        assertEquals("RSA 2048 bits", f.get("Public key"));
        assertTrue(f.get("Signature algorithm").startsWith("SHA256WITHRSA"), f.get("Signature algorithm"));
        assertEquals("Digital Signature, Key Encipherment (critical)", f.get("Key usage"));
        assertEquals("TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)\nTLS Web Client Authentication (1.3.6.1.5.5.7.3.2)",
                f.get("Extended key usage"));
        assertEquals("CA: no (critical)", f.get("Basic constraints"));
        assertEquals("02:64:46:0E:D9:CD:04:54:83:78:30:D1:2E:94:74:6A:F7:9A:C4:90", f.get("Subject key identifier"));
        assertEquals("F2:8B:68:85:82:E4:84:0A:64:DC:74:2E:83:71:0D:42:A0:7B:EC:C2", f.get("Authority key identifier"));
        assertEquals(CertificateFields.ABSENT, f.get("CRL distribution points"));
        assertEquals(CertificateFields.ABSENT, f.get("OCSP responders"));
        assertEquals("53:8F:97:70:34:78:7B:29:4A:F9:C3:44:03:44:7B:1B:87:42:1C:69", f.get("SHA-1 fingerprint"));
        assertEquals(CertificateFields.colons(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der))),
                f.get("SHA-256 fingerprint"));
    }

    @Test
    void intermediateShowsItsPathLengthAndItsKeyIdLinksToTheLeaf() {
        Map<String, String> intermediate = fields(ShippedPki.der("intermediate-ca.crt"));
        Map<String, String> leaf = fields(ShippedPki.der("server.crt"));

        assertEquals("CA: yes, path length 0 (critical)", intermediate.get("Basic constraints"));
        assertEquals("Certificate Sign, CRL Sign (critical)", intermediate.get("Key usage"));
        assertEquals(CertificateFields.ABSENT, intermediate.get("Extended key usage"));
        assertEquals(leaf.get("Authority key identifier"), intermediate.get("Subject key identifier"));
    }

    @Test
    void revocationLocationsAndUnknownExtensionsAreListed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=revocable.example");
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(Instant.parse("2024-01-01T00:00:00Z")), Date.from(Instant.parse("2030-01-01T00:00:00Z")), name,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example/ca.crl"))), null, null)}));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.example")),
                new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example/ca.cer"))}));
        builder.addExtension(Extension.inhibitAnyPolicy, true, new org.bouncycastle.asn1.ASN1Integer(0));
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();

        Map<String, String> f = fields(der);

        assertEquals("URI:http://crl.example/ca.crl", f.get("CRL distribution points"));
        assertEquals("URI:http://ocsp.example", f.get("OCSP responders"));
        assertEquals("URI:http://ca.example/ca.cer", f.get("CA issuers"));
        assertEquals("EC P-256 (1.2.840.10045.3.1.7)", f.get("Public key"));
        assertEquals("CA: yes, no path length limit (critical)", f.get("Basic constraints"));
        assertEquals(Extension.inhibitAnyPolicy.getId() + " (critical)", f.get("Other extensions"));
        assertEquals(CertificateFields.ABSENT, f.get("Key usage"));
        assertTrue(CertificateFields.isCertificateAuthority(der));
        assertFalse(CertificateFields.isCertificateAuthority(ShippedPki.der("server.crt")));
    }

    @Test
    void bytesThatAreNoCertificateStillHaveFingerprintsAndAReason() {
        byte[] junk = {0x30, 0x03, 0x02, 0x01, 0x05};
        List<CertificateFields.Field> fields = CertificateFields.of(junk);
        Map<String, String> f = fields(junk);

        assertEquals("Error", fields.get(0).name());
        assertFalse(f.get("Error").isBlank());
        assertEquals("5 bytes", f.get("Length"));
        assertTrue(f.containsKey("SHA-1 fingerprint"));
        assertTrue(f.containsKey("SHA-256 fingerprint"));
        assertFalse(CertificateFields.isCertificateAuthority(junk));
    }
}
