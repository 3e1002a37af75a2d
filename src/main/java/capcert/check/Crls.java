package capcert.check;

import capcert.x509.ParsedCrl;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where a certificate says its revocation is published, and how CRL reasons are named. */
final class Crls {

    private static final Map<Integer, String> REASONS = Map.of(0, "unspecified", 1, "keyCompromise", 2, "cACompromise",
            3, "affiliationChanged", 4, "superseded", 5, "cessationOfOperation", 6, "certificateHold",
            8, "removeFromCRL", 9, "privilegeWithdrawn", 10, "aACompromise");

    private Crls() {
    }

    /** "keyCompromise", as RFC 5280 names the reason. */
    static String reason(int code) {
        return REASONS.getOrDefault(code, "reason " + code);
    }

    /** "the CRL of "Example CA" issued 2024-01-01 00:00:00 UTC". */
    static String describe(ParsedCrl crl) {
        return "the CRL of " + Describe.name(crl.issuer()) + " issued " + Describe.date(crl.thisUpdate());
    }

    static List<String> distributionPoints(Cert cert) {
        List<String> out = new ArrayList<>();
        for (DistributionPoint dp : cert.parsed().crlDistributionPoints()) {
            DistributionPointName name = dp.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                out.addAll(uris(GeneralNames.getInstance(name.getName())));
            }
        }
        return out;
    }

    static List<String> ocspResponders(Cert cert) {
        List<String> out = new ArrayList<>();
        var ext = cert.parsed().extension(Extension.authorityInfoAccess.getId());
        if (ext.isEmpty()) return out;
        try {
            for (AccessDescription ad : AuthorityInformationAccess.getInstance(ASN1Primitive.fromByteArray(ext.get().value()))
                    .getAccessDescriptions()) {
                if (ad.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    out.addAll(uris(new GeneralNames(ad.getAccessLocation())));
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed AIA names no responder (MF1 says it is malformed).
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
}
