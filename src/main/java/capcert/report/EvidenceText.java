package capcert.report;

import capcert.tls.Evidence;
import capcert.x509.EvidenceContent;

import java.util.ArrayList;
import java.util.List;

/**
 * A certificate, OCSP message or CRL a capture carried outside its handshakes, in words: where it
 * was seen and what it says. {@code list}, the report, {@code diff} and the viewer word evidence
 * alike. Text is raw, as the capture gave it: each face escapes it for itself.
 */
public final class EvidenceText {

    private EvidenceText() {
    }

    /** {@code OCSP response stapled in TLS, SNI expe.example} or {@code CRL in an HTTP response: http://… (type)}. */
    public static String where(Evidence e) {
        return e.carrier() == Evidence.Carrier.TLS_STAPLED
                ? e.kind().label() + " stapled in TLS, SNI " + e.sni().orElse("none")
                : e.kind().label() + " in an " + e.carrier().label() + ": " + e.url().orElse("?")
                        + e.contentType().map(type -> " (" + type + ")").orElse("");
    }

    /** What it says: why it does not decode, a CRL's issuer and dates, an OCSP message's status and answers. */
    public static List<String> says(EvidenceContent content) {
        List<String> lines = new ArrayList<>();
        content.parseError().ifPresent(error -> lines.add("unreadable: " + error));
        content.crl().ifPresent(crl -> lines.add("CRL of " + crl.issuer() + ", this update " + crl.thisUpdate()
                + crl.nextUpdate().map(next -> ", next update " + next).orElse(", no next update") + ", " + crl.revoked()
                + " revoked"));
        content.ocsp().ifPresent(ocsp -> {
            if (ocsp.status().isPresent()) {
                lines.add(ocsp.status().get() + ocsp.producedAt().map(at -> ", produced " + at).orElse("")
                        + ocsp.responder().map(by -> " by " + by).orElse(""));
            }
            for (EvidenceContent.Answer a : ocsp.answers()) lines.add(answer(a, true));
        });
        return lines;
    }

    /**
     * What an item means, without when it was made: the same answer fetched twice reads the same, so
     * two captures can be compared by these lines ({@code diff}).
     */
    public static List<String> meaning(Evidence e, EvidenceContent content, List<String> certificateNames) {
        List<String> lines = new ArrayList<>();
        String kind = e.kind().label();
        content.parseError().ifPresent(error -> lines.add(kind + ", unreadable: " + error));
        content.crl().ifPresent(crl -> lines.add("CRL of " + crl.issuer() + ", " + crl.revoked() + " revoked"));
        content.ocsp().ifPresent(ocsp -> {
            for (EvidenceContent.Answer a : ocsp.answers()) lines.add(kind + ": " + answer(a, false));
        });
        if (e.kind() == Evidence.Kind.CERTIFICATE || e.kind() == Evidence.Kind.PKCS7) {
            for (String name : certificateNames) lines.add(kind + ": " + name);
        }
        return lines;
    }

    private static String answer(EvidenceContent.Answer a, boolean dates) {
        StringBuilder line = new StringBuilder("serial ").append(a.serial()).append(": ").append(a.status());
        a.revokedAt().ifPresent(at -> line.append(" ").append(at));
        a.reason().ifPresent(reason -> line.append(" (").append(reason).append(")"));
        if (dates) {
            a.thisUpdate().ifPresent(at -> line.append(", this update ").append(at));
            a.nextUpdate().ifPresent(at -> line.append(", next update ").append(at));
        }
        if (a.status().equals("asked")) line.append(" (issuer key hash ").append(a.issuerKeyHash(), 0, 16).append("…)");
        return line.toString();
    }
}
