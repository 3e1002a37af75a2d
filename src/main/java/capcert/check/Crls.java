package capcert.check;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What CRLs and certificates say about revocation, for explaining what the JDK decided. */
final class Crls {

    /** Critical CRL extensions the JDK processes: issuing distribution point and CRL number. */
    private static final Set<String> PROCESSED = Set.of(Extension.issuingDistributionPoint.getId(),
            Extension.cRLNumber.getId(), Extension.authorityKeyIdentifier.getId());

    private Crls() {
    }

    /**
     * Whether {@code crl} claims to speak for {@code cert}: it names the certificate's issuer, or the
     * issuer's key signed it, or it is an indirect CRL, or the certificate names its issuer as CRL issuer.
     */
    static boolean meantFor(X509CRL crl, Cert cert, Cert issuer) {
        X500Principal crlIssuer = crl.getIssuerX500Principal();
        return crlIssuer.equals(cert.issuer()) || signedBy(crl, issuer) || indirect(crl)
                || crlIssuers(cert).contains(crlIssuer);
    }

    /** Why {@code crl} did not settle {@code cert}'s status, as the end of a sentence about the CRL. */
    static String problem(X509CRL crl, Cert cert, Cert issuer, Instant when) {
        List<String> problems = new ArrayList<>();
        if (!crl.getIssuerX500Principal().equals(cert.issuer()) && !indirect(crl)) {
            problems.add("names another issuer than " + Describe.name(cert.issuer()));
        }
        if (crl.getIssuerX500Principal().equals(issuer.subject()) && !signedBy(crl, issuer)) {
            problems.add("has a signature that " + issuer.label() + "'s key does not verify");
        }
        if (crl.getNextUpdate() != null && when.isAfter(crl.getNextUpdate().toInstant())) {
            problems.add("is out of date: its next update was due on " + Describe.date(crl.getNextUpdate().toInstant()));
        }
        if (when.isBefore(crl.getThisUpdate().toInstant())) {
            problems.add("is newer than " + Describe.date(when));
        }
        Set<String> critical = new HashSet<>();
        if (crl.getCriticalExtensionOIDs() != null) critical.addAll(crl.getCriticalExtensionOIDs());
        if (critical.contains(Extension.deltaCRLIndicator.getId())) {
            problems.add("is a delta CRL, which the JDK does not use");
        }
        critical.removeAll(PROCESSED);
        critical.remove(Extension.deltaCRLIndicator.getId());
        if (!critical.isEmpty()) problems.add("has a critical extension verifiers do not know (" + String.join(", ", critical) + ")");
        if (KeyPurposes.hasKeyUsage(issuer) && !KeyPurposes.allows(issuer, KeyPurposes.CRL_SIGN)) {
            problems.add("is signed by " + issuer.label() + ", whose Key Usage lacks cRLSign");
        }
        if (problems.isEmpty() && crl.getExtensionValue(Extension.issuingDistributionPoint.getId()) != null) {
            problems.add("covers only part of its CA's certificates (issuing distribution point), not this one");
        }
        if (problems.isEmpty()) problems.add("could not be used for it");
        return Describe.and(problems);
    }

    /** "keyCompromise", as RFC 5280 names the reason. */
    static String reason(CRLReason reason) {
        String[] words = reason.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        return out.toString();
    }

    static List<String> distributionPoints(Cert cert) {
        List<String> out = new ArrayList<>();
        for (DistributionPoint dp : distributionPointList(cert)) {
            DistributionPointName name = dp.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                out.addAll(uris(GeneralNames.getInstance(name.getName())));
            }
        }
        return out;
    }

    static List<String> ocspResponders(Cert cert) {
        List<String> out = new ArrayList<>();
        ASN1Primitive value = cert.extension(Extension.authorityInfoAccess.getId()).orElse(null);
        if (value == null) return out;
        try {
            for (AccessDescription ad : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    out.addAll(uris(new GeneralNames(ad.getAccessLocation())));
                }
            }
        } catch (RuntimeException e) {
            // A malformed AIA names no responder.
        }
        return out;
    }

    private static List<DistributionPoint> distributionPointList(Cert cert) {
        ASN1Primitive value = cert.extension(Extension.cRLDistributionPoints.getId()).orElse(null);
        if (value == null) return List.of();
        try {
            return List.of(CRLDistPoint.getInstance(value).getDistributionPoints());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Set<X500Principal> crlIssuers(Cert cert) {
        Set<X500Principal> out = new HashSet<>();
        for (DistributionPoint dp : distributionPointList(cert)) {
            if (dp.getCRLIssuer() == null) continue;
            for (GeneralName name : dp.getCRLIssuer().getNames()) {
                if (name.getTagNo() != GeneralName.directoryName) continue;
                try {
                    out.add(new X500Principal(X500Name.getInstance(name.getName()).getEncoded()));
                } catch (IOException | IllegalArgumentException e) {
                    // An unreadable name matches no CRL.
                }
            }
        }
        return out;
    }

    private static List<String> uris(GeneralNames names) {
        List<String> out = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier) out.add(name.getName().toString());
        }
        return out;
    }

    private static boolean indirect(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (value == null) return false;
        try {
            return IssuingDistributionPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).isIndirectCRL();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signedBy(X509CRL crl, Cert issuer) {
        try {
            crl.verify(issuer.x509().getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
