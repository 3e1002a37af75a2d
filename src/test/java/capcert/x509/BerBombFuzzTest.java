package capcert.x509;

import capcert.testing.HostileInputs;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two shapes of certificate bomb, grown by the fuzzer: nesting (definite or indefinite lengths,
 * as deep as it likes, around bytes of its own) and extensions of countless entries. Decoding never
 * throws nor overflows the stack (as a certificate or as a CRL), a bomb is refused by its bound, and no
 * more than the cap of entries is decoded.
 */
class BerBombFuzzTest {

    private static final ASN1ObjectIdentifier[] LISTS = {Extension.subjectAlternativeName, Extension.cRLDistributionPoints,
            Extension.certificatePolicies, Extension.extendedKeyUsage, Extension.nameConstraints, Extension.authorityInfoAccess};

    @FuzzTest(maxDuration = "30s")
    void nestingAndExtensionBombs(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            nesting(data);
        } else {
            extension(data);
        }
    }

    private static void nesting(FuzzedDataProvider data) {
        int depth = data.consumeInt(0, 200_000);
        boolean indefinite = data.consumeBoolean();
        byte[] inside = data.consumeRemainingAsBytes();
        byte[] bomb = indefinite ? HostileInputs.indefiniteNesting(depth, inside) : HostileInputs.definiteNesting(depth, inside);
        byte[] certificate = HostileInputs.tlv(0x30, HostileInputs.concat(bomb, HostileInputs.tlv(0x30, new byte[0]),
                HostileInputs.tlv(0x03, new byte[] {0})));
        CertificateDetails details = CertificateDetails.decode(certificate);
        assertEquals(64, details.sha256().length());
        if (depth > BerBounds.MAX_DEPTH) {
            assertTrue(BerBounds.exceeded(certificate).isPresent(), depth + " levels");
            assertTrue(details.parseError().orElse("").startsWith("not decoded: "), details.parseError().toString());
        }
        CertificateFields.of(certificate);
        try {
            ParsedCrl.parse(certificate); // a CRL's outline is a certificate's: the same walk and decoder
        } catch (ParsedCertificate.NotACertificate expected) {
            // the bytes are no CRL, or out of bounds: said, not thrown further
        }
    }

    private static void extension(FuzzedDataProvider data) {
        ASN1ObjectIdentifier oid = LISTS[data.consumeInt(0, LISTS.length - 1)];
        int entries = data.consumeInt(0, 40_000);
        byte[] entry = data.consumeBytes(40);
        byte[] repeated = new byte[entries * entry.length];
        for (int i = 0; i < entries; i++) System.arraycopy(entry, 0, repeated, i * entry.length, entry.length);
        byte[] certificate = certificate(oid, HostileInputs.tlv(0x30, repeated));
        CertificateDetails details = CertificateDetails.decode(certificate);
        assertTrue(details.subjectAltNames().size() <= EntriesCut.MAX_ENTRIES, details.subjectAltNames().size() + " SANs");
        int counted = EntriesCut.entries(HostileInputs.tlv(0x30, repeated));
        if (counted > EntriesCut.MAX_ENTRIES && details.parseError().isEmpty()) {
            assertEquals(counted, details.entriesCut().orElseThrow().entries());
        }
        CertificateFields.of(certificate);
    }

    /** A certificate, badly signed, with one extension of {@code value}. */
    private static byte[] certificate(ASN1ObjectIdentifier oid, byte[] value) {
        try {
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(1));
            tbs.setSignature(algorithm);
            tbs.setIssuer(new X500Name("CN=fuzz"));
            tbs.setSubject(new X500Name("CN=fuzz"));
            tbs.setStartDate(new Time(new Date(0)));
            tbs.setEndDate(new Time(new Date(0)));
            tbs.setSubjectPublicKeyInfo(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    X9ObjectIdentifiers.prime256v1), new byte[65]));
            tbs.setExtensions(new Extensions(new Extension(oid, false, value)));
            return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {tbs.generateTBSCertificate(), algorithm,
                    new DERBitString(new byte[8])}).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
