package capcert.conformance;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 5280 path cases: validity, basic constraints and path length, key identifiers, critical and
 * malformed extensions, encodings the JDK refuses, path building (cycles, cross-signs, many
 * candidates), depth limits, signature algorithms, the CVEs of path building.
 */
final class PathCases {

    private static final Instant T2016 = Instant.parse("2016-01-01T00:00:00Z");
    private static final Instant T2018 = Instant.parse("2018-01-01T00:00:00Z");
    private static final Instant T2020 = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant T2021 = Instant.parse("2021-01-01T00:00:00Z");
    private static final Instant T2022 = Instant.parse("2022-01-01T00:00:00Z");
    private static final Instant T2023 = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant T2026 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ASN1ObjectIdentifier UNKNOWN = new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.1");

    private PathCases() {
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        basics(out);
        validity(out);
        constraints(out);
        keyIdentifiers(out);
        extensions(out);
        encodings(out);
        building(out);
        algorithms(out);
        return out;
    }

    private static void basics(List<Case> out) {
        Pki.Issued root = Pki.root("root").build();
        Pki.Issued ica = Pki.intermediate(root, "ica").build();
        out.add(Case.of("rfc5280::root-leaf", "a leaf issued by a trusted root").trusted(root)
                .peer(Pki.leaf(root).build()).succeeds());
        out.add(Case.of("rfc5280::root-ica-leaf", "root, intermediate, leaf").trusted(root).untrusted(ica)
                .peer(Pki.leaf(ica).build()).succeeds());
        out.add(Case.of("rfc5280::missing-intermediate", "the intermediate is not given").trusted(root)
                .peer(Pki.leaf(ica).build()).fails());
        Pki.Issued other = Pki.root("unrelated-root").build();
        out.add(Case.of("rfc5280::chain-untrusted-root", "the root is among the untrusted, another is trusted")
                .trusted(other).untrusted(root, ica).peer(Pki.leaf(ica).build()).fails());
        out.add(Case.of("rfc5280::root-and-intermediate-swapped", "the intermediate is trusted, the root untrusted")
                .trusted(ica).untrusted(root).peer(Pki.leaf(ica).build()).succeeds());
        out.add(Case.of("rfc5280::leaf-trusted-itself", "the peer's own certificate is the trusted one")
                .trusted(Pki.leaf(root).build()).peer(Pki.leaf(root).build()).fails());
        Pki.Issued selfSigned = Pki.root("example.com").keyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature).build();
        out.add(Case.of("rfc5280::self-signed-peer-trusted", "a self-signed certificate trusted as it is")
                .trusted(selfSigned).peer(selfSigned).succeeds());
        Pki.Issued caLeaf = Pki.intermediate(root, "ca").dns("ca.example.com").build();
        out.add(Case.of("rfc5280::ca-as-leaf", "a CA certificate in the leaf position").trusted(root).peer(caLeaf)
                .names("ca.example.com").succeeds());
        out.add(Case.of("rfc5280::ca-as-leaf-wrong-san", "a CA certificate as leaf, asked for another name").trusted(root)
                .peer(caLeaf).names("some-other-ca.example.com").fails());
        out.add(Case.of("rfc5280::no-keyusage", "a leaf without key usage").trusted(root)
                .peer(Pki.leaf(root).noKeyUsage().build()).succeeds());
        out.add(Case.of("rfc5280::no-basicconstraints", "a leaf without basic constraints").trusted(root)
                .peer(Pki.leaf(root).build()).succeeds());
        out.add(Case.of("rfc5280::ee-without-eku", "no EKU is allowed under RFC 5280").trusted(root)
                .peer(Pki.leaf(root).noEku().build()).succeeds());
        out.add(Case.of("rfc5280::ee-wrong-eku", "clientAuth only, serverAuth required").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_clientAuth).build()).eku("serverAuth").fails());
        Pki.Issued ica0 = Pki.intermediate(root, "client-ica").ca(true, 0).build();
        out.add(Case.of("rfc5280::client-validation", "a client's certificate with a serverAuth EKU, no EKU required")
                .trusted(root).untrusted(ica0).peer(Pki.leaf(ica0).build()).client().names().succeeds());
        out.add(Case.of("rfc5280::client-validation-clientauth-required", "clientAuth required of a serverAuth-only leaf")
                .trusted(root).untrusted(ica0).peer(Pki.leaf(ica0).build()).client().names().eku("clientAuth").fails());
    }

    private static void validity(List<Case> out) {
        Pki.Issued root = Pki.root("root").validity(T2016, T2020).build();
        Pki.Issued ica = Pki.intermediate(root, "ica").validity(T2016, T2026).build();
        out.add(Case.of("rfc5280::validity::expired-root", "only the root is expired").trusted(root).untrusted(ica)
                .peer(Pki.leaf(ica).validity(T2018, T2023).build()).time(T2022).fails());
        Pki.Issued root2 = Pki.root("root").validity(T2016, T2026).build();
        Pki.Issued expiredIca = Pki.intermediate(root2, "ica").validity(T2016, T2020).build();
        out.add(Case.of("rfc5280::validity::expired-intermediate", "only the intermediate is expired").trusted(root2)
                .untrusted(expiredIca).peer(Pki.leaf(expiredIca).validity(T2018, T2023).build()).time(T2022).fails());
        Pki.Issued ica2 = Pki.intermediate(root2, "ica").validity(T2016, T2026).build();
        out.add(Case.of("rfc5280::validity::expired-leaf", "only the leaf is expired").trusted(root2).untrusted(ica2)
                .peer(Pki.leaf(ica2).validity(T2018, T2021).build()).time(T2022).fails());
        out.add(Case.of("rfc5280::validity::leaf-not-yet-valid", "the leaf becomes valid after the time checked")
                .trusted(root2).untrusted(ica2).peer(Pki.leaf(ica2).validity(T2023, T2026).build()).time(T2022).fails());
        Instant nb = Instant.parse("2024-03-01T00:00:00Z");
        Instant na = Instant.parse("2024-04-01T00:00:00Z");
        Pki.Issued r = Pki.root("root").validity(nb, na).build();
        Pki.Issued i = Pki.intermediate(r, "ica").validity(nb, na).build();
        out.add(Case.of("rfc5280::validity::notbefore-exact", "validated at exactly notBefore").trusted(r).untrusted(i)
                .peer(Pki.leaf(i).validity(nb, na).build()).time(nb).succeeds());
        out.add(Case.of("rfc5280::validity::notafter-exact", "validated at exactly notAfter").trusted(r).untrusted(i)
                .peer(Pki.leaf(i).validity(nb, na).build()).time(na).succeeds());
        out.add(Case.of("rfc5280::validity::notafter-fractional", "5 ms after notAfter: within its second").trusted(r).untrusted(i)
                .peer(Pki.leaf(i).validity(nb, na).build()).time(na.plusMillis(5)).succeeds());
        Instant nb1 = nb.plusSeconds(1);
        Pki.Issued r1 = Pki.root("root").validity(nb1, na).build();
        Pki.Issued i1 = Pki.intermediate(r1, "ica").validity(nb1, na).build();
        out.add(Case.of("rfc5280::validity::notbefore-fractional", "1 ms before notBefore").trusted(r1).untrusted(i1)
                .peer(Pki.leaf(i1).validity(nb1, na).build()).time(nb1.minusMillis(1)).fails());
    }

    private static void constraints(List<Case> out) {
        Pki.Issued root = Pki.root("root").build();
        Pki.Issued notCa = Pki.intermediate(root, "ica").basicConstraints(false, -1, true).build();
        out.add(Case.of("rfc5280::intermediate-ca-without-ca-bit", "the intermediate says cA FALSE").trusted(root)
                .untrusted(notCa).peer(Pki.leaf(notCa).build()).fails());
        Pki.Issued noBc = Pki.intermediate(root, "ica").noBasicConstraints().build();
        out.add(Case.of("rfc5280::intermediate-ca-missing-basic-constraints", "the intermediate has no basicConstraints")
                .trusted(root).untrusted(noBc).peer(Pki.leaf(noBc).build()).fails());
        Pki.Issued rootNoBc = Pki.root("root").noBasicConstraints().build();
        out.add(Case.of("rfc5280::root-missing-basic-constraints", "the root has no basicConstraints").trusted(rootNoBc)
                .peer(Pki.leaf(rootNoBc).build()).notPathOnly().fails());
        Pki.Issued rootNc = Pki.root("root").basicConstraints(true, -1, false).build();
        out.add(Case.of("rfc5280::root-non-critical-basic-constraints", "the root's basicConstraints are not critical")
                .trusted(rootNc).peer(Pki.leaf(rootNc).build()).notPathOnly().fails());
        Pki.Issued rootKu = Pki.root("root").keyUsage(KeyUsage.cRLSign).build();
        out.add(Case.of("rfc5280::root-inconsistent-ca-extensions", "cA TRUE without keyCertSign on the root").trusted(rootKu)
                .peer(Pki.leaf(rootKu).build()).notPathOnly().fails());
        Pki.Issued icaKu = Pki.intermediate(root, "ica").ca(true, 0).keyUsage(KeyUsage.digitalSignature).build();
        out.add(Case.of("rfc5280::ica-ku-keycertsign", "pathLen without keyCertSign on the intermediate").trusted(root)
                .untrusted(icaKu).peer(Pki.leaf(icaKu).build()).fails());
        out.add(Case.of("rfc5280::leaf-ku-keycertsign", "keyCertSign on a leaf with cA FALSE").trusted(root)
                .peer(Pki.leaf(root).basicConstraints(false, -1, true).keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign).build())
                .notPathOnly().fails());
        Pki.Issued p0 = Pki.intermediate(root, "p0").ca(true, 0).build();
        Pki.Issued p1 = Pki.intermediate(root, "p1").ca(true, 1).build();
        Pki.Issued p2 = Pki.intermediate(root, "p2").ca(true, 2).build();
        out.add(Case.of("pathlen::ee-with-intermediate-pathlen-0", "pathLen 0 then a leaf").trusted(root).untrusted(p0)
                .peer(Pki.leaf(p0).build()).succeeds());
        out.add(Case.of("pathlen::ee-with-intermediate-pathlen-1", "pathLen 1 then a leaf").trusted(root).untrusted(p1)
                .peer(Pki.leaf(p1).build()).succeeds());
        out.add(Case.of("pathlen::ee-with-intermediate-pathlen-2", "pathLen 2 then a leaf").trusted(root).untrusted(p2)
                .peer(Pki.leaf(p2).build()).succeeds());
        Pki.Issued p0b = Pki.intermediate(p0, "p0b").ca(true, 0).dns("example.com").build();
        out.add(Case.of("pathlen::validation-ignores-pathlen-in-leaf", "a pathLen 0 CA as the leaf below a pathLen 0 CA")
                .trusted(root).untrusted(p0).peer(p0b).succeeds());
        Pki.Issued p0c = Pki.intermediate(p0, "p0c").ca(true, 0).build();
        out.add(Case.of("pathlen::intermediate-violates-pathlen-0", "a CA below a pathLen 0 CA").trusted(root)
                .untrusted(p0, p0c).peer(Pki.leaf(p0c).build()).fails());
        Pki.Issued p2b = Pki.intermediate(p1, "p2b").ca(true, 2).build();
        out.add(Case.of("pathlen::intermediate-pathlen-may-increase", "pathLen 1 then pathLen 2").trusted(root)
                .untrusted(p1, p2b).peer(Pki.leaf(p2b).build()).succeeds());
        Pki.Issued q0 = Pki.intermediate(p1, "q0").ca(true, 0).build();
        Pki.Issued q0b = Pki.intermediate(q0, "q0b").ca(true, 0).build();
        out.add(Case.of("pathlen::intermediate-pathlen-too-long", "pathLen 1, 0, then another CA").trusted(root)
                .untrusted(p1, q0, q0b).peer(Pki.leaf(q0b).build()).fails());
        Pki.Issued selfIssued = Pki.intermediate(p1, "p1").subject(p1.subject()).ca(true, 1).build();
        Pki.Issued below = Pki.intermediate(selfIssued, "below").ca(true, 0).build();
        out.add(Case.of("pathlen::self-issued-certs-pathlen", "a self-issued CA does not count against pathLen")
                .trusted(root).untrusted(p1, selfIssued, below).peer(Pki.leaf(below).build()).succeeds());
        Pki.Issued rootP0 = Pki.root("root-pathlen-0").ca(true, 0).build();
        Pki.Issued under = Pki.intermediate(rootP0, "under").build();
        out.add(Case.of("pathlen::anchor-pathlen-0", "the trusted root allows no intermediate").trusted(rootP0).untrusted(under)
                .peer(Pki.leaf(under).build()).fails());
        Pki.Issued v1ica = Pki.intermediate(root, "v1-ica").version(1).noSki().noAki().noBasicConstraints().noKeyUsage().build();
        out.add(Case.of("rfc5280::v1-intermediate", "a version 1 intermediate cannot say it is a CA").trusted(root)
                .untrusted(v1ica).peer(Pki.leaf(v1ica).build()).fails());
        Pki.Issued pc = Pki.intermediate(root, "ica").ext(Extension.policyConstraints, false,
                new PolicyConstraints(BigInteger.valueOf(3), null)).build();
        out.add(Case.of("rfc5280::pc::ica-noncritical-pc", "non-critical policyConstraints on an intermediate (a WARN: path"
                + " validation processes it, PKITS 4.8 has such CAs; x509-limbo expects a failure)").trusted(root).untrusted(pc)
                .peer(Pki.leaf(pc).build()).notPathOnly().succeeds());
        Pki.Issued pcRequire = Pki.intermediate(root, "ica").ext(Extension.policyConstraints, true,
                new PolicyConstraints(BigInteger.ZERO, null)).build();
        out.add(Case.of("rfc5280::pc::require-explicit-policy-without-policies", "requireExplicitPolicy 0 and no policy below")
                .trusted(root).untrusted(pcRequire).peer(Pki.leaf(pcRequire).build()).fails());
    }

    private static void keyIdentifiers(List<Case> out) {
        KeyPair k = Pki.ec();
        Pki.Issued criticalAki = Pki.root("root").keys(k).build();
        Pki.Issued rootCritAki = Pki.root("root").keys(k).ext(Extension.authorityKeyIdentifier, true,
                new AuthorityKeyIdentifier(criticalAki.ski())).build();
        out.add(Case.of("rfc5280::aki::critical-aki", "the root's AKI is critical").trusted(rootCritAki)
                .peer(Pki.leaf(rootCritAki).build()).notPathOnly().fails());
        Pki.Issued root = Pki.root("root").build();
        out.add(Case.of("rfc5280::aki::leaf-missing-aki", "the leaf has no AKI").trusted(root)
                .peer(Pki.leaf(root).noAki().build()).notPathOnly().fails());
        Pki.Issued icaNoAki = Pki.intermediate(root, "ica").ca(true, 0).noAki().build();
        out.add(Case.of("rfc5280::aki::intermediate-missing-aki", "the intermediate has no AKI").trusted(root)
                .untrusted(icaNoAki).peer(Pki.leaf(icaNoAki).build()).notPathOnly().fails());
        out.add(Case.of("rfc5280::aki::self-signed-root-missing-aki", "a self-signed root needs no AKI").trusted(root)
                .peer(Pki.leaf(root).build()).succeeds());
        Pki.Issued xsigner = Pki.root("xsigner").build();
        Pki.Issued crossRoot = Pki.intermediate(xsigner, "cross-root").ca(true, 0).noAki().build();
        out.add(Case.of("rfc5280::aki::cross-signed-root-missing-aki", "a trusted cross-signed CA without AKI")
                .trusted(crossRoot).peer(Pki.leaf(crossRoot).build()).notPathOnly().fails());
        Pki.Issued critSki = Pki.root("root").noSki().ext(Extension.subjectKeyIdentifier, true, new DEROctetString(new byte[20])).build();
        out.add(Case.of("rfc5280::ski::critical-ski", "the root's SKI is critical").trusted(critSki)
                .peer(Pki.leaf(critSki).noAki().ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(new byte[20])).build())
                .notPathOnly().fails());
        Pki.Issued noSki = Pki.root("root").noSki().build();
        out.add(Case.of("rfc5280::ski::root-missing-ski", "the root has no SKI").trusted(noSki)
                .peer(Pki.leaf(noSki).build()).notPathOnly().fails());
        Pki.Issued icaNoSki = Pki.intermediate(root, "ica").noSki().build();
        out.add(Case.of("rfc5280::ski::intermediate-missing-ski", "the intermediate has no SKI").trusted(root)
                .untrusted(icaNoSki).peer(Pki.leaf(icaNoSki).build()).notPathOnly().fails());
        Pki.Issued wrongAki = Pki.leaf(root).noAki().ext(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(new byte[] {1, 2, 3})).build();
        out.add(Case.of("rfc5280::aki::leaf-aki-mismatch", "the leaf's AKI names another key than the root's SKI")
                .trusted(root).peer(wrongAki).fails());
    }

    private static void extensions(List<Case> out) {
        Pki.Issued root = Pki.root("root").build();
        out.add(Case.of("rfc5280::unknown-critical-extension-ee", "an unknown critical extension in the leaf").trusted(root)
                .peer(Pki.leaf(root).raw(UNKNOWN, true, new byte[] {5, 0}).build()).fails());
        Pki.Issued rootCrit = Pki.root("root").raw(UNKNOWN, true, new byte[] {5, 0}).build();
        out.add(Case.of("rfc5280::unknown-critical-extension-root", "an unknown critical extension in the root")
                .trusted(rootCrit).peer(Pki.leaf(rootCrit).build()).fails());
        Pki.Issued icaCrit = Pki.intermediate(root, "ica").ca(true, 0).raw(UNKNOWN, true, new byte[] {5, 0}).build();
        out.add(Case.of("rfc5280::unknown-critical-extension-intermediate", "an unknown critical extension in the intermediate")
                .trusted(root).untrusted(icaCrit).peer(Pki.leaf(icaCrit).build()).fails());
        out.add(Case.of("rfc5280::unknown-noncritical-extension-ee", "an unknown non-critical extension is ignored").trusted(root)
                .peer(Pki.leaf(root).raw(UNKNOWN, false, new byte[] {5, 0}).build()).succeeds());
        AuthorityInformationAccess aia = new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.dNSName, "example.com")));
        out.add(Case.of("rfc5280::ee-aia", "a leaf with a CA Issuers AIA").trusted(root)
                .peer(Pki.leaf(root).ext(Extension.authorityInfoAccess, false, aia).build()).succeeds());
        out.add(Case.of("rfc5280::ee-critical-aia-invalid", "a critical AIA").trusted(root)
                .peer(Pki.leaf(root).ext(Extension.authorityInfoAccess, true, aia).build()).notPathOnly().fails());
        out.add(Case.of("rfc5280::duplicate-extensions", "two SAN extensions").trusted(root)
                .peer(Pki.leaf(root).noSan().ext(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "example.com")))
                        .ext(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "example.com"))).build())
                .notPathOnly().fails());
        out.add(Case.of("rfc5280::san::malformed", "a SAN whose value is ASCII, not DER").trusted(root)
                .peer(Pki.leaf(root).noSan().raw(Extension.subjectAlternativeName, false, "example.com".getBytes(StandardCharsets.US_ASCII)).build())
                .notPathOnly().fails());
        out.add(Case.of("rfc5280::san::noncritical-with-empty-subject", "empty subject, non-critical SAN").trusted(root)
                .peer(Pki.leaf(root).subject(new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0])).build())
                .notPathOnly().fails());
        out.add(Case.of("rfc5280::san::critical-with-empty-subject", "empty subject, critical SAN").trusted(root)
                .peer(Pki.leaf(root).subject(new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0])).sanCritical().build())
                .succeeds());
        Pki.Issued emptySubjectRoot = Pki.root("x").subject(new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0])).build();
        out.add(Case.of("rfc5280::ca-empty-subject", "a root CA with an empty subject").trusted(emptySubjectRoot)
                .peer(Pki.leaf(emptySubjectRoot).build()).notPathOnly().fails());
        out.add(Case.of("rfc5280::serial::too-long", "a 22-octet serial number").trusted(root)
                .peer(Pki.leaf(root).serial(new BigInteger(1, new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21})).build())
                .notPathOnly().fails());
        out.add(Case.of("rfc5280::serial::zero", "serial number 0, which RFC 5280 forbids (a positive integer)")
                .trusted(root).peer(Pki.leaf(root).serial(BigInteger.ZERO).build()).notPathOnly().fails());
        out.add(Case.of("rfc5280::serial::negative", "a negative serial number, refused as Go 1.23 and pyca refuse it").trusted(root)
                .peer(Pki.leaf(root).serial(BigInteger.valueOf(-42)).build()).notPathOnly().fails());
        out.add(Case.of("rfc5280::nc::not-allowed-in-ee-critical", "name constraints in a leaf").trusted(root)
                .peer(Pki.leaf(root).nameConstraints(List.of(new GeneralName(GeneralName.dNSName, "example.com")), null, true).build())
                .notPathOnly().fails());
        out.add(Case.of("rfc5280::nc::not-allowed-in-ee-noncritical", "non-critical name constraints in a leaf").trusted(root)
                .peer(Pki.leaf(root).nameConstraints(List.of(new GeneralName(GeneralName.dNSName, "example.com")), null, false).build())
                .notPathOnly().fails());
    }

    private static void encodings(List<Case> out) {
        Pki.Issued root = Pki.root("root").build();
        out.add(Case.of("rfc5280::ee-empty-issuer", "the leaf's issuer name is empty").trusted(root)
                .peer(Pki.leaf(root).issuerName(new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0]))
                        .subject("CN=empty-issuer").build()).fails());
        out.add(Case.of("rfc5280::mismatching-signature-algorithm", "ecdsa-with-SHA384 inside, SHA256 outside").trusted(root)
                .peer(Pki.leaf(root).innerAlgorithm(new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384)).build())
                .notPathOnly().fails());
        X9ECParameters p256 = ECNamedCurveTable.getByName("P-256");
        KeyPair explicitKey = Pki.ec();
        SubjectPublicKeyInfo named = SubjectPublicKeyInfo.getInstance(explicitKey.getPublic().getEncoded());
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                new org.bouncycastle.asn1.x9.X962Parameters(p256)), named.getPublicKeyData().getBytes());
        Pki.Issued explicitCa = Pki.root("explicit-curve-ca").keys(explicitKey).spki(explicit).build();
        out.add(Case.of("rfc5280::explicit-curve-root", "the root's EC key has explicit curve parameters").trusted(explicitCa)
                .peer(Pki.leaf(explicitCa).build()).notPathOnly().fails());
        Pki.Issued explicitLeaf = Pki.leaf(root).keys(explicitKey).spki(explicit).build();
        out.add(Case.of("rfc5280::explicit-curve-leaf", "the leaf's EC key has explicit curve parameters").trusted(root)
                .peer(explicitLeaf).notPathOnly().fails());
        SubjectPublicKeyInfo badRsa = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), new byte[0]);
        Pki.Issued other = Pki.root("other").build();
        Pki.Issued invalidKeyIca = Pki.intermediate(other, "ica").spki(badRsa).build();
        out.add(Case.of("invalid::invalid-issuer-key", "an intermediate whose RSA key is empty, under an untrusted root")
                .trusted(root).untrusted(invalidKeyIca).peer(Pki.leaf(invalidKeyIca).signer(Pki.ec()).build()).fails());
        Pki.Issued badKeyLeaf = Pki.leaf(root).spki(badRsa).build();
        out.add(Case.of("invalid::invalid-leaf-key", "the leaf's RSA key is empty").trusted(root).peer(badKeyLeaf)
                .notPathOnly().fails());
        Pki.Issued v1WithExtensions = Pki.leaf(root).version(1).build();
        out.add(Case.of("invalid::v1-with-extensions", "a version 1 certificate with extensions").trusted(root)
                .peer(v1WithExtensions).notPathOnly().fails());
        Pki.Issued badSig = Pki.leaf(root).signer(Pki.ec()).build();
        out.add(Case.of("rfc5280::bad-signature", "the leaf is signed by another key than its issuer's").trusted(root)
                .peer(badSig).fails());
    }

    private static void building(List<Case> out) {
        // The chain of pain: the root, and an expired cross-sign of it by another trusted root.
        Pki.Issued root = Pki.root("x509-limbo-root").build();
        Pki.Issued root2 = Pki.root("x509-limbo-root-2").build();
        Pki.Issued expired = Pki.intermediate(root2, "x").subject(root.subject()).keys(root.keys())
                .validity(Pki.EPOCH, Instant.parse("1988-11-25T00:00:00Z")).ca(true, 1).build();
        out.add(Case.of("pathological::multiple-chains-expired-intermediate", "a trusted root and an expired cross-sign of it")
                .trusted(root, root2).untrusted(expired).peer(Pki.leaf(root).build()).succeeds());
        KeyPair k1 = Pki.ec();
        KeyPair k2 = Pki.ec();
        Pki.Issued ca1 = new Pki.Builder().subject("CN=cycle-ca1").issuerName(Pki.name("CN=cycle-ca2")).keys(k1).signer(k2)
                .ca(true, -1).keyUsage(KeyUsage.keyCertSign).ski().build();
        Pki.Issued ca2 = new Pki.Builder().subject("CN=cycle-ca2").issuerName(Pki.name("CN=cycle-ca1")).keys(k2).signer(k1)
                .ca(true, -1).keyUsage(KeyUsage.keyCertSign).ski().build();
        Pki.Issued cycleLeaf = Pki.leaf(ca1).noAki().build();
        Pki.Issued unrelated = Pki.root("root").build();
        out.add(Case.of("pathological::intermediate-cycle-distinct-cas", "two CAs signing each other, no way to the root")
                .trusted(unrelated).untrusted(ca1, ca2).peer(cycleLeaf).fails());
        out.add(Case.of("pathological::intermediate-cycle-distinct-cas-max-depth", "the same, with a depth of 255 allowed")
                .trusted(unrelated).untrusted(ca1, ca2).peer(cycleLeaf).maxDepth(255).fails());
        // 100 intermediates with one subject, each signed by the root, one of which issued the leaf.
        Pki.Issued manyRoot = Pki.root("many-root").build();
        List<Pki.Issued> same = new ArrayList<>();
        for (int i = 0; i < 100; i++) same.add(Pki.intermediate(manyRoot, "same-subject").noAki().build());
        Pki.Issued manyLeaf = Pki.leaf(same.get(73)).noAki().build();
        out.add(Case.of("pathological::100-intermediates-one-subject", "100 intermediates with one subject, no key identifiers")
                .trusted(manyRoot).untrusted(same.toArray(Pki.Issued[]::new)).peer(manyLeaf).notPathOnly().fails());
        List<Pki.Issued> sameAki = new ArrayList<>();
        for (int i = 0; i < 100; i++) sameAki.add(Pki.intermediate(manyRoot, "same-subject").build());
        out.add(Case.of("pathological::100-intermediates-one-subject-aki", "the same with key identifiers")
                .trusted(manyRoot).untrusted(sameAki.toArray(Pki.Issued[]::new)).peer(Pki.leaf(sameAki.get(41)).build()).succeeds());
        // 100 CAs of one subject that all sign each other: every order is a candidate path by name.
        List<Pki.Issued> mesh = new ArrayList<>();
        KeyPair meshKey = Pki.ec();
        for (int i = 0; i < 100; i++) {
            mesh.add(new Pki.Builder().subject("CN=mesh").issuerName(Pki.name("CN=mesh")).keys(Pki.ec()).signer(meshKey)
                    .ca(true, -1).keyUsage(KeyUsage.keyCertSign).ski().build());
        }
        out.add(Case.of("pathological::100-self-issued-mesh", "100 self-issued CAs of one subject, none reaching a root")
                .trusted(unrelated).untrusted(mesh.toArray(Pki.Issued[]::new)).peer(Pki.leaf(mesh.get(5)).noAki().build()).fails());
        // CVE-2024-0567: A cross-signed by B and C, which cross-sign each other, A also a trusted root.
        Pki.Issued rootA = Pki.root("Root A").build();
        KeyPair kb = Pki.ec();
        KeyPair kc = Pki.ec();
        Pki.Issued a1 = new Pki.Builder().subject("CN=Intermediate A1").issuer(rootA).ca(true, -1).keyUsage(KeyUsage.keyCertSign).ski().aki().build();
        Pki.Issued aByB = cross("CN=Root A", rootA.keys(), "CN=Root B", kb);
        Pki.Issued aByC = cross("CN=Root A", rootA.keys(), "CN=Root C", kc);
        Pki.Issued bByA = cross("CN=Root B", kb, "CN=Root A", rootA.keys());
        Pki.Issued bByC = cross("CN=Root B", kb, "CN=Root C", kc);
        Pki.Issued cByA = cross("CN=Root C", kc, "CN=Root A", rootA.keys());
        Pki.Issued cByB = cross("CN=Root C", kc, "CN=Root B", kb);
        Pki.Issued cveLeaf = Pki.leaf(a1).subject(new org.bouncycastle.asn1.x500.X500Name(new org.bouncycastle.asn1.x500.RDN[0]))
                .dns("cve-2024-0567.example.com").sanCritical().build();
        out.add(Case.of("cve::cve-2024-0567", "a trusted root cross-signed in a cycle (GnuTLS)").trusted(rootA)
                .untrusted(a1, aByB, aByC, bByA, bByC, cByA, cByB).peer(cveLeaf).names("cve-2024-0567.example.com").succeeds());
        Pki.Issued d1 = Pki.intermediate(root, "d1").build();
        Pki.Issued d2 = Pki.intermediate(d1, "d2").build();
        out.add(Case.of("max-depth::two-intermediates-one-allowed", "two intermediates, at most one allowed").trusted(root)
                .untrusted(d1, d2).peer(Pki.leaf(d2).build()).maxDepth(1).fails());
        out.add(Case.of("max-depth::two-intermediates-two-allowed", "two intermediates, two allowed").trusted(root)
                .untrusted(d1, d2).peer(Pki.leaf(d2).build()).maxDepth(2).succeeds());
        out.add(Case.of("max-depth::zero-allowed-root-leaf", "no intermediate allowed, none needed").trusted(root)
                .peer(Pki.leaf(root).build()).maxDepth(0).succeeds());
    }

    private static Pki.Issued cross(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys) {
        return new Pki.Builder().subject(subject).issuerName(Pki.name(issuer)).keys(subjectKeys).signer(issuerKeys)
                .ca(true, -1).keyUsage(KeyUsage.keyCertSign).ski()
                .ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(
                        Pki.keyId(SubjectPublicKeyInfo.getInstance(issuerKeys.getPublic().getEncoded())))).build();
    }

    private static void algorithms(List<Case> out) {
        KeyPair rsa = capcert.testing.TestCa.rsa(2048);
        Pki.Issued rsaRoot = Pki.root("rsa-root").keys(rsa).build();
        out.add(Case.of("algorithms::rsa-pss", "a leaf signed with RSASSA-PSS").trusted(rsaRoot)
                .peer(Pki.leaf(rsaRoot).signature("SHA256withRSAandMGF1").build()).succeeds());
        out.add(Case.of("algorithms::rsa-sha512", "a leaf signed with SHA512withRSA").trusted(rsaRoot)
                .peer(Pki.leaf(rsaRoot).signature("SHA512withRSA").build()).succeeds());
        KeyPair ed = Pki.generate("Ed25519");
        Pki.Issued edRoot = Pki.root("ed25519-root").keys(ed).build();
        out.add(Case.of("algorithms::ed25519", "an Ed25519 root and leaf").trusted(edRoot)
                .peer(Pki.leaf(edRoot).keys(Pki.generate("Ed25519")).build()).succeeds());
        KeyPair mldsa = Pki.generate("ML-DSA-44");
        Pki.Issued mlRoot = Pki.root("ml-dsa-root").keys(mldsa).build();
        out.add(Case.of("rfc9881::ml-dsa-44", "an ML-DSA-44 root and leaf").trusted(mlRoot)
                .peer(Pki.leaf(mlRoot).keys(Pki.generate("ML-DSA-44")).build()).notPathOnly().succeeds());
        Pki.Issued impostor = Pki.root("ml-dsa-root").keys(Pki.generate("ML-DSA-44")).build();
        out.add(Case.of("rfc9881::ml-dsa-44-bad-signature", "an ML-DSA leaf signed by an impostor of the root").trusted(mlRoot)
                .peer(Pki.leaf(impostor).keys(Pki.generate("ML-DSA-44")).noAki()
                        .ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(mlRoot.ski())).build())
                .notPathOnly().fails());
        KeyPair dsa = capcert.testing.TestCa.dsa(2048);
        Pki.Issued dsaRoot = Pki.root("dsa-root").keys(dsa).build();
        out.add(Case.of("algorithms::dsa-2048", "a DSA root, allowed by RFC 5280").trusted(dsaRoot)
                .peer(Pki.leaf(dsaRoot).build()).succeeds());
        Pki.Issued md5 = Pki.leaf(rsaRoot).signature("MD5withRSA").build();
        out.add(Case.of("algorithms::md5-signature", "a leaf signed with MD5").trusted(rsaRoot).peer(md5).notPathOnly().fails());
        Pki.Issued sha1 = Pki.leaf(rsaRoot).signature("SHA1withRSA").build();
        out.add(Case.of("algorithms::sha1-signature", "a leaf signed with SHA-1").trusted(rsaRoot).peer(sha1).notPathOnly().fails());
        Pki.Issued weak = Pki.leaf(rsaRoot).keys(capcert.testing.TestCa.rsa(1024)).build();
        out.add(Case.of("algorithms::rsa-1024-leaf", "a leaf with an RSA 1024 key").trusted(rsaRoot).peer(weak).notPathOnly().fails());
        out.add(Case.of("algorithms::unsupported-signature", "a signature algorithm nobody knows").trusted(rsaRoot)
                .peer(Pki.leaf(rsaRoot).innerAlgorithm(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.2")))
                        .build()).notPathOnly().fails());
        Pki.Issued cased = Pki.root("Example Root").build();
        out.add(Case.of("names::issuer-name-case-folded", "the issuer name differs only in case and spaces").trusted(cased)
                .peer(Pki.leaf(cased).issuerName(Pki.name("CN=  example   ROOT ")).build()).succeeds());
        out.add(Case.of("encoding::integer-version-v3", "a plain version 3 leaf").trusted(cased)
                .peer(Pki.leaf(cased).build()).succeeds());
        out.add(Case.of("encoding::v2-leaf", "a version 2 leaf with extensions").trusted(cased)
                .peer(Pki.leaf(cased).version(2).build()).notPathOnly().fails());
        out.add(Case.of("encoding::ec-key-unknown-curve", "an EC key on a curve nobody names").trusted(cased)
                .peer(Pki.leaf(cased).spki(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        new ASN1ObjectIdentifier("1.2.3.4")), new byte[] {4, 1, 2})).build()).notPathOnly().fails());
        out.add(Case.of("encoding::serial-integer", "a serial number of 20 octets is fine").trusted(cased)
                .peer(Pki.leaf(cased).serial(new BigInteger(1, new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}))
                        .build()).succeeds());
    }
}
