package capcert.conformance;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.OtherName;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * Name constraints (RFC 5280 §4.2.1.10, §6.1): DNS, IP, directory names, e-mail and URI, permitted
 * and excluded, on roots (the trust anchor's constraints apply, RFC 5937) and intermediates,
 * narrowing along the path, wildcards against excluded names (CVE-2025-61727), malformed constraints
 * and malformed names, forms capcert does not process, and paths that a constraint rules out while
 * another path is fine.
 */
final class NameConstraintCases {

    private NameConstraintCases() {
    }

    static GeneralName dns(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    static GeneralName ip(String cidrOrAddress) {
        return new GeneralName(GeneralName.iPAddress, cidrOrAddress);
    }

    static GeneralName email(String mailbox) {
        return new GeneralName(GeneralName.rfc822Name, mailbox);
    }

    static GeneralName uri(String value) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, value);
    }

    static GeneralName dir(String dn) {
        return new GeneralName(new X500Name(dn));
    }

    /** A dNSName with any bytes, for names and constraints Bouncy Castle would refuse to build. */
    static GeneralName rawDns(String name) {
        return new GeneralName(GeneralName.dNSName, new DERIA5String(name, false));
    }

    static GeneralName rawEmail(String name) {
        return new GeneralName(GeneralName.rfc822Name, new DERIA5String(name, false));
    }

    static GeneralName rawIp(byte[] octets) {
        return new GeneralName(GeneralName.iPAddress, new DEROctetString(octets));
    }

    static GeneralName otherName() {
        return new GeneralName(GeneralName.otherName, new OtherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.3"), DERNull.INSTANCE));
    }

    private static Pki.Issued root(List<GeneralName> permitted, List<GeneralName> excluded) {
        return Pki.root("nc-root").nameConstraints(permitted, excluded, true).build();
    }

    private static Pki.Issued ica(Pki.Issued parent, List<GeneralName> permitted, List<GeneralName> excluded) {
        return Pki.intermediate(parent, "nc-ica").noSan().nameConstraints(permitted, excluded, true).build();
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        Pki.Issued plain = Pki.root("root").build();

        Pki.Issued permitted = root(List.of(dns("example.com")), null);
        out.add(Case.of("rfc5280::nc::permitted-dns-match", "the root permits example.com").trusted(permitted)
                .peer(Pki.leaf(permitted).build()).succeeds());
        out.add(Case.of("rfc5280::nc::permitted-dns-mismatch", "the root permits example.com, the leaf is not-example.com")
                .trusted(permitted).peer(Pki.leaf(permitted).dns("not-example.com").build()).names().fails());
        out.add(Case.of("rfc5280::nc::permitted-dns-match-more", "foo.bar.example.com is within example.com")
                .trusted(permitted).peer(Pki.leaf(permitted).dns("foo.bar.example.com").build()).names("foo.bar.example.com").succeeds());
        Pki.Issued nonCritical = Pki.root("nc-root").nameConstraints(List.of(dns("example.com")), null, false).build();
        out.add(Case.of("rfc5280::nc::permitted-dns-match-noncritical", "non-critical name constraints on the root")
                .trusted(nonCritical).peer(Pki.leaf(nonCritical).build()).notPathOnly().fails());
        out.add(Case.of("webpki::nc::permitted-dns-match-noncritical", "the Baseline Requirements allow them non-critical")
                .trusted(nonCritical).peer(Pki.leaf(nonCritical).build()).web().succeeds());
        Pki.Issued excludedIca = ica(plain, null, List.of(dns("example.com")));
        out.add(Case.of("rfc5280::nc::excluded-dns-match", "the intermediate excludes example.com").trusted(plain)
                .untrusted(excludedIca).peer(Pki.leaf(excludedIca).build()).fails());
        Pki.Issued excludedSecond = root(null, List.of(dns("not-allowed.example.com")));
        out.add(Case.of("rfc5280::nc::excluded-dns-match-second", "the second SAN is excluded").trusted(excludedSecond)
                .peer(Pki.leaf(excludedSecond).dns("example.com", "not-allowed.example.com").build()).fails());
        Pki.Issued ipRoot = root(List.of(ip("192.0.2.0/24")), null);
        out.add(Case.of("rfc5280::nc::permitted-ip-mismatch", "192.0.3.1 outside 192.0.2.0/24").trusted(ipRoot)
                .peer(Pki.leaf(ipRoot).san(ip("192.0.3.1")).build()).names("192.0.3.1").fails());
        out.add(Case.of("rfc5280::nc::permitted-ipv4-match", "192.0.2.1 within 192.0.2.0/24").trusted(ipRoot)
                .peer(Pki.leaf(ipRoot).san(ip("192.0.2.1")).build()).names("192.0.2.1").succeeds());
        Pki.Issued ipExcluded = root(null, List.of(ip("192.0.2.0/24")));
        out.add(Case.of("rfc5280::nc::excluded-ipv4-match", "192.0.2.1 excluded").trusted(ipExcluded)
                .peer(Pki.leaf(ipExcluded).san(ip("192.0.2.1")).build()).names("192.0.2.1").fails());
        Pki.Issued ip6Excluded = root(null, List.of(ip("::1/128")));
        out.add(Case.of("rfc5280::nc::excluded-ipv6-match", "::1 excluded").trusted(ip6Excluded)
                .peer(Pki.leaf(ip6Excluded).san(ip("::1")).build()).names("::1").fails());
        Pki.Issued ip6Permitted = root(List.of(ip("::1/128")), null);
        out.add(Case.of("rfc5280::nc::permitted-ipv6-match", "::1 permitted").trusted(ip6Permitted)
                .peer(Pki.leaf(ip6Permitted).san(ip("::1")).build()).names("::1").succeeds());
        out.add(Case.of("rfc5280::nc::ipv6-name-ipv4-constraint", "an IPv6 name where only an IPv4 range is permitted")
                .trusted(ipRoot).peer(Pki.leaf(ipRoot).san(ip("2001:db8::1")).build()).names("2001:db8::1").fails());

        Pki.Issued dnPermitted = root(List.of(dir("CN=foo")), null);
        out.add(Case.of("rfc5280::nc::permitted-dn-match", "the subject CN=foo within CN=foo").trusted(dnPermitted)
                .peer(Pki.leaf(dnPermitted).subject("CN=foo").san(dir("CN=foo")).build()).names().succeeds());
        out.add(Case.of("rfc5280::nc::permitted-dn-mismatch", "CN=not-foo outside CN=foo").trusted(dnPermitted)
                .peer(Pki.leaf(dnPermitted).subject("CN=not-foo").san(dir("CN=not-foo")).build()).names().fails());
        out.add(Case.of("rfc5280::nc::permitted-dn-match-subject-san-mismatch", "the SAN is within, the subject is not")
                .trusted(dnPermitted).peer(Pki.leaf(dnPermitted).subject("CN=not-foo").san(dir("CN=foo")).build()).names().fails());
        Pki.Issued dnExcluded = root(null, List.of(dir("CN=foo")));
        out.add(Case.of("rfc5280::nc::excluded-dn-match", "CN=foo excluded").trusted(dnExcluded)
                .peer(Pki.leaf(dnExcluded).subject("CN=foo").san(dir("CN=foo")).build()).names().fails());
        out.add(Case.of("rfc5280::nc::excluded-dn-match-sub-mismatch", "the subject is excluded, the SAN is not")
                .trusted(dnExcluded).peer(Pki.leaf(dnExcluded).subject("CN=foo").san(dir("CN=not-foo")).build()).names().fails());
        // Bouncy Castle writes RDNs in the order given: C first here, as in a directory.
        Pki.Issued dnOrg = root(List.of(dir("C=US,O=Example")), null);
        out.add(Case.of("rfc5280::nc::permitted-dn-prefix", "C=US, O=Example, CN=host within C=US, O=Example").trusted(dnOrg)
                .peer(Pki.leaf(dnOrg).subject("C=US,O=Example,CN=example.com").build()).succeeds());
        out.add(Case.of("rfc5280::nc::permitted-dn-other-org", "C=US, O=Other, CN=host outside C=US, O=Example").trusted(dnOrg)
                .peer(Pki.leaf(dnOrg).subject("C=US,O=Other,CN=example.com").build()).fails());

        Pki.Issued selfRoot = Pki.root("not-example.com").nameConstraints(List.of(dns("example.com")), null, true)
                .dns("not-example.com").build();
        Pki.Issued selfIssued = Pki.intermediate(selfRoot, "not-example.com").subject("CN=not-example.com")
                .dns("not-example.com").build();
        out.add(Case.of("rfc5280::nc::permitted-self-issued", "a self-issued intermediate is not constrained").trusted(selfRoot)
                .untrusted(selfIssued).peer(Pki.leaf(selfIssued).build()).succeeds());
        Pki.Issued sRoot = root(List.of(dns("example.com")), null);
        Pki.Issued sIca = Pki.intermediate(sRoot, "not-example.com").subject("CN=not-example.com").dns("not-example.com").build();
        out.add(Case.of("rfc5280::nc::excluded-self-issued-leaf", "a self-issued leaf is constrained").trusted(sRoot).untrusted(sIca)
                .peer(Pki.leaf(sIca).subject("CN=not-example.com").issuerName(Pki.name("CN=not-example.com")).dns("not-example.com").build())
                .names("not-example.com").fails());
        Pki.Issued both = root(List.of(dns("example.com")), List.of(dns("example.com")));
        out.add(Case.of("rfc5280::nc::excluded-match-permitted-and-excluded", "excluded wins over permitted").trusted(both)
                .peer(Pki.leaf(both).build()).fails());
        out.add(Case.of("rfc5280::nc::permitted-different-constraint-type", "an IP constraint, a DNS name").trusted(ipRoot)
                .peer(Pki.leaf(ipRoot).build()).succeeds());
        out.add(Case.of("rfc5280::nc::excluded-different-constraint-type", "an excluded IP range, a DNS name").trusted(ipExcluded)
                .peer(Pki.leaf(ipExcluded).build()).succeeds());

        Pki.Issued wildcardConstraint = root(List.of(rawDns("*.example.com")), null);
        out.add(Case.of("rfc5280::nc::invalid-dnsname-wildcard", "a wildcard in a DNS constraint").trusted(wildcardConstraint)
                .peer(Pki.leaf(wildcardConstraint).dns("foo.example.com").build()).names("foo.example.com").fails());
        Pki.Issued leadingDot = root(List.of(rawDns(".example.com")), null);
        out.add(Case.of("rfc5280::nc::invalid-dnsname-leading-period", "a leading dot in a DNS constraint").trusted(leadingDot)
                .peer(Pki.leaf(leadingDot).dns("foo.example.com").build()).names("foo.example.com").fails());
        Pki.Issued ipNoMask = root(List.of(rawIp(new byte[] {127, 0, 0, 1})), null);
        out.add(Case.of("rfc5280::nc::invalid-ipv4-address", "an IPv4 constraint without a mask").trusted(ipNoMask)
                .peer(Pki.leaf(ipNoMask).san(ip("127.0.0.1")).build()).names("127.0.0.1").fails());
        byte[] v6 = new byte[16];
        v6[15] = 1;
        Pki.Issued ip6NoMask = root(List.of(rawIp(v6)), null);
        out.add(Case.of("rfc5280::nc::invalid-ipv6-address", "an IPv6 constraint without a mask").trusted(ip6NoMask)
                .peer(Pki.leaf(ip6NoMask).san(ip("::1")).build()).names("::1").fails());
        byte[] holes = {(byte) 192, 0, 2, 0, (byte) 255, 0, (byte) 255, 0};
        Pki.Issued ipHoles = root(List.of(rawIp(holes)), null);
        out.add(Case.of("rfc5280::nc::noncontiguous-mask", "an IPv4 mask with holes").trusted(ipHoles)
                .peer(Pki.leaf(ipHoles).san(ip("192.0.2.1")).build()).names("192.0.2.1").fails());
        Pki.Issued badEmail = root(List.of(rawEmail("invalid@invalid@example.com")), null);
        out.add(Case.of("rfc5280::nc::invalid-email-address", "a mailbox constraint with two @").trusted(badEmail)
                .peer(Pki.leaf(badEmail).san(email("example@example.com")).eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("example@example.com").fails());

        Pki.Issued pfIca1 = Pki.intermediate(plain, "ica1").noSan()
                .nameConstraints(List.of(dns("permitted.example.com")), List.of(dns("forbidden.example.com")), true).build();
        Pki.Issued pfIca2 = Pki.intermediate(pfIca1, "ica2").dns("forbidden.example.com").build();
        out.add(Case.of("rfc5280::nc::intermediate-with-san-rejected-by-intermediate-nc", "a CA's SAN excluded by the CA above")
                .trusted(plain).untrusted(pfIca1, pfIca2).peer(Pki.leaf(pfIca2).dns("permitted.example.com").build())
                .names("permitted.example.com").fails());
        Pki.Issued pfRoot = Pki.root("root").noSan()
                .nameConstraints(List.of(dns("permitted.example.com")), List.of(dns("forbidden.example.com")), true).build();
        Pki.Issued pfRootIca1 = Pki.intermediate(pfRoot, "ica1").noSan().build();
        Pki.Issued pfRootIca2 = Pki.intermediate(pfRootIca1, "ica2").dns("forbidden.example.com").build();
        out.add(Case.of("rfc5280::nc::intermediate-with-san-rejected-by-root-nc", "a CA's SAN excluded by the root")
                .trusted(pfRoot).untrusted(pfRootIca1, pfRootIca2).peer(Pki.leaf(pfRootIca2).dns("permitted.example.com").build())
                .names("permitted.example.com").fails());
        Pki.Issued narrow1 = ica(plain, List.of(dns("foo.example.com"), dns("bar.example.com")), null);
        Pki.Issued narrow2 = Pki.intermediate(narrow1, "ica2").noSan().nameConstraints(List.of(dns("bar.example.com")), null, true).build();
        out.add(Case.of("rfc5280::nc::restrictive-permits-in-intermediates-narrows", "foo permitted above, only bar below")
                .trusted(plain).untrusted(narrow1, narrow2).peer(Pki.leaf(narrow2).dns("foo.example.com").build())
                .names("foo.example.com").fails());
        Pki.Issued widen1 = ica(plain, List.of(dns("bar.example.com")), null);
        Pki.Issued widen2 = Pki.intermediate(widen1, "ica2").noSan()
                .nameConstraints(List.of(dns("foo.example.com"), dns("bar.example.com")), null, true).build();
        out.add(Case.of("rfc5280::nc::restrictive-permits-in-intermediates-widens", "a CA below cannot widen the names")
                .trusted(plain).untrusted(widen1, widen2).peer(Pki.leaf(widen2).dns("foo.example.com").build())
                .names("foo.example.com").fails());
        Pki.Issued exIca = ica(plain, List.of(dns("example.com")), null);
        out.add(Case.of("rfc5280::nc::nc-permits-invalid-dns-san", "the leaf also carries .example.com").trusted(plain)
                .untrusted(exIca).peer(Pki.leaf(exIca).san(rawDns(".example.com"), dns("foo.example.com")).build())
                .names("foo.example.com").fails());
        Pki.Issued ipIca = ica(plain, List.of(ip("192.0.2.0/24")), null);
        out.add(Case.of("rfc5280::nc::nc-permits-invalid-ip-san", "the leaf carries a range as an IP SAN").trusted(plain)
                .untrusted(ipIca).peer(Pki.leaf(ipIca).san(rawIp(new byte[] {(byte) 192, 0, 2, 0, (byte) 255, (byte) 255, (byte) 255, 0}), ip("192.0.2.1")).build())
                .names("192.0.2.1").fails());
        Pki.Issued emailIca = ica(plain, List.of(email("example.com")), null);
        out.add(Case.of("rfc5280::nc::nc-permits-invalid-email-san", "one mailbox has two @").trusted(plain).untrusted(emailIca)
                .peer(Pki.leaf(emailIca).san(email("good@example.com"), email("alsogood@example.com"), rawEmail("invalid@address@example.com"))
                        .eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("good@example.com", "alsogood@example.com").fails());
        Pki.Issued exact = ica(plain, List.of(email("foo@example.com")), null);
        out.add(Case.of("rfc5280::nc::nc-permits-email-exact", "a mailbox constraint and that mailbox").trusted(plain).untrusted(exact)
                .peer(Pki.leaf(exact).san(email("foo@example.com")).eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("foo@example.com").succeeds());
        Pki.Issued domain = ica(plain, List.of(email("example.com")), null);
        out.add(Case.of("rfc5280::nc::nc-permits-email-domain", "a host constraint and a mailbox at it").trusted(plain).untrusted(domain)
                .peer(Pki.leaf(domain).san(email("foo@example.com")).eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("foo@example.com").succeeds());
        out.add(Case.of("rfc5280::nc::nc-email-other-domain", "a mailbox at another host").trusted(plain).untrusted(domain)
                .peer(Pki.leaf(domain).san(email("foo@example.org")).eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("foo@example.org").fails());
        Pki.Issued subdomains = ica(plain, List.of(email(".example.com")), null);
        out.add(Case.of("rfc5280::nc::nc-email-subdomains", ".example.com permits mail.example.com, not example.com")
                .trusted(plain).untrusted(subdomains)
                .peer(Pki.leaf(subdomains).san(email("a@mail.example.com"), email("b@example.com")).eku(KeyPurposeId.id_kp_clientAuth).build())
                .client().eku("clientAuth").names("a@mail.example.com").fails());
        Pki.Issued onIca = Pki.intermediate(plain, "on-ica").noSan().nameConstraints(List.of(dns("example.com")), List.of(otherName()), true).build();
        out.add(Case.of("rfc5280::nc::nc-forbids-othername", "an otherName constraint and an otherName SAN").trusted(plain)
                .untrusted(onIca).peer(Pki.leaf(onIca).san(dns("example.com"), otherName()).build()).fails());
        out.add(Case.of("rfc5280::nc::nc-forbids-othername-noop", "an otherName constraint, no otherName SAN").trusted(plain)
                .untrusted(onIca).peer(Pki.leaf(onIca).build()).succeeds());
        Pki.Issued uriIca = ica(plain, List.of(uri(".example.com")), null);
        out.add(Case.of("rfc5280::nc::uri-permitted-subdomain", "URI host www.example.com within .example.com").trusted(plain)
                .untrusted(uriIca).peer(Pki.leaf(uriIca).san(dns("example.com"), uri("https://www.example.com/x")).build()).succeeds());
        out.add(Case.of("rfc5280::nc::uri-not-permitted", "URI host www.example.org outside .example.com").trusted(plain)
                .untrusted(uriIca).peer(Pki.leaf(uriIca).san(dns("example.com"), uri("https://www.example.org/x")).build()).fails());
        out.add(Case.of("rfc5280::nc::uri-without-host", "a URN under a URI constraint").trusted(plain)
                .untrusted(uriIca).peer(Pki.leaf(uriIca).san(dns("example.com"), uri("urn:example:x")).build()).fails());
        Pki.Issued cnOnly = ica(plain, null, List.of(dns("bad.example.com")));
        out.add(Case.of("rfc5280::nc::cn-hostname-excluded", "no SAN, and the common name is an excluded host").trusted(plain)
                .untrusted(cnOnly).peer(Pki.leaf(cnOnly).subject("CN=bad.example.com").noSan().build()).names().fails());

        // Two paths: one through a constrained CA that excludes the intermediate's SAN, one through another root.
        Pki.Issued discarded = Pki.root("discarded").noSan().build();
        Pki.Issued trustedRoot = Pki.root("trusted").noSan().build();
        Pki.Issued icaA = Pki.intermediate(trustedRoot, "ica-a").noSan()
                .nameConstraints(List.of(dns("permitted.example.com")), List.of(dns("forbidden.example.com")), true).build();
        KeyPair icaBKey = Pki.ec();
        Pki.Issued icaB1 = Pki.intermediate(discarded, "an-intermediate").keys(icaBKey).dns("forbidden.example.com").build();
        Pki.Issued icaB2 = Pki.intermediate(icaA, "an-intermediate").keys(icaBKey).noSan().build();
        out.add(Case.of("rfc5280::nc::nc-forbids-alternate-chain-ica", "the leaf's issuer has a copy under the constrained CA")
                .trusted(trustedRoot).untrusted(icaA, icaB1, icaB2)
                .peer(Pki.leaf(icaB1).subject("CN=permitted.example.com").dns("permitted.example.com").build())
                .names("permitted.example.com").succeeds());
        Pki.Issued rootA = Pki.root("root-a").noSan().build();
        Pki.Issued rootB = Pki.root("root-b").noSan().build();
        Pki.Issued forbidA = Pki.intermediate(rootA, "ica-a").noSan().nameConstraints(null, List.of(dns("forbidden.example.com")), true).build();
        KeyPair sameKey = Pki.ec();
        Pki.Issued viaA = Pki.intermediate(forbidA, "an-intermediate").keys(sameKey).dns("forbidden.example.com").build();
        Pki.Issued viaB = Pki.intermediate(rootB, "an-intermediate").keys(sameKey).dns("unconstrained-ica.example.com").build();
        out.add(Case.of("rfc5280::nc::nc-forbids-same-chain-ica", "the constrained path fails, the other one is valid")
                .trusted(rootA, rootB).untrusted(forbidA, viaA, viaB)
                .peer(Pki.leaf(viaA).subject("CN=unconstrained.example.com").dns("unconstrained.example.com").build())
                .names("unconstrained.example.com").succeeds());

        Pki.Issued cveIca = Pki.intermediate(plain, "cve-ica").noSan()
                .nameConstraints(List.of(dns("example.com")), List.of(dns("bar.example.com")), true).build();
        out.add(Case.of("cve::cve-2025-61727", "a wildcard SAN that matches an excluded name").trusted(plain).untrusted(cveIca)
                .peer(Pki.leaf(cveIca).dns("*.example.com").build()).names("bar.example.com").fails());
        out.add(Case.of("cve::cve-2025-61727-other-name", "the same certificate, asked for another name").trusted(plain)
                .untrusted(cveIca).peer(Pki.leaf(cveIca).dns("*.example.com").build()).names("foo.example.com").fails());
        Pki.Issued cvePermits = ica(plain, List.of(dns("foo.example.com")), null);
        out.add(Case.of("cve::cve-2025-61727-nc-permits-variant", "a wildcard SAN wider than the permitted subtree")
                .trusted(plain).untrusted(cvePermits).peer(Pki.leaf(cvePermits).dns("*.example.com").build())
                .names("foo.example.com").fails());
        Pki.Issued wideOk = ica(plain, List.of(dns("example.com")), List.of(dns("deep.bar.example.com")));
        out.add(Case.of("rfc5280::nc::wildcard-within-permitted", "*.example.com within example.com, excluded name two labels down")
                .trusted(plain).untrusted(wideOk).peer(Pki.leaf(wideOk).dns("*.example.com").build())
                .names("foo.example.com").succeeds());

        Pki.Issued emptyNc = Pki.intermediate(plain, "ica").raw(Extension.nameConstraints, true, new byte[] {0x30, 0x00}).build();
        out.add(Case.of("webpki::nc::intermediate-permitted-excluded-subtrees-both-null", "name constraints with no subtree")
                .trusted(plain).untrusted(emptyNc).peer(Pki.leaf(emptyNc).build()).web().fails());
        Pki.Issued emptySeqs = Pki.intermediate(plain, "ica").raw(Extension.nameConstraints, true,
                new byte[] {0x30, 0x04, (byte) 0xa0, 0x00, (byte) 0xa1, 0x00}).build();
        out.add(Case.of("webpki::nc::intermediate-permitted-excluded-subtrees-both-empty-sequences", "two empty subtree lists")
                .trusted(plain).untrusted(emptySeqs).peer(Pki.leaf(emptySeqs).build()).web().fails());
        out.add(Case.of("rfc5280::nc::both-empty-generic", "two empty subtree lists, generic profile")
                .trusted(plain).untrusted(emptySeqs).peer(Pki.leaf(emptySeqs).build()).notPathOnly().fails());
        return out;
    }
}
