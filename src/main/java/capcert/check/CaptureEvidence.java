package capcert.check;

import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.x509.ParsedCrl;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The revocation material one capture carried, for checking its handshakes offline: CRLs downloaded
 * in it and OCSP responses fetched over HTTP count for every handshake of the capture; an OCSP
 * response stapled in a handshake counts for that handshake. Material that does not decode is left
 * out here (listing it says why).
 */
public final class CaptureEvidence {

    private final List<ParsedCrl> crls = new ArrayList<>();
    private final List<OcspResponse> fetched = new ArrayList<>();
    private final List<Evidence> stapled = new ArrayList<>();

    public CaptureEvidence(List<Evidence> evidence) {
        for (Evidence e : evidence) {
            if (e.kind() == Evidence.Kind.CRL) crl(e).ifPresent(crls::add);
            else if (e.kind() == Evidence.Kind.OCSP_RESPONSE && e.carrier() == Evidence.Carrier.TLS_STAPLED) stapled.add(e);
            else if (e.kind() == Evidence.Kind.OCSP_RESPONSE) {
                ocsp(e, "the OCSP response fetched over HTTP from " + e.url().orElse("?") + " (frame " + e.frame() + ")")
                        .ifPresent(fetched::add);
            }
        }
    }

    /** {@code base} with the capture's CRLs, its fetched OCSP responses and those stapled in {@code handshake}. */
    public CheckOptions options(CheckOptions base, Handshake handshake) {
        List<OcspResponse> responses = new ArrayList<>();
        for (Evidence e : stapled) {
            if (e.connectionFrame() == handshake.firstFrame() && e.server().equals(handshake.server())) {
                ocsp(e, "the OCSP response the server stapled (frame " + e.frame() + ")").ifPresent(responses::add);
            }
        }
        responses.addAll(fetched);
        return base.withRevocationEvidence(crls, responses);
    }

    private static Optional<ParsedCrl> crl(Evidence e) {
        try {
            return Optional.of(ParsedCrl.parse(e.content().toByteArray()));
        } catch (capcert.x509.ParsedCertificate.NotACertificate | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static Optional<OcspResponse> ocsp(Evidence e, String source) {
        try {
            OCSPResp resp = new OCSPResp(e.content().toByteArray());
            if (resp.getStatus() == OCSPResp.SUCCESSFUL && resp.getResponseObject() instanceof BasicOCSPResp basic) {
                return Optional.of(new OcspResponse(basic, source));
            }
        } catch (IOException | OCSPException | RuntimeException ex) {
            // Not a response to judge with.
        }
        return Optional.empty();
    }
}
