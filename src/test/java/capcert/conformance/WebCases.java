package capcert.conformance;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The web profile: RFC 6125 name matching (wildcards), the CA/Browser Forum Baseline Requirements
 * for server certificates (SAN, EKU, keys and signatures, versions, root AKI and EKU, common names),
 * and the same matching under the generic profile where it is not the Baseline Requirements' own.
 */
final class WebCases {

    private WebCases() {
    }

    private static GeneralName rawDns(String name) {
        return new GeneralName(GeneralName.dNSName, new DERIA5String(name, false));
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        Pki.Issued root = Pki.root("web-root").build();
        out.add(Case.of("webpki::exact-san", "DNS:example.com for example.com").trusted(root).peer(Pki.leaf(root).build()).web().succeeds());
        out.add(Case.of("webpki::mismatch-domain-san", "example.com for example2.com").trusted(root)
                .peer(Pki.leaf(root).build()).names("example2.com").web().fails());
        out.add(Case.of("webpki::mismatch-subdomain-san", "abc.example.com for def.example.com").trusted(root)
                .peer(Pki.leaf(root).dns("abc.example.com").build()).names("def.example.com").web().fails());
        out.add(Case.of("webpki::mismatch-subdomain-apex-san", "example.com for abc.example.com").trusted(root)
                .peer(Pki.leaf(root).build()).names("abc.example.com").web().fails());
        out.add(Case.of("webpki::mismatch-apex-subdomain-san", "abc.example.com for example.com").trusted(root)
                .peer(Pki.leaf(root).dns("abc.example.com").build()).names("example.com").web().fails());
        out.add(Case.of("webpki::exact-localhost-ip-san", "IP:127.0.0.1 for 127.0.0.1").trusted(root)
                .peer(Pki.leaf(root).san(new GeneralName(GeneralName.iPAddress, "127.0.0.1")).subject("CN=127.0.0.1").build())
                .names("127.0.0.1").web().succeeds());
        out.add(Case.of("webpki::public-suffix-wildcard-san", "*.com").trusted(root).peer(Pki.leaf(root).dns("*.com").build())
                .names("example.com").web().fails());
        out.add(Case.of("webpki::leftmost-wildcard-san", "*.example.com for foo.example.com").trusted(root)
                .peer(Pki.leaf(root).subject("CN=*.example.com").dns("*.example.com").build()).names("foo.example.com").web().succeeds());
        out.add(Case.of("webpki::wildcard-embedded-leftmost-san", "ba*.example.com").trusted(root)
                .peer(Pki.leaf(root).dns("ba*.example.com").build()).names("baz.example.com").web().fails());
        out.add(Case.of("webpki::wildcard-not-in-leftmost-san", "foo.*.example.com").trusted(root)
                .peer(Pki.leaf(root).dns("foo.*.example.com").build()).names("foo.bar.example.com").web().fails());
        out.add(Case.of("webpki::wildcard-match-across-labels-san", "*.example.com for foo.bar.example.com").trusted(root)
                .peer(Pki.leaf(root).dns("*.example.com").build()).names("foo.bar.example.com").web().fails());
        out.add(Case.of("webpki::wildcard-embedded-ulabel-san", "xn--*-1b3c148a.example.com").trusted(root)
                .peer(Pki.leaf(root).dns("xn--*-1b3c148a.example.com").build()).names("xn--bliss-1b3c148a.example.com").web().fails());
        out.add(Case.of("webpki::unicode-emoji-san", "a SAN in UTF-8, not an A-label").trusted(root)
                .peer(Pki.leaf(root).san(rawDns("\u00f0\u009f\u0098\u009c.example.com")).build()).names("xn--628h.example.com").web().fails());
        out.add(Case.of("rfc5280::san::underscore", "an underscore in a host name, generic profile: a WARN").trusted(root)
                .peer(Pki.leaf(root).dns("my_host.example.com", "example.com").build()).succeeds());
        out.add(Case.of("webpki::san::underscore", "an underscore in a host name").trusted(root)
                .peer(Pki.leaf(root).dns("my_host.example.com", "example.com").build()).web().fails());
        out.add(Case.of("webpki::malformed-aia", "an AIA whose value is not DER").trusted(root)
                .peer(Pki.leaf(root).raw(Extension.authorityInfoAccess, false, "malformed".getBytes(StandardCharsets.US_ASCII)).build()).web().fails());
        Pki.Issued ekuRoot = Pki.root("web-root").eku(KeyPurposeId.id_kp_serverAuth).build();
        out.add(Case.of("webpki::root-with-extkeyusage", "a root with an EKU").trusted(ekuRoot).peer(Pki.leaf(ekuRoot).build())
                .eku("serverAuth").web().fails());
        out.add(Case.of("webpki::san-critical-with-nonempty-subject", "a critical SAN and a subject").trusted(root)
                .peer(Pki.leaf(root).subject("CN=something-else").sanCritical().build()).web().fails());
        out.add(Case.of("webpki::forbidden-p192-spki-leaf", "a P-192 key").trusted(root)
                .peer(Pki.leaf(root).keys(capcert.testing.TestCa.ec("secp192r1")).build()).web().fails());
        out.add(Case.of("webpki::forbidden-dsa-spki-leaf", "a DSA key in the leaf").trusted(root)
                .peer(Pki.leaf(root).keys(capcert.testing.TestCa.dsa(2048)).build()).web().fails());
        Pki.Issued dsaRoot = Pki.root("web-root").keys(capcert.testing.TestCa.dsa(2048)).build();
        out.add(Case.of("webpki::forbidden-signature-algorithm-in-root", "a DSA root").trusted(dsaRoot)
                .peer(Pki.leaf(dsaRoot).build()).web().fails());
        out.add(Case.of("webpki::no-san", "a leaf without SAN, its CN example.com").trusted(root)
                .peer(Pki.leaf(root).noSan().build()).web().fails());
        out.add(Case.of("rfc5280::no-san-cn-fallback", "generic profile: the CN stands in for a missing SAN").trusted(root)
                .peer(Pki.leaf(root).noSan().build()).succeeds());
        out.add(Case.of("webpki::v1-cert", "a version 1 leaf").trusted(root)
                .peer(Pki.leaf(root).version(1).noSan().noKeyUsage().noEku().noSki().noAki().build()).web().fails());
        out.add(Case.of("webpki::eku::ee-anyeku", "serverAuth and anyExtendedKeyUsage").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.anyExtendedKeyUsage).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::ee-basicconstraints-ca", "a leaf that says it is a CA").trusted(root)
                .peer(Pki.leaf(root).basicConstraints(true, -1, true).build()).web().fails());
        out.add(Case.of("webpki::ca-as-leaf", "a CA as the server's certificate").trusted(root)
                .peer(Pki.intermediate(root, "ca").dns("ca.example.com").build()).names("ca.example.com").web().fails());
        out.add(Case.of("webpki::eku::ee-critical-eku", "a critical EKU").trusted(root)
                .peer(Pki.leaf(root).eku(true, KeyPurposeId.id_kp_serverAuth).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-without-eku", "no EKU at all").trusted(root).peer(Pki.leaf(root).noEku().build()).web().fails());
        out.add(Case.of("webpki::eku::ee-clientauth-only", "clientAuth only").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_clientAuth).build()).eku("serverAuth").web().fails());
        KeyPurposeId precert = KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4"));
        out.add(Case.of("webpki::eku::ee-precertificate-only", "only the precertificate signing purpose").trusted(root)
                .peer(Pki.leaf(root).eku(precert).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-precertificate-with-serverauth", "serverAuth and precertificate signing").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, precert).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-serverauth-with-additional", "serverAuth and clientAuth").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth).build()).eku("serverAuth").web().succeeds());
        out.add(Case.of("webpki::eku::ee-codesigning-with-serverauth", "serverAuth and codeSigning").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_codeSigning).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-emailprotection-with-serverauth", "serverAuth and emailProtection").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_emailProtection).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-timestamping-with-serverauth", "serverAuth and timeStamping").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_timeStamping).build()).eku("serverAuth").web().fails());
        out.add(Case.of("webpki::eku::ee-ocspsigning-with-serverauth", "serverAuth and OCSPSigning").trusted(root)
                .peer(Pki.leaf(root).eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_OCSPSigning).build()).eku("serverAuth").web().fails());
        KeyPair k = Pki.ec();
        Pki.Issued probe = Pki.root("web-root").keys(k).build();
        out.add(Case.of("webpki::aki::root-with-aki-missing-keyidentifier", "a root AKI without key identifier")
                .trusted(withAki(k, aki(null, null, null))).peer(Pki.leaf(probe).build()).web().fails());
        GeneralNames dirname = new GeneralNames(new GeneralName(new X500Name("CN=myCN")));
        out.add(Case.of("webpki::aki::root-with-aki-authoritycertissuer", "a root AKI naming an issuer")
                .trusted(withAki(k, aki(probe.ski(), dirname, null))).peer(Pki.leaf(probe).build()).web().fails());
        out.add(Case.of("webpki::aki::root-with-aki-all-fields", "a root AKI with issuer and serial")
                .trusted(withAki(k, aki(probe.ski(), dirname, BigInteger.valueOf(1234))))
                .peer(Pki.leaf(probe).build()).web().fails());
        out.add(Case.of("webpki::aki::root-with-aki-ski-mismatch", "a root AKI that is not its SKI")
                .trusted(withAki(k, aki(new byte[20], null, null))).peer(Pki.leaf(probe).build()).web().fails());
        out.add(Case.of("webpki::aki::root-with-aki-matching", "a root AKI equal to its SKI")
                .trusted(withAki(k, aki(probe.ski(), null, null))).peer(Pki.leaf(probe).build()).web().succeeds());
        Pki.Issued rsaLeaf = Pki.leaf(root).keys(capcert.testing.TestCa.rsa(2048)).keyUsage(0, true).build();
        out.add(Case.of("webpki::ku::ee-rsa-without-any-usages", "an RSA leaf with an empty key usage").trusted(root)
                .peer(rsaLeaf).web().fails());
        out.add(Case.of("webpki::cn::cabf-cn-not-in-san", "a CN that is no SAN value").trusted(root)
                .peer(Pki.leaf(root).subject("CN=notinsan.example.com").dns("valid.example.com", "another.example.com").build())
                .names("valid.example.com").web().fails());
        out.add(Case.of("webpki::cn::cabf-cn-case-mismatch", "CN Example.COM, SAN example.com").trusted(root)
                .peer(Pki.leaf(root).subject("CN=Example.COM").build()).web().fails());
        out.add(Case.of("webpki::cn::cabf-cn-ipv4-hex-mismatch", "CN 0xC0A80101, SAN 192.168.1.1").trusted(root)
                .peer(Pki.leaf(root).subject("CN=0xC0A80101").san(new GeneralName(GeneralName.iPAddress, "192.168.1.1")).build())
                .names("192.168.1.1").web().fails());
        out.add(Case.of("webpki::cn::cabf-cn-ipv6-uppercase-mismatch", "an IPv6 CN in upper case").trusted(root)
                .peer(Pki.leaf(root).subject("CN=2001:DB8::8A2E:370:7334").san(new GeneralName(GeneralName.iPAddress, "2001:db8::8a2e:370:7334")).build())
                .names("2001:db8::8a2e:370:7334").web().fails());
        out.add(Case.of("webpki::cn::cabf-cn-ipv6-canonical", "an IPv6 CN in RFC 5952 form").trusted(root)
                .peer(Pki.leaf(root).subject("CN=2001:db8::1:0:0:1").san(new GeneralName(GeneralName.iPAddress, "2001:db8::1:0:0:1")).build())
                .names("2001:db8::1:0:0:1").web().succeeds());
        out.add(Case.of("webpki::rsa-2044-bits", "an RSA modulus of 2044 bits, not a multiple of 8").trusted(root)
                .peer(Pki.leaf(root).keys(rsa(2044)).build()).web().fails());
        out.add(Case.of("webpki::rsa-3072", "an RSA 3072 leaf").trusted(root).peer(Pki.leaf(root).keys(capcert.testing.TestCa.rsa(3072)).build())
                .web().succeeds());
        out.add(Case.of("webpki::p384-leaf", "a P-384 leaf signed with SHA-384").trusted(root)
                .peer(Pki.leaf(root).keys(capcert.testing.TestCa.ec("secp384r1")).signature("SHA384withECDSA").build()).web().succeeds());
        out.add(Case.of("webpki::ed25519-leaf", "an Ed25519 leaf, outside the Baseline Requirements").trusted(root)
                .peer(Pki.leaf(root).keys(Pki.generate("Ed25519")).build()).web().fails());
        out.add(Case.of("webpki::validity-1000-years", "a leaf valid for centuries: a WARN, public-CA rule only").trusted(root)
                .peer(Pki.leaf(root).validity(Instant.parse("2024-01-01T00:00:00Z"), Pki.FAR).build()).web().succeeds());
        return out;
    }

    /** An AKI with any of its three fields, even the combinations Bouncy Castle's class refuses. */
    private static org.bouncycastle.asn1.ASN1Encodable aki(byte[] keyId, GeneralNames issuer, BigInteger serial) {
        org.bouncycastle.asn1.ASN1EncodableVector v = new org.bouncycastle.asn1.ASN1EncodableVector();
        if (keyId != null) v.add(new org.bouncycastle.asn1.DERTaggedObject(false, 0, new org.bouncycastle.asn1.DEROctetString(keyId)));
        if (issuer != null) v.add(new org.bouncycastle.asn1.DERTaggedObject(false, 1, issuer));
        if (serial != null) v.add(new org.bouncycastle.asn1.DERTaggedObject(false, 2, new org.bouncycastle.asn1.ASN1Integer(serial)));
        return new org.bouncycastle.asn1.DERSequence(v);
    }

    /** A self-signed root with key {@code k} and this AKI. */
    private static Pki.Issued withAki(KeyPair k, org.bouncycastle.asn1.ASN1Encodable aki) {
        return Pki.root("web-root").keys(k).ext(Extension.authorityKeyIdentifier, false, aki).build();
    }

    /** An RSA key of an odd size, made by Bouncy Castle (the JDK makes only multiples of 8 above 512 bits quickly). */
    private static KeyPair rsa(int bits) {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA", Pki.BC);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
