package capcert.conformance;

import capcert.testing.TestCa;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates and CRLs for the conformance cases, with the defaults x509-limbo's builder uses
 * (EC P-256 keys, SHA-256 signatures, validity from 1970 to 2969, SKI everywhere, AKI below the
 * root, KU and EKU as a web PKI would have them, SAN example.com), assembled field by field so that
 * any field can be made wrong: an empty issuer, two extensions with one OID, a signature algorithm
 * that differs inside and outside, a version 1 certificate with extensions...
 */
final class Pki {

    static final Provider BC = new BouncyCastleProvider();
    static final Instant EPOCH = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant FAR = Instant.parse("2969-05-02T00:00:00Z");
    private static final AtomicLong SERIALS = new AtomicLong(0x2000);
    private static final KeyPair SHARED_EC = TestCa.ec("secp256r1");

    /** A certificate, its key pair and its subject. */
    record Issued(byte[] der, KeyPair keys, X500Name subject, SubjectPublicKeyInfo spki) {
        byte[] ski() {
            return keyId(spki);
        }
    }

    /** One extension as encoded. */
    record Ext(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
    }

    private Pki() {
    }

    static KeyPair ec() {
        return TestCa.ec("secp256r1");
    }

    /** One shared key, for cases that need many certificates whose keys do not matter. */
    static KeyPair sharedEc() {
        return SHARED_EC;
    }

