package capcert.check;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import capcert.x509.ParsedCertificate;
import capcert.x509.PublicKeyInfo;
import capcert.x509.Signatures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VD2 from OCSP responses the capture carried (stapled, or fetched over HTTP): for each
 * certificate of the chain whose issuer is known, an answer from a response signed by that issuer
 * or by a responder it delegated (id-kp-OCSPSigning, RFC 6960 section 4.2.2.2), current at the
 * handshake's time. Revoked is FAIL, good is PASS; an answer that cannot be trusted or is out of
 * date is a WARN saying why, and is not counted.
 */
final class OcspStatus {

    /** OCSP answers: thisUpdate may be a little after the handshake when clocks differ. */
    private static final long CLOCK_SKEW_SECONDS = 300;

    private OcspStatus() {
    }

    /** Verdicts about the certificates that some response answers for. */
    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        if (chain.options().ocsp().isEmpty()) return out;
        List<Cert> pool = new ArrayList<>(chain.parsed());
        pool.addAll(chain.intermediates());
        chain.options().trustLists().forEach(list -> list.certificates().forEach(t -> pool.add(new Cert(t.parsed()))));
        for (Cert cert : chain.parsed()) {
            if (cert.selfSigned()) continue;
            Optional<Cert> issuer = pool.stream().filter(c -> !c.sameAs(cert) && cert.issuedBy(c)).findFirst();
            if (issuer.isEmpty()) continue;
            for (OcspResponse response : chain.options().ocsp()) {
                Optional<Verdict> verdict = answer(chain, cert, issuer.get(), response);
                if (verdict.isPresent()) {
                    out.add(verdict.get());
                    break;
                }
            }
        }
        return out;
    }

    private static Optional<Verdict> answer(CheckedChain chain, Cert cert, Cert issuer, OcspResponse response) {
        BasicOCSPResp basic = response.response();
        SingleResp single;
        try {
            single = singleFor(basic, cert, issuer);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (single == null) return Optional.empty();
        String who = chain.label(cert);
        Optional<String> distrust = whyNotTrusted(basic, issuer);
        if (distrust.isPresent()) {
            return Optional.of(new Verdict(Rule.VD2, Severity.WARN, Optional.of(cert.sha256()),
                    Describe.capitalised(response.source()) + " about " + who + " is not used: " + distrust.get() + ".",
                    "Check which responder signs for " + issuer.label() + "."));
        }
        Instant when = chain.when();
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant);
        if (thisUpdate.isAfter(when.plusSeconds(CLOCK_SKEW_SECONDS)) || nextUpdate.filter(when::isAfter).isPresent()) {
            return Optional.of(new Verdict(Rule.VD2, Severity.WARN, Optional.of(cert.sha256()),
                    Describe.capitalised(response.source()) + " about " + who + " was not current at the handshake ("
                            + "this update " + Describe.date(thisUpdate)
                            + nextUpdate.map(n -> ", next update " + Describe.date(n)).orElse("") + "); not used.",
                    "A server that staples must refresh its OCSP response before its next update."));
        }
        if (single.getCertStatus() instanceof RevokedStatus revoked) {
            String reason = revoked.hasRevocationReason() ? " (reason: " + Crls.reason(revoked.getRevocationReason()) + ")" : "";
            boolean leaf = chain.leaf().filter(cert::sameAs).isPresent();
            return Optional.of(new Verdict(Rule.VD2, Severity.FAIL, Optional.of(cert.sha256()),
                    who + " was revoked on " + Describe.date(revoked.getRevocationTime().toInstant()) + reason + " according to "
                            + response.source() + ", signed by " + issuer.label() + ".",
                    leaf ? "Replace it: have the CA issue a new certificate and install it on the " + chain.sender() + "."
                         : "The CA " + who + " is revoked: replace it, and reissue every certificate it signed."));
        }
        if (single.getCertStatus() instanceof UnknownStatus) {
            return Optional.of(new Verdict(Rule.VD2, Severity.WARN, Optional.of(cert.sha256()),
                    Describe.capitalised(response.source()) + " says " + who + " is unknown to the responder.",
                    "Check that the responder serves " + issuer.label() + "'s certificates."));
        }
        return Optional.of(Verdict.pass(Rule.VD2, cert.sha256(), who + " is not revoked: " + response.source()
                + " says good (this update " + Describe.date(thisUpdate) + ")."));
    }

    private static SingleResp singleFor(BasicOCSPResp basic, Cert cert, Cert issuer) throws Exception {
        X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.parsed().der());
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        for (SingleResp single : basic.getResponses()) {
            CertificateID id = single.getCertID();
            if (id.getSerialNumber().equals(cert.parsed().serial()) && id.matchesIssuer(issuerHolder, digests)) return single;
        }
        return null;
    }

    /** Empty when {@code issuer} signed the response, or a responder it issued for OCSP signing did. */
    private static Optional<String> whyNotTrusted(BasicOCSPResp basic, Cert issuer) {
        if (verifies(basic, issuer.parsed().publicKey())) return Optional.empty();
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                ParsedCertificate responder = ParsedCertificate.parse(holder.getEncoded());
                if (!Signatures.verify(responder, issuer.parsed().publicKey()).valid()) continue;
                boolean ocspSigning = responder.extendedKeyUsage().orElse(List.of()).contains(KeyPurposeId.id_kp_OCSPSigning.getId());
                if (ocspSigning && verifies(basic, responder.publicKey())) return Optional.empty();
            } catch (ParsedCertificate.NotACertificate | java.io.IOException | RuntimeException e) {
                // An unreadable responder certificate delegates nothing.
            }
        }
        return Optional.of("neither " + issuer.label() + " nor a responder it authorised for OCSP signing signed it");
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKeyInfo key) {
        try {
            return Signatures.verify(basic.getTBSResponseData(), basic.getSignatureAlgorithmID(), basic.getSignature(), key, null).valid();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
