package capcert.x509;

import capcert.tls.Evidence;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cms.CMSSignedData;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a piece of {@link Evidence} says, decoded with Bouncy Castle: the certificates it carries
 * (the download itself, a PKCS#7 bundle's, an OCSP response's responder certificates), an OCSP
 * response's status per certificate, an OCSP request's questions, a CRL's issuer and dates. Bytes
 * that do not decode still yield a value: {@code parseError} says why.
 *
 * @param sha256       of the bytes as carried
 * @param certificates DER of every certificate carried, in order
 * @param ocsp         for OCSP requests and responses
 * @param crl          for CRLs
 */
public record EvidenceContent(String sha256, List<byte[]> certificates, Optional<Ocsp> ocsp, Optional<Crl> crl,
                              Optional<String> parseError) {

    /**
     * An OCSP message. For a request, {@code status} is empty and each answer's status is "asked".
     *
     * @param status    the response status ({@code successful}, {@code unauthorized}...), empty for a request
     * @param producedAt when the responder signed it
     * @param responder the responder: its name (RFC 2253) or {@code key hash <hex>}
     */
    public record Ocsp(Optional<String> status, Optional<Instant> producedAt, Optional<String> responder, List<Answer> answers) {
    }

    /**
     * One certificate asked or answered about, named as OCSP names it.
     *
     * @param serial         hex
     * @param issuerNameHash hex of the hash of the issuer's name (with {@code hashAlgorithm})
     * @param issuerKeyHash  hex of the hash of the issuer's key
     * @param status         {@code good}, {@code revoked}, {@code unknown}, or {@code asked} in a request
     * @param revokedAt      when revoked
     * @param reason         the revocation reason, when given
     */
    public record Answer(String serial, String hashAlgorithm, String issuerNameHash, String issuerKeyHash, String status,
                         Optional<Instant> revokedAt, Optional<String> reason, Optional<Instant> thisUpdate,
                         Optional<Instant> nextUpdate) {
    }

    /**
     * A CRL's issuer and dates.
     *
     * @param revoked how many certificates it lists
     */
    public record Crl(String issuer, Instant thisUpdate, Optional<Instant> nextUpdate, int revoked) {
    }

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "certificateHold", "unused", "removeFromCRL", "privilegeWithdrawn",
            "aACompromise"};

    public EvidenceContent {
        certificates = List.copyOf(certificates);
    }

    public static EvidenceContent decode(Evidence evidence) {
        byte[] bytes = evidence.content().toByteArray();
        String sha256 = sha256(bytes);
        try {
            byte[] der = pemOrDer(bytes);
            Optional<String> outOfBounds = BerBounds.exceeded(der);
            if (outOfBounds.isPresent()) return undecoded(sha256, "not decoded: " + outOfBounds.get());
            return switch (evidence.kind()) {
                case CERTIFICATE -> new EvidenceContent(sha256, certificates(bytes), Optional.empty(), Optional.empty(), Optional.empty());
                case PKCS7 -> new EvidenceContent(sha256, pkcs7(der), Optional.empty(), Optional.empty(), Optional.empty());
                case OCSP_RESPONSE -> response(sha256, der);
                case OCSP_REQUEST -> request(sha256, der);
                case CRL -> {
                    X509CRLHolder crl = new X509CRLHolder(der);
                    yield new EvidenceContent(sha256, List.of(), Optional.empty(), Optional.of(new Crl(rfc2253(crl.getIssuer()),
                            crl.getThisUpdate().toInstant(), Optional.ofNullable(crl.getNextUpdate()).map(java.util.Date::toInstant),
                            crl.getRevokedCertificates().size())), Optional.empty());
                }
            };
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return undecoded(sha256, message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip());
        } catch (Error e) {
            return undecoded(sha256, DecoderFailure.describe(e));
        }
    }

    private static EvidenceContent undecoded(String sha256, String why) {
        return new EvidenceContent(sha256, List.of(), Optional.empty(), Optional.empty(), Optional.of(why));
    }

    /** One DER certificate, or every certificate block of a PEM file. */
    private static List<byte[]> certificates(byte[] bytes) throws IOException {
        List<byte[]> pem = pemBlocks(bytes);
        List<byte[]> out = new ArrayList<>();
        for (byte[] der : pem.isEmpty() ? List.of(bytes) : pem) out.add(new X509CertificateHolder(der).getEncoded());
        return out;
    }

    private static List<byte[]> pkcs7(byte[] der) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (X509CertificateHolder holder : new CMSSignedData(der).getCertificates().getMatches(null)) out.add(holder.getEncoded());
        return out;
    }

    private static EvidenceContent response(String sha256, byte[] der) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        String status = switch (resp.getStatus()) {
            case OCSPResp.SUCCESSFUL -> "successful";
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + resp.getStatus();
        };
        if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
            return new EvidenceContent(sha256, List.of(), Optional.of(new Ocsp(Optional.of(status), Optional.empty(),
                    Optional.empty(), List.of())), Optional.empty(), Optional.empty());
        }
        List<Answer> answers = new ArrayList<>();
        for (SingleResp single : basic.getResponses()) {
            CertificateStatus certStatus = single.getCertStatus();
            String word = "good";
            Optional<Instant> revokedAt = Optional.empty();
            Optional<String> reason = Optional.empty();
            if (certStatus instanceof RevokedStatus revoked) {
                word = "revoked";
                revokedAt = Optional.of(revoked.getRevocationTime().toInstant());
                if (revoked.hasRevocationReason()) reason = Optional.of(reason(revoked.getRevocationReason()));
            } else if (certStatus instanceof UnknownStatus) {
                word = "unknown";
            }
            var id = single.getCertID();
            answers.add(new Answer(id.getSerialNumber().toString(16), algorithm(id.getHashAlgOID().getId()),
                    HEX.formatHex(id.getIssuerNameHash()), HEX.formatHex(id.getIssuerKeyHash()), word, revokedAt, reason,
                    Optional.of(single.getThisUpdate().toInstant()),
                    Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant)));
        }
        List<byte[]> certs = new ArrayList<>();
        for (X509CertificateHolder holder : basic.getCerts()) certs.add(holder.getEncoded());
        ResponderID responder = basic.getResponderId().toASN1Primitive();
        String who = responder.getName() != null ? rfc2253(responder.getName())
                : "key hash " + HEX.formatHex(responder.getKeyHash());
        return new EvidenceContent(sha256, certs, Optional.of(new Ocsp(Optional.of(status),
                Optional.of(basic.getProducedAt().toInstant()), Optional.of(who), answers)), Optional.empty(), Optional.empty());
    }

    private static EvidenceContent request(String sha256, byte[] der) throws IOException {
        OCSPReq req = new OCSPReq(der);
        List<Answer> asked = new ArrayList<>();
        for (Req one : req.getRequestList()) {
            var id = one.getCertID();
            asked.add(new Answer(id.getSerialNumber().toString(16), algorithm(id.getHashAlgOID().getId()),
                    HEX.formatHex(id.getIssuerNameHash()), HEX.formatHex(id.getIssuerKeyHash()), "asked",
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        List<byte[]> certs = new ArrayList<>();
        for (X509CertificateHolder holder : req.getCerts()) certs.add(holder.getEncoded());
        return new EvidenceContent(sha256, certs, Optional.of(new Ocsp(Optional.empty(), Optional.empty(), Optional.empty(), asked)),
                Optional.empty(), Optional.empty());
    }

    private static String algorithm(String oid) {
        return switch (oid) {
            case "1.3.14.3.2.26" -> "SHA-1";
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> oid;
        };
    }

    private static String reason(int code) {
        return code >= 0 && code < REASONS.length ? REASONS[code] : "reason " + code;
    }

    /** A PEM file's first block as DER, or the bytes themselves. */
    private static byte[] pemOrDer(byte[] bytes) {
        List<byte[]> blocks = pemBlocks(bytes);
        return blocks.isEmpty() ? bytes : blocks.get(0);
    }

    private static List<byte[]> pemBlocks(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] == 0x30) return List.of();
        Matcher m = PEM.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        List<byte[]> out = new ArrayList<>();
        while (m.find()) out.add(Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", "")));
        return out;
    }

    private static String rfc2253(X500Name name) throws IOException {
        return new X500Principal(name.getEncoded()).getName();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
