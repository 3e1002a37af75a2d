package capcert.conformance;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revocation (RFC 5280 §5, §6.3): revoked and good certificates, CRLs that cannot vouch (signature,
 * dates, extensions, CRL number, the issuer's cRLSign, scope), CRLs that break §5.1's field syntax
 * and are set aside, delta CRLs, and a CRL of 10,000 entries.
 */
final class CrlCases {

    private static final Instant AT = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant LAST = AT.minus(Duration.ofDays(1));
    private static final Instant NEXT = AT.plus(Duration.ofDays(30));
    private static final ASN1ObjectIdentifier UNKNOWN = new ASN1ObjectIdentifier("1.3.6.1.4.1.55738.666.1");

    private CrlCases() {
    }

    private static BigInteger serial(Pki.Issued cert) {
        return org.bouncycastle.asn1.x509.Certificate.getInstance(cert.der()).getSerialNumber().getValue();
    }

    private static CrlBuilder crl(Pki.Issued issuer) {
        return new CrlBuilder(issuer, LAST, NEXT);
    }

    private static Case.Builder with(String id, String description, Pki.Issued root, Pki.Issued leaf, byte[]... crls) {
        return Case.of(id, description).trusted(root).peer(leaf).crls(crls).time(AT);
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        Pki.Issued root = Pki.root("crl-root").build();
        Pki.Issued leaf = Pki.leaf(root).build();
        out.add(with("rfc5280::crl::revoked-certificate-with-crl", "the CRL lists the leaf", root, leaf,
                crl(root).revoke(serial(leaf), AT.minus(Duration.ofDays(1))).build()).fails());
        out.add(with("rfc5280::crl::certificate-not-on-crl", "the CRL lists others", root, leaf,
                crl(root).revoke(BigInteger.valueOf(99), LAST).revoke(BigInteger.valueOf(98), LAST).build()).succeeds());
        Pki.Issued root2 = Pki.root("other-crl-root").build();
        out.add(Case.of("rfc5280::crl::certificate-serial-on-crl-different-issuer", "another CA's CRL lists the serial")
                .trusted(root, root2).peer(leaf).time(AT)
                .crls(crl(root).build(), crl(root2).revoke(serial(leaf), LAST).build()).succeeds());
        out.add(with("rfc5280::crl::crlnumber-missing", "no CRL number", root, leaf, crl(root).number(null).build()).fails());
        out.add(with("rfc5280::crl::crlnumber-critical", "a critical CRL number", root, leaf, crl(root).numberCritical().build()).fails());
        Pki.Issued noCrlSign = Pki.root("no-crlsign").keyUsage(KeyUsage.keyCertSign).build();
        Pki.Issued leaf2 = Pki.leaf(noCrlSign).build();
        out.add(with("rfc5280::crl::issuer-missing-crlsign", "the CA's key usage lacks cRLSign", noCrlSign, leaf2,
                crl(noCrlSign).build()).fails());
        Pki.Issued noKu = Pki.root("no-ku").noKeyUsage().build();
        Pki.Issued leaf3 = Pki.leaf(noKu).build();
        out.add(with("rfc5280::crl::issuer-no-keyusage-extension", "the CA has no key usage at all", noKu, leaf3,
                crl(noKu).build()).notPathOnly().succeeds());
        out.add(with("rfc5280::crl::crl-invalid-signature", "signed by a key nobody has", root, leaf,
                crl(root).signer(Pki.ec()).build()).fails());
        out.add(Case.of("rfc5280::crl::crl-wrong-signing-key", "names the first root, signed by the second").trusted(root, root2)
                .peer(leaf).time(AT).crls(crl(root).signer(root2.keys()).build()).fails());
        out.add(with("rfc5280::crl::crl-empty", "a valid empty CRL", root, leaf, crl(root).build()).succeeds());
        CrlBuilder large = crl(root);
        for (int i = 0; i < 10_000; i++) large.revoke(BigInteger.valueOf(1_000_000L + i), Pki.EPOCH);
        out.add(with("rfc5280::crl::crl-very-large", "10,000 entries, not the leaf", root, leaf, large.build()).succeeds());
        out.add(with("rfc5280::crl::crl-unknown-critical-extension", "an unknown critical CRL extension", root, leaf,
                crl(root).ext(UNKNOWN, true, DERNull.INSTANCE).build()).fails());
        out.add(with("rfc5280::crl::crl-unknown-noncritical-extension", "an unknown non-critical CRL extension", root, leaf,
                crl(root).ext(UNKNOWN, false, DERNull.INSTANCE).build()).succeeds());
        out.add(with("rfc5280::crl::entry-unknown-critical-extension", "the leaf's entry has an unknown critical extension", root, leaf,
                crl(root).revoke(serial(leaf), LAST, -1, new Pki.Ext(UNKNOWN, true, new byte[] {5, 0})).build()).fails());
        out.add(with("rfc5280::crl::entry-unknown-noncritical-extension", "the leaf's entry, an unknown non-critical extension", root, leaf,
                crl(root).revoke(serial(leaf), LAST, -1, new Pki.Ext(UNKNOWN, false, new byte[] {5, 0})).build()).fails());
        out.add(with("crl::temporal::this-update-in-future", "the CRL is issued after the time checked", root, leaf,
                new CrlBuilder(root, AT.plus(Duration.ofDays(1)), AT.plus(Duration.ofDays(30))).build()).fails());
        out.add(with("crl::temporal::next-update-in-past", "the CRL is out of date", root, leaf,
                new CrlBuilder(root, AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(30))).build()).fails());
        out.add(with("crl::temporal::revocation-date-in-future", "revoked from tomorrow: still revoked", root, leaf,
                crl(root).revoke(serial(leaf), AT.plus(Duration.ofDays(1))).build()).fails());
        Pki.Issued young = Pki.leaf(root).validity(AT.minus(Duration.ofDays(30)), Pki.FAR).build();
        out.add(with("crl::temporal::revocation-date-before-not-before", "revoked before it was issued: revoked", root, young,
                crl(root).revoke(serial(young), AT.minus(Duration.ofDays(60))).build()).fails());
        Pki.Issued recent = Pki.leaf(root).validity(AT.minus(Duration.ofDays(30)), AT.plus(Duration.ofDays(30))).build();
        out.add(with("crl::temporal::crl-validity-no-overlap", "a CRL that expired before the leaf was issued", root, recent,
                new CrlBuilder(root, AT.minus(Duration.ofDays(365)), AT.minus(Duration.ofDays(180))).build()).fails());
        out.add(with("crl::structure::crl-duplicate-revoked-serial", "one serial listed twice", root, leaf,
                crl(root).revoke(BigInteger.valueOf(7), LAST).revoke(BigInteger.valueOf(7), LAST).build()).fails());
        out.add(with("crl::external::crl-invalid-version", "version 5: the CRL is set aside, revocation not checked", root, leaf,
                crl(root).version(5).revoke(serial(leaf), LAST).build()).notPathOnly().succeeds());
        out.add(with("crl::external::crl-missing-next-update", "no nextUpdate: set aside", root, leaf,
                crl(root).noNextUpdate().revoke(serial(leaf), LAST).build()).notPathOnly().succeeds());
        out.add(with("crl::external::crl-update-generalizedtime-2025", "GeneralizedTime before 2050: set aside", root, leaf,
                crl(root).generalizedTime().revoke(serial(leaf), LAST).build()).notPathOnly().succeeds());

        String uri = "http://example.com/partition.crl";
        CRLDistPoint cdp = new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), null, null)});
        Pki.Issued partitioned = Pki.leaf(root).ext(Extension.cRLDistributionPoints, false, cdp).build();
        IssuingDistributionPoint matching = new IssuingDistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), false, false, null, false, false);
        IssuingDistributionPoint other = new IssuingDistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "http://example.com/other.crl"))),
                false, false, null, false, false);
        out.add(with("crl::idp::idp-cdp-scope-match", "the CRL's partition is the leaf's", root, partitioned,
                crl(root).ext(Extension.issuingDistributionPoint, true, matching).build()).succeeds());
        out.add(with("crl::idp::idp-cdp-scope-mismatch", "the CRL covers another partition", root, partitioned,
                crl(root).ext(Extension.issuingDistributionPoint, true, other).build()).fails());
        out.add(with("crl::idp::idp-present-certificate-missing-cdp", "a partitioned CRL, a leaf without CRL DP", root, leaf,
                crl(root).ext(Extension.issuingDistributionPoint, true, matching).build()).fails());
        IssuingDistributionPoint caOnly = new IssuingDistributionPoint(null, false, true, null, false, false);
        out.add(with("crl::idp::idp-only-contains-ca-certs-ee-target", "a CA-only CRL for an end entity", root, leaf,
                crl(root).ext(Extension.issuingDistributionPoint, true, caOnly).build()).fails());
        Pki.Issued ica = Pki.intermediate(root, "crl-ica").build();
        Pki.Issued icaLeaf = Pki.leaf(ica).build();
        IssuingDistributionPoint userOnly = new IssuingDistributionPoint(null, true, false, null, false, false);
        out.add(Case.of("crl::idp::idp-only-contains-user-certs-ca-target", "a user-only CRL for the intermediate").trusted(root)
                .untrusted(ica).peer(icaLeaf).time(AT)
                .crls(crl(root).ext(Extension.issuingDistributionPoint, true, userOnly).build(), crl(ica).build()).fails());
        IssuingDistributionPoint attributes = new IssuingDistributionPoint(null, false, false, null, false, true);
        out.add(with("crl::idp::idp-only-contains-attribute-certs", "an attribute-certificate CRL", root, leaf,
                crl(root).ext(Extension.issuingDistributionPoint, true, attributes).build()).fails());
        RDN partition = new RDN(BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String("partition"));
        IssuingDistributionPoint relative = new IssuingDistributionPoint(new DistributionPointName(DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER,
                partition), false, false, null, false, false);
        out.add(with("crl::cabf::idp-name-relative-to-crl-issuer", "a partition named relative to the issuer", root, leaf,
                crl(root).ext(Extension.issuingDistributionPoint, true, relative).build()).fails());
        IssuingDistributionPoint someReasons = new IssuingDistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri))), false, false,
                new ReasonFlags(ReasonFlags.keyCompromise), false, false);
        out.add(with("crl::cabf::idp-only-some-reasons-no-complete-crl", "a CRL for key compromise only", root, partitioned,
                crl(root).ext(Extension.issuingDistributionPoint, true, someReasons).build()).fails());
        CRLDistPoint encoded = new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "http://example.com/crls/%73hard.crl"))), null, null)});
        IssuingDistributionPoint plainShard = new IssuingDistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "http://example.com/crls/shard.crl"))),
                false, false, null, false, false);
        out.add(with("crl::cabf::idp-uri-not-byte-identical", "%73 in one URI, s in the other", root,
                Pki.leaf(root).ext(Extension.cRLDistributionPoints, false, encoded).build(),
                crl(root).ext(Extension.issuingDistributionPoint, true, plainShard).build()).fails());

        // Delta CRLs: base 10 lists nothing; the delta lists the leaf (revoked), or releases a hold.
        Pki.Issued held = Pki.leaf(root).build();
        byte[] base = crl(root).number(10L).build();
        byte[] deltaRevokes = crl(root).number(11L).ext(Extension.deltaCRLIndicator, true, new ASN1Integer(10))
                .revoke(serial(held), LAST, 1).build();
        out.add(with("crl::delta::delta-revokes", "the delta CRL revokes the leaf", root, held, base, deltaRevokes).fails());
        byte[] baseHold = crl(root).number(20L).revoke(serial(held), LAST, 6).build();
        byte[] deltaRelease = crl(root).number(21L).ext(Extension.deltaCRLIndicator, true, new ASN1Integer(20))
                .revoke(serial(held), AT.minus(Duration.ofHours(1)), 8).build();
        out.add(with("crl::delta::delta-releases-hold", "on hold in the base, removeFromCRL in the delta", root, held,
                baseHold, deltaRelease).succeeds());
        out.add(with("crl::delta::base-hold-alone", "on hold in the base, no delta", root, held, baseHold).fails());
        out.add(with("crl::delta::delta-without-base", "only a delta CRL", root, held, deltaRevokes).fails());
        return out;
    }
}
