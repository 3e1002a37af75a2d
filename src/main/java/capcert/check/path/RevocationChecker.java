package capcert.check.path;

import capcert.x509.Signatures;

import capcert.x509.DistinguishedName;
import capcert.x509.ExtensionNames;
import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCrl;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.crypto.params.DSAParameters;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 5280 §6.3: the status of each certificate of a path from the CRLs given. Each of the
 * certificate's distribution points (or, without any, its issuer) is matched with complete CRLs
 * of the right issuer and scope (issuing distribution point, only-user/only-CA certificates,
 * reasons, indirect CRLs and cRLIssuer), each current at the validation time, with no critical
 * extension it does not process, a CRL number, and a signature from a key that chains to the same
 * trust anchor and may sign CRLs (cRLSign); delta CRLs that update a complete CRL are applied on top
 * (a removeFromCRL entry releases a certificate on hold). CRLs covering every reason that do not
 * list the certificate make it GOOD.
 *
 * <p>A certificate is UNDETERMINED when a CRL speaks for its CA — names it, or its key signed it,
 * or its key identifier names it — but none could be used; NOT_CHECKED when no CRL speaks for it
 * at all: an offline check cannot fetch one (capcert's rule VD2).
 */
final class RevocationChecker {

    private static final int ALL_REASONS = ReasonFlags.keyCompromise | ReasonFlags.cACompromise | ReasonFlags.affiliationChanged
            | ReasonFlags.superseded | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold
            | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;

    /** Validates a CRL signer's own path to the anchor: a certificate that signs a CRL must chain like any other. */
    interface SignerPaths {
        boolean valid(ParsedCertificate signer, TrustAnchor anchor);
    }

    private final List<ParsedCrl> crls;
    private final List<ParsedCertificate> pool;
    private final Instant when;
    private final SignerPaths signerPaths;

    RevocationChecker(List<ParsedCrl> crls, List<ParsedCertificate> pool, Instant when, SignerPaths signerPaths) {
        this.crls = crls.stream().filter(c -> c.malformation().isEmpty()).toList();
        this.pool = pool;
        this.when = when;
        this.signerPaths = signerPaths;
    }

    /** DSA parameters each certificate of the path under check inherits, for CRLs signed with such keys. */
    private final java.util.Map<ParsedCertificate, DSAParameters> inheritedDsa = new java.util.HashMap<>();

    /** One status per certificate of {@code path} below the anchor (target first, anchor last). */
    List<RevocationStatus> check(List<ParsedCertificate> path, TrustAnchor anchor) {
        inheritedDsa.clear();
        DSAParameters params = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            ParsedCertificate c = path.get(i);
            if (c.publicKey().dsaWithoutParameters()) {
                if (params != null) inheritedDsa.put(c, params);
            } else {
                params = Signatures.dsaParameters(c.publicKey());
            }
        }
        List<RevocationStatus> out = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            out.add(crls.isEmpty() ? RevocationStatus.notChecked() : status(path.get(i), path.get(i + 1), anchor));
        }
        return out;
    }

    private RevocationStatus status(ParsedCertificate cert, ParsedCertificate issuer, TrustAnchor anchor) {
        List<DistributionPoint> points = cert.crlDistributionPoints().isEmpty()
                ? List.of(new DistributionPoint(null, null, null)) : cert.crlDistributionPoints();
        Set<String> problems = new LinkedHashSet<>();
        boolean spoken = false;
        int reasons = 0;
        Optional<ParsedCrl> settledBy = Optional.empty();
        for (DistributionPoint point : points) {
            for (ParsedCrl crl : crls) {
                Scope scope = scope(crl, cert, issuer, point);
                if (scope == Scope.UNRELATED) continue;
                spoken = true;
                if (crl.isDelta()) {
                    if (scope == Scope.IN && crls.stream().noneMatch(c -> !c.isDelta() && c.issuer().equals(crl.issuer()))) {
                        problems.add("the delta " + describe(crl) + " updates a complete CRL that was not given");
                    }
                    continue;
                }
                if (scope != Scope.IN) {
                    problems.add(describe(crl) + " " + scope.problem);
                    continue;
                }
                int interim = reasonsOf(crl, point);
                if ((interim & ~reasons) == 0) continue;
                Optional<String> unusable = unusable(crl, cert, issuer, anchor);
                if (unusable.isPresent()) {
                    problems.add(describe(crl) + " " + unusable.get());
                    continue;
                }
                Optional<ParsedCrl> delta = delta(crl, cert, issuer, anchor, problems);
                DistinguishedName certIssuer = cert.issuer();
                Optional<ParsedCrl.Entry> entry = delta.flatMap(d -> d.entry(certIssuer, cert.serial()));
                ParsedCrl listing = delta.filter(d -> d.entry(certIssuer, cert.serial()).isPresent()).orElse(crl);
                if (entry.isEmpty()) entry = crl.entry(certIssuer, cert.serial());
                if (entry.isPresent()) {
                    Optional<String> critical = entry.get().unknownCriticalExtension();
                    if (critical.isPresent()) {
                        problems.add(describe(listing) + " lists it with a critical entry extension capcert does not process ("
                                + ExtensionNames.name(critical.get()) + ")");
                        continue;
                    }
                    if (entry.get().reason() != ParsedCrl.REMOVE_FROM_CRL) {
                        return new RevocationStatus(RevocationStatus.State.REVOKED, Optional.of(listing), entry, List.of());
                    }
                }
                reasons |= interim;
                settledBy = Optional.of(crl);
            }
        }
        if ((reasons & ALL_REASONS) == ALL_REASONS) {
            return new RevocationStatus(RevocationStatus.State.GOOD, settledBy, Optional.empty(), List.of());
        }
        if (!spoken) return RevocationStatus.notChecked();
        if (problems.isEmpty()) problems.add("the CRLs given cover only some revocation reasons for it");
        return new RevocationStatus(RevocationStatus.State.UNDETERMINED, Optional.empty(), Optional.empty(), List.copyOf(problems));
    }

    private enum Scope {
        IN(""),
        UNRELATED(""),
        OTHER_ISSUER("names another issuer than the certificate's CA"),
        NOT_INDIRECT("is not marked as an indirect CRL, yet its issuer is the certificate's cRLIssuer"),
        OTHER_PARTITION("covers only part of its CA's certificates (issuing distribution point), not this one"),
        USER_ONLY("covers only end-entity certificates, and this one is a CA"),
        CA_ONLY("covers only CA certificates, and this one is an end entity"),
        ATTRIBUTE_ONLY("covers only attribute certificates");

        final String problem;

        Scope(String problem) {
            this.problem = problem;
        }
    }

    /** §6.3.3 (b): whether the CRL is for this certificate and this distribution point. */
    private Scope scope(ParsedCrl crl, ParsedCertificate cert, ParsedCertificate issuer, DistributionPoint point) {
        GeneralNames crlIssuers = point.getCRLIssuer();
        boolean named = crlIssuers != null ? directoryNames(crlIssuers).contains(crl.issuer()) : crl.issuer().equals(cert.issuer());
        if (!named) {
            boolean claims = crl.issuer().equals(cert.issuer())
                    || crl.authorityKeyId().flatMap(aki -> issuer.subjectKeyId().map(ski -> Arrays.equals(aki, ski))).orElse(false)
                    || signedWith(crl, issuer);
            return claims ? Scope.OTHER_ISSUER : Scope.UNRELATED;
        }
        Optional<IssuingDistributionPoint> idp = crl.issuingDistributionPoint();
        if (crlIssuers != null && !idp.map(IssuingDistributionPoint::isIndirectCRL).orElse(false)) return Scope.NOT_INDIRECT;
        if (idp.isEmpty()) return Scope.IN;
        IssuingDistributionPoint i = idp.get();
        if (i.getDistributionPoint() != null) {
            List<String> idpNames = fullNames(i.getDistributionPoint(), crl.issuer());
            List<String> dpNames = point.getDistributionPoint() != null
                    ? fullNames(point.getDistributionPoint(), crlIssuers != null ? first(crlIssuers).orElse(cert.issuer()) : cert.issuer())
                    : crlIssuers != null ? directoryNames(crlIssuers).stream().map(d -> "dir:" + d).toList() : List.of();
            if (idpNames.stream().noneMatch(dpNames::contains)) return Scope.OTHER_PARTITION;
        }
        if (i.onlyContainsUserCerts() && cert.isCa()) return Scope.USER_ONLY;
        if (i.onlyContainsCACerts() && !cert.isCa()) return Scope.CA_ONLY;
        if (i.onlyContainsAttributeCerts()) return Scope.ATTRIBUTE_ONLY;
        return Scope.IN;
    }

    /** §6.3.3 (c): the reasons this CRL covers for this distribution point. */
    private static int reasonsOf(ParsedCrl crl, DistributionPoint point) {
        int fromIdp = crl.issuingDistributionPoint().map(IssuingDistributionPoint::getOnlySomeReasons)
                .map(ReasonFlags::intValue).orElse(ALL_REASONS);
        int fromPoint = point.getReasons() == null ? ALL_REASONS : point.getReasons().intValue();
        return fromIdp & fromPoint & ALL_REASONS;
    }

    /** Why a CRL in scope cannot be used: dates, extensions, entries, and its signer (§6.3.3 (a), (f), (g)). */
    private Optional<String> unusable(ParsedCrl crl, ParsedCertificate cert, ParsedCertificate issuer, TrustAnchor anchor) {
        Optional<String> own = unusableAlone(crl);
        if (own.isPresent()) return own;
        return signer(crl, cert, issuer, anchor).isPresent() ? Optional.empty() : Optional.of(signerProblem(crl, issuer));
    }

    /** What can be told about a CRL without its signer. */
    private Optional<String> unusableAlone(ParsedCrl crl) {
        if (when.isBefore(crl.thisUpdate())) return Optional.of("is newer than the time checked, " + date(when));
        if (crl.nextUpdate().isPresent() && when.isAfter(crl.nextUpdate().get())) {
            return Optional.of("is out of date: its next update was due on " + date(crl.nextUpdate().get()));
        }
        for (ParsedCertificate.Ext e : crl.extensions()) {
            if (e.critical() && !ParsedCrl.PROCESSED_EXTENSIONS.contains(e.oid())) {
                return Optional.of("has a critical extension capcert does not process (" + ExtensionNames.name(e.oid()) + ")");
            }
        }
        if (crl.extensionProblem().isPresent()) return crl.extensionProblem();
        if (crl.crlNumber().isEmpty()) return Optional.of("has no CRL number, which RFC 5280 requires");
        if (crl.critical(Extension.cRLNumber.getId())) return Optional.of("marks its CRL number critical, which RFC 5280 forbids");
        if (!crl.duplicateEntries().isEmpty()) {
            return Optional.of("lists serial number " + crl.duplicateEntries().get(0) + " twice");
        }
        return Optional.empty();
    }

    /**
     * The certificate whose key signed the CRL and that may sign it: the certificate's own issuer
     * first, then any certificate with the CRL issuer's name (a separate CRL key, an indirect CRL's
     * issuer) whose path reaches the same trust anchor. A CRL issuer's certificate may be covered
     * by its own CRL (PKITS 4.14.30): its path is the one being validated.
     */
    private Optional<ParsedCertificate> signer(ParsedCrl crl, ParsedCertificate cert, ParsedCertificate issuer, TrustAnchor anchor) {
        List<ParsedCertificate> candidates = new ArrayList<>();
        if (issuer.subject().equals(crl.issuer())) candidates.add(issuer);
        for (ParsedCertificate c : pool) {
            if (c.subject().equals(crl.issuer()) && !candidates.contains(c)) candidates.add(c);
        }
        if (anchor.certificate().subject().equals(crl.issuer()) && !candidates.contains(anchor.certificate())) {
            candidates.add(anchor.certificate());
        }
        candidates.sort(Comparator.comparing(c -> !crl.authorityKeyId()
                .flatMap(aki -> c.subjectKeyId().map(ski -> Arrays.equals(aki, ski))).orElse(true)));
        for (ParsedCertificate candidate : candidates) {
            if (!candidate.keyUsageAllows(ParsedCertificate.CRL_SIGN)) continue;
            if (!signedWith(crl, candidate)) continue;
            if (candidate.equals(issuer) || candidate.equals(cert) || candidate.equals(anchor.certificate())
                    || signerPaths.valid(candidate, anchor)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private String signerProblem(ParsedCrl crl, ParsedCertificate issuer) {
        if (issuer.subject().equals(crl.issuer())) {
            if (!signedWith(crl, issuer)) return "has a signature that the key of " + name(issuer) + " does not verify";
            if (!issuer.keyUsageAllows(ParsedCertificate.CRL_SIGN)) {
                return "is signed by " + name(issuer) + ", whose key usage lacks cRLSign, so its CRLs are not to be trusted";
            }
        }
        return "has a signature that no CA key that may sign CRLs for it verifies";
    }

    private static String name(ParsedCertificate cert) {
        String cn = cert.subject().commonName();
        return "\"" + (cn.isEmpty() ? cert.subject().rfc2253() : cn) + "\"";
    }

    /** A delta CRL that updates {@code base} and can be used (§6.3.3 (c)); problems with unusable ones are noted. */
    private Optional<ParsedCrl> delta(ParsedCrl base, ParsedCertificate cert, ParsedCertificate issuer, TrustAnchor anchor,
                                      Set<String> problems) {
        Optional<BigInteger> number = base.crlNumber();
        for (ParsedCrl delta : crls) {
            if (!delta.isDelta() || !delta.issuer().equals(base.issuer())) continue;
            if (!delta.issuingDistributionPoint().equals(base.issuingDistributionPoint())) continue;
            if (delta.baseCrlNumber().isEmpty() || number.isEmpty() || delta.baseCrlNumber().get().compareTo(number.get()) > 0) continue;
            if (delta.crlNumber().isPresent() && delta.crlNumber().get().compareTo(number.get()) <= 0) continue;
            Optional<String> unusable = unusable(delta, cert, issuer, anchor);
            if (unusable.isPresent()) {
                problems.add("the delta " + describe(delta) + " " + unusable.get());
                continue;
            }
            return Optional.of(delta);
        }
        return Optional.empty();
    }

    private boolean signedWith(ParsedCrl crl, ParsedCertificate signer) {
        return Signatures.verify(crl.tbs(), crl.signatureAlgorithm(), crl.signature(), signer.publicKey(),
                inheritedDsa.get(signer)).outcome() == Signatures.Outcome.VALID;
    }

    /** A distribution point's names as comparable strings: URIs exactly, directory names canonically. */
    private static List<String> fullNames(DistributionPointName name, DistinguishedName relativeTo) {
        List<String> out = new ArrayList<>();
        if (name.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                if (g.getTagNo() == GeneralName.directoryName) out.add("dir:" + DistinguishedName.of(g.getName()));
                else if (g.getName() instanceof ASN1IA5String s) out.add(g.getTagNo() + ":" + uriKey(g.getTagNo(), s.getString()));
                else out.add(g.getTagNo() + ":" + g.getName());
            }
        } else {
            RDN rdn = RDN.getInstance(name.getName());
            List<RDN> rdns = new ArrayList<>(List.of(relativeTo.x500().getRDNs()));
            rdns.add(rdn);
            out.add("dir:" + DistinguishedName.of(new X500Name(rdns.toArray(RDN[]::new))));
        }
        return out;
    }

    /** URIs compare exactly but for the scheme and host, which are case-insensitive (RFC 5280 §7.4). */
    private static String uriKey(int tag, String value) {
        if (tag != GeneralName.uniformResourceIdentifier) return value;
        int colon = value.indexOf(':');
        if (colon < 0 || !value.startsWith("//", colon + 1)) return value;
        int hostEnd = value.indexOf('/', colon + 3);
        if (hostEnd < 0) hostEnd = value.length();
        return value.substring(0, hostEnd).toLowerCase(Locale.ROOT) + value.substring(hostEnd);
    }

    private static List<DistinguishedName> directoryNames(GeneralNames names) {
        List<DistinguishedName> out = new ArrayList<>();
        for (GeneralName g : names.getNames()) {
            if (g.getTagNo() == GeneralName.directoryName) out.add(DistinguishedName.of(g.getName()));
        }
        return out;
    }

    private static Optional<DistinguishedName> first(GeneralNames names) {
        return directoryNames(names).stream().findFirst();
    }

    /** "the CRL of "Example CA" issued 2024-01-01 00:00:00 UTC". */
    static String describe(ParsedCrl crl) {
        String cn = crl.issuer().commonName();
        return "the CRL of \"" + (cn.isEmpty() ? crl.issuer().rfc2253() : cn) + "\" issued " + date(crl.thisUpdate());
    }

    private static final java.time.format.DateTimeFormatter DATE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
