package capcert.check;

import capcert.check.path.CandidatePath;
import capcert.check.path.RevocationStatus;
import capcert.x509.ParsedCrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VD2: without CRLs, where revocation could be checked (CRL distribution points, OCSP) and that it
 * was not. With CRLs ({@link CheckOptions#crls()}), what RFC 5280 §6.3 processing of the path found for each certificate below the
 * trust anchor (distribution points, indirect CRLs, reasons, delta CRLs, the signer's cRLSign): not
 * revoked, revoked, not settled although a CRL of its CA was given (FAIL: stale, forged, out of
 * scope...), or not checked because no CRL of its CA was given (INFO: an offline check cannot fetch
 * one). A CRL that breaks RFC 5280's field syntax is set aside (WARN), as if it had not been given.
 * CRLs and OCSP responses the capture itself carried count as given; OCSP answers are judged by
 * {@link OcspStatus}, and a certificate one answers for needs no "not checked".
 */
final class Revocation {

    private Revocation() {
    }

    static List<Verdict> verdicts(CheckedChain chain, Optional<TrustPath.Outcome> trust) {
        if (chain.leaf().isEmpty() || trust.isEmpty()) return List.of();
        List<Verdict> ocsp = OcspStatus.verdicts(chain);
        List<Verdict> out = new ArrayList<>(ocsp);
        for (Verdict v : fromCrls(chain, trust.get())) {
            boolean notChecked = v.severity() == Severity.INFO;
            boolean answered = v.certificate().isPresent() && ocsp.stream().anyMatch(o -> o.certificate().equals(v.certificate()));
            // An OCSP answer makes "not checked" untrue for its certificate, and the chain-wide "not checked" too.
            if (notChecked && !ocsp.isEmpty() && (answered || v.certificate().isEmpty())) continue;
            out.add(v);
        }
        return out;
    }

    private static List<Verdict> fromCrls(CheckedChain chain, TrustPath.Outcome outcome) {
        List<ParsedCrl> crls = chain.options().crls();
        if (crls.isEmpty()) return offline(chain);
        List<Verdict> out = new ArrayList<>();
        for (ParsedCrl crl : crls) {
            crl.malformation().ifPresent(why -> out.add(new Verdict(Rule.VD2, Severity.WARN, Optional.empty(),
                    "The CRL of " + Describe.name(crl.issuer()) + " (sha256 " + crl.sha256().substring(0, 16) + ") was set aside:"
                            + " " + why + ", which RFC 5280 does not allow.",
                    "Get the CRL again from the CA; a CRL its CA publishes is always well formed.")));
        }
        CandidatePath path = outcome.path();
        List<Cert> certs = outcome.certificates();
        if (!outcome.lists().isEmpty() && !outcome.built()) {
            out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.of(chain.leaf().get().sha256()),
                    "Revocation not checked: no path leads from this chain to a trusted CA (CH2).",
                    "Fix the trust problem first."));
            return out;
        }
        for (int i = 0; i < path.revocation().size(); i++) {
            out.add(status(chain, certs.get(i), certs.get(i + 1), path.revocation().get(i)));
        }
        Cert top = certs.get(certs.size() - 1);
        if (outcome.lists().isEmpty() && !top.selfSigned()) {
            out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.of(top.sha256()),
                    "Revocation of " + chain.label(top) + " not checked: its issuer " + Describe.name(top.issuer())
                            + " was not sent and no trust list was given.",
                    "Give the trust list of the " + chain.verifier() + " " + chain.wording().howToGive(Wording.Input.TRUST_LIST) + "."));
        }
        return out;
    }

    private static Verdict status(CheckedChain chain, Cert cert, Cert issuer, RevocationStatus status) {
        String who = chain.label(cert);
        return switch (status.state()) {
            case GOOD -> Verdict.pass(Rule.VD2, cert.sha256(), who + " is not revoked: "
                    + status.crl().map(crl -> Crls.describe(crl) + " does not list it.").orElse("the CRLs given do not list it."));
            case REVOKED -> {
                ParsedCrl.Entry entry = status.entry().orElseThrow();
                boolean leaf = chain.leaf().filter(cert::sameAs).isPresent();
                yield new Verdict(Rule.VD2, Severity.FAIL, Optional.of(cert.sha256()), who + " was revoked on "
                        + Describe.date(entry.revocationDate()) + " (reason: " + Crls.reason(entry.reason()) + ") by "
                        + status.crl().map(Crls::describe).orElse("a CRL") + ".",
                        leaf ? "Replace it: have the CA issue a new certificate and install it on the " + chain.sender() + "."
                             : "The CA " + who + " is revoked: replace it, and reissue every certificate it signed.");
            }
            case UNDETERMINED -> new Verdict(Rule.VD2, Severity.FAIL, Optional.of(cert.sha256()),
                    "No CRL given settles whether " + who + " is revoked: " + String.join("; ", status.problems()) + ".",
                    "Give a current CRL of " + issuer.label() + ", signed with its key, that covers " + who + ".");
            case NOT_CHECKED -> {
                List<String> where = Crls.distributionPoints(cert);
                yield new Verdict(Rule.VD2, Severity.INFO, Optional.of(cert.sha256()),
                        "Revocation of " + who + " not checked: no CRL of its issuer " + issuer.label() + " was given"
                                + (where.isEmpty() ? "." : " (it is published at " + String.join(", ", where) + ")."),
                        "Give the CRL of " + issuer.label() + " " + chain.wording().howToGive(Wording.Input.CRL) + " to check it.");
            }
        };
    }

    /** Without CRLs: where revocation could be checked, and that it was not. */
    private static List<Verdict> offline(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        for (Cert cert : chain.parsed()) {
            List<String> crl = Crls.distributionPoints(cert);
            List<String> ocsp = Crls.ocspResponders(cert);
            if (crl.isEmpty() && ocsp.isEmpty()) continue;
            List<String> where = new ArrayList<>();
            if (!crl.isEmpty()) where.add("CRL at " + String.join(", ", crl));
            if (!ocsp.isEmpty()) where.add("OCSP at " + String.join(", ", ocsp));
            out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.of(cert.sha256()),
                    "Revocation of " + chain.label(cert) + " not checked (offline): " + String.join("; ", where) + ".",
                    crl.isEmpty() ? ""
                            : "Download the CRL and give it " + chain.wording().howToGive(Wording.Input.CRL) + " to check it."));
        }
        if (out.isEmpty()) {
            out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.empty(),
                    "Revocation not checked (offline): no certificate of the chain names a CRL or OCSP location.", ""));
        }
        return out;
    }
}