    static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm, BC).generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] keyId(SubjectPublicKeyInfo spki) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X500Name name(String dn) {
        return new X500Name(dn);
    }

    static Builder root(String cn) {
        return new Builder().subject("CN=" + cn).ca(true, -1).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .dns("example.com").ski();
    }

    static Builder intermediate(Issued parent, String cn) {
        return new Builder().issuer(parent).subject("CN=" + cn).ca(true, -1).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                .ski().aki();
    }

    static Builder leaf(Issued parent) {
        return new Builder().issuer(parent).subject("CN=example.com").ski().aki().keyUsage(KeyUsage.digitalSignature)
                .eku(KeyPurposeId.id_kp_serverAuth).dns("example.com");
    }

    /** A certificate, built field by field; every field can be made wrong. */
    static final class Builder {
        private X500Name subject = name("CN=x");
        private X500Name issuerName;
        private Issued issuer;
        private KeyPair keys;
        private KeyPair signer;
        private BigInteger serial;
        private Instant notBefore = EPOCH;
        private Instant notAfter = FAR;
        private int version = 3;
        private String signature;
        private AlgorithmIdentifier innerAlgorithm;
        private final List<Ext> extensions = new ArrayList<>();
        private final List<GeneralName> sans = new ArrayList<>();
        private boolean sanCritical;
        private boolean akiRequested;
        private boolean skiRequested;
        private SubjectPublicKeyInfo spkiOverride;

        Builder subject(String dn) {
            subject = name(dn);
            return this;
        }

        Builder subject(X500Name value) {
            subject = value;
            return this;
        }

        Builder issuer(Issued parent) {
            issuer = parent;
            return this;
        }

        /** The issuer name written, whoever signs. */
        Builder issuerName(X500Name value) {
            issuerName = value;
            return this;
        }

        Builder keys(KeyPair value) {
            keys = value;
            return this;
        }

        /** Signed with this key rather than the issuer's. */
        Builder signer(KeyPair value) {
            signer = value;
            return this;
        }

        Builder serial(BigInteger value) {
            serial = value;
            return this;
        }

        Builder validity(Instant from, Instant to) {
            notBefore = from;
            notAfter = to;
            return this;
        }

        Builder version(int value) {
            version = value;
            return this;
        }

        /** A JCA signature algorithm name, e.g. SHA256withRSAandMGF1. */
        Builder signature(String algorithm) {
            signature = algorithm;
            return this;
        }

        /** The algorithm written inside the signed part, when it is to differ from the one outside. */
        Builder innerAlgorithm(AlgorithmIdentifier value) {
            innerAlgorithm = value;
            return this;
        }

        Builder spki(SubjectPublicKeyInfo value) {
            spkiOverride = value;
            return this;
        }

        Builder ca(boolean ca, int pathLen) {
            return basicConstraints(ca, pathLen, true);
        }

        Builder basicConstraints(boolean ca, int pathLen, boolean critical) {
            remove(Extension.basicConstraints);
            return ext(Extension.basicConstraints, critical, ca && pathLen >= 0 ? new BasicConstraints(pathLen) : new BasicConstraints(ca));
        }

        Builder keyUsage(int bits) {
            return keyUsage(bits, false);
        }

        Builder keyUsage(int bits, boolean critical) {
            remove(Extension.keyUsage);
            return ext(Extension.keyUsage, critical, new KeyUsage(bits));
        }

        Builder eku(KeyPurposeId... purposes) {
            return eku(false, purposes);
        }

        Builder eku(boolean critical, KeyPurposeId... purposes) {
            remove(Extension.extendedKeyUsage);
            return ext(Extension.extendedKeyUsage, critical, new ExtendedKeyUsage(purposes));
        }

        Builder noEku() {
            return remove(Extension.extendedKeyUsage);
        }

        Builder noKeyUsage() {
            return remove(Extension.keyUsage);
        }

        Builder noBasicConstraints() {
            return remove(Extension.basicConstraints);
        }

        Builder dns(String... names) {
            sans.clear();
            for (String n : names) sans.add(new GeneralName(GeneralName.dNSName, n));
            return this;
        }

        Builder san(GeneralName... names) {
            sans.clear();
            sans.addAll(List.of(names));
            return this;
        }

        Builder sanCritical() {
            sanCritical = true;
            return this;
        }

        Builder noSan() {
            sans.clear();
            return this;
        }

        Builder ski() {
            skiRequested = true;
            return this;
        }

        Builder noSki() {
            skiRequested = false;
            return this;
        }

        Builder aki() {
            akiRequested = true;
            return this;
        }

        Builder noAki() {
            akiRequested = false;
            return this;
        }

        Builder nameConstraints(List<GeneralName> permitted, List<GeneralName> excluded, boolean critical) {
            GeneralSubtree[] p = permitted == null ? null : permitted.stream().map(GeneralSubtree::new).toArray(GeneralSubtree[]::new);
            GeneralSubtree[] x = excluded == null ? null : excluded.stream().map(GeneralSubtree::new).toArray(GeneralSubtree[]::new);
            return ext(Extension.nameConstraints, critical, new NameConstraints(p, x));
        }

        Builder ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
            try {
                extensions.add(new Ext(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Builder raw(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
            extensions.add(new Ext(oid, critical, value));
            return this;
        }

        Builder remove(ASN1ObjectIdentifier oid) {
            extensions.removeIf(e -> e.oid().equals(oid));
            return this;
        }

        Issued build() {
            try {
                KeyPair own = keys != null ? keys : ec();
                KeyPair signing = signer != null ? signer : issuer != null ? issuer.keys() : own;
                SubjectPublicKeyInfo spki = spkiOverride != null ? spkiOverride : SubjectPublicKeyInfo.getInstance(own.getPublic().getEncoded());
                X500Name issuerDn = issuerName != null ? issuerName : issuer != null ? issuer.subject() : subject;
                List<Ext> all = new ArrayList<>();
                if (skiRequested) all.add(encoded(Extension.subjectKeyIdentifier, false, new DEROctetString(keyId(spki))));
                if (akiRequested) {
                    SubjectPublicKeyInfo issuerSpki = issuer != null ? issuer.spki() : spki;
                    all.add(encoded(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId(issuerSpki))));
                }
                all.addAll(extensions);
                if (!sans.isEmpty()) {
                    all.add(encoded(Extension.subjectAlternativeName, sanCritical, new GeneralNames(sans.toArray(GeneralName[]::new))));
                }
                ContentSigner contentSigner = new JcaContentSignerBuilder(signature != null ? signature : defaultSignature(signing))
                        .setProvider(BC).build(signing.getPrivate());
                ASN1EncodableVector tbs = new ASN1EncodableVector();
                if (version != 1) tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(version - 1)));
                tbs.add(new ASN1Integer(serial != null ? serial : BigInteger.valueOf(SERIALS.incrementAndGet())));
                tbs.add(innerAlgorithm != null ? innerAlgorithm : contentSigner.getAlgorithmIdentifier());
                tbs.add(issuerDn);
                tbs.add(new DERSequence(new ASN1Encodable[] {new Time(Date.from(notBefore)), new Time(Date.from(notAfter))}));
                tbs.add(subject);
                tbs.add(spki);
                if (!all.isEmpty()) {
                    ASN1EncodableVector exts = new ASN1EncodableVector();
                    for (Ext e : all) {
                        ASN1EncodableVector one = new ASN1EncodableVector();
                        one.add(e.oid());
                        if (e.critical()) one.add(ASN1Boolean.TRUE);
                        one.add(new DEROctetString(e.value()));
                        exts.add(new DERSequence(one));
                    }
                    tbs.add(new DERTaggedObject(true, 3, new DERSequence(exts)));
                }
                byte[] signed = new DERSequence(tbs).getEncoded(ASN1Encoding.DER);
                try (OutputStream out = contentSigner.getOutputStream()) {
                    out.write(signed);
                }
                byte[] signatureValue = contentSigner.getSignature();
                ASN1EncodableVector cert = new ASN1EncodableVector();
                cert.add(ASN1Sequence.getInstance(signed));
                cert.add(contentSigner.getAlgorithmIdentifier());
                cert.add(new DERBitString(signatureValue));
                return new Issued(new DERSequence(cert).getEncoded(ASN1Encoding.DER), own, subject, spki);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build " + subject, e);
            }
        }

        private static Ext encoded(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) throws java.io.IOException {
            return new Ext(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        }
    }

    static String defaultSignature(KeyPair signer) {
        return switch (signer.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "DSA" -> "SHA256withDSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519" -> "Ed25519";
            default -> signer.getPublic().getAlgorithm();
        };
    }

    static CRLNumber crlNumber(long n) {
        return new CRLNumber(BigInteger.valueOf(n));
    }
}
