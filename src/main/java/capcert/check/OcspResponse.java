package capcert.check;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;

/**
 * An OCSP response the capture carried, to judge revocation with (VD2), and where it came from as
 * messages name it: "the OCSP response stapled by the server (frame 10)", "... fetched over HTTP
 * from http://ocsp.example/ (frame 12)".
 */
public record OcspResponse(BasicOCSPResp response, String source) {
}
