package capcert.check;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * VD2: without CRLs, where revocation could be checked (CRL distribution points, OCSP) and that it
 * was not. With CRLs ({@link CheckOptions#crls()}), the JDK's PKIX revocation checking (RFC 5280: distribution
 * points, indirect CRLs, reason codes) over each path {@link TrustPath} found, or else over the chain
 * as sent: revoked certificates, certificates no CRL settles although one from their CA was given
 * (FAIL: the CRL is stale, forged, or does not cover them) and certificates whose CA's CRL was not
 * given at all (INFO: not checked). Delta CRLs are not supported by the JDK. CRLs and OCSP responses
 * the capture itself carried count as given; OCSP answers are judged by {@link OcspStatus}.
 */
final class Revocation {

    private Revocation() {
    }

    static List<Verdict> verdicts(CheckedChain chain, List<TrustPath.Outcome> trust) {
        if (chain.leaf().isEmpty()) return List.of();
        List<Verdict> ocsp = OcspStatus.verdicts(chain);
        List<X509CRL> crls = chain.options().crls();
        if (crls.isEmpty()) {
            if (ocsp.isEmpty()) return offline(chain);
            // Certificates an OCSP response answered for need no "not checked" verdict.
            List<Verdict> out = new ArrayList<>(ocsp);
            offline(chain).stream().filter(v -> v.certificate().isPresent()
                    && ocsp.stream().noneMatch(o -> o.certificate().equals(v.certificate()))).forEach(out::add);
            return out;
        }
        Set<Verdict> out = new LinkedHashSet<>(ocsp);
        boolean checked = false;
        for (TrustPath.Outcome outcome : trust) {
            if (outcome.accepted().isPresent()) {
                checked = true;
                out.addAll(accepted(chain, outcome.accepted().get()));
            } else if (outcome.rejection().filter(e -> e.getReason() == BasicReason.REVOKED).isPresent()) {
                checked = true;
                out.add(revoked(chain, outcome.walk().certificates(), outcome.rejection().get()));
            }
        }
        if (trust.isEmpty()) {
            List<Cert> path = IssuerWalk.forChain(chain, List.of()).certificates();
            Cert top = path.get(path.size() - 1);
            if (path.size() > 1) {
                checked = true;
                List<Cert> others = new ArrayList<>(chain.parsed());
                others.addAll(chain.intermediates());
                try {
                    out.addAll(accepted(chain, Pkix.validate(path, others, crls, chain.when())));
                } catch (CertPathValidatorException e) {
                    out.add(e.getReason() == BasicReason.REVOKED ? revoked(chain, path, e)
                            : new Verdict(Rule.VD2, Severity.INFO, Optional.of(path.get(0).sha256()),
                                    "Revocation not checked: the chain as sent is not a valid path." + Describe.jdk(e),
                                    "See the other verdicts for this chain."));
                }
            }
            if (!top.selfSigned()) {
                out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.of(top.sha256()),
                        "Revocation of " + chain.label(top) + " not checked: its issuer " + Describe.name(top.issuer())
                                + " was not sent and no trust list was given.",
                        "Give the trust list " + chain.wording().howToGive(Wording.Input.TRUST_LIST) + "."));
            }
        }
        if (!checked) {
            out.add(new Verdict(Rule.VD2, Severity.INFO, Optional.of(chain.leaf().get().sha256()),
                    "Revocation not checked: no trust list gives this chain a path to a trusted CA (CH2).",
                    "Fix the trust problem first."));
        }
        return List.copyOf(out);
    }

    /** Every certificate below the anchor: settled and not revoked, or why not settled. */
    private static List<Verdict> accepted(CheckedChain chain, Pkix.Accepted accepted) {
        List<Verdict> out = new ArrayList<>();
        List<Cert> path = accepted.path();
        for (Cert cert : path.subList(0, path.size() - 1)) {
            Optional<Pkix.Undetermined> open = accepted.undetermined().stream()
                    .filter(u -> u.cert().sameAs(cert)).findFirst();
            if (open.isPresent()) {
                out.add(undetermined(chain, open.get()));
                continue;
            }
            Optional<X509CRL> direct = chain.options().crls().stream()
                    .filter(crl -> crl.getIssuerX500Principal().equals(cert.issuer()))
                    .filter(crl -> !chain.when().isBefore(crl.getThisUpdate().toInstant()))
                    .max(Comparator.comparing(X509CRL::getThisUpdate));
            out.add(Verdict.pass(Rule.VD2, cert.sha256(), chain.label(cert) + " is not revoked: "
                    + direct.map(crl -> "the CRL of " + Describe.name(crl.getIssuerX500Principal()) + " issued "
                            + Describe.date(crl.getThisUpdate().toInstant()) + " does not list it.")
                            .orElse("the CRLs given do not list it.")));
        }
        return out;
    }

    private static Verdict undetermined(CheckedChain chain, Pkix.Undetermined open) {
        Cert cert = open.cert();
        Cert issuer = open.issuer();
        String who = chain.label(cert);
        List<X509CRL> meant = chain.options().crls().stream().filter(crl -> Crls.meantFor(crl, cert, issuer)).toList();
        if (meant.isEmpty()) {
            List<String> where = Crls.distributionPoints(cert);
            return new Verdict(Rule.VD2, Severity.INFO, Optional.of(cert.sha256()),
                    "Revocation of " + who + " not checked: no CRL from its issuer " + issuer.label() + " was given"
                            + (where.isEmpty() ? "." : " (it is published at " + String.join(", ", where) + ")."),
                    "Give " + issuer.label() + "'s CRL " + chain.wording().howToGive(Wording.Input.CRL) + " to check it.");
        }
        List<String> problems = meant.stream()
                .map(crl -> "the CRL from " + Describe.name(crl.getIssuerX500Principal()) + " issued "
                        + Describe.date(crl.getThisUpdate().toInstant()) + " " + Crls.problem(crl, cert, issuer, chain.when()))
                .toList();
        return new Verdict(Rule.VD2, Severity.FAIL, Optional.of(cert.sha256()),
                "No CRL given settles whether " + who + " is revoked: " + String.join("; ", problems) + " ("
                        + "JDK: " + open.jdkMessage() + ").",
                "Give a current CRL from " + issuer.label() + ", signed with its key, that covers " + who + ".");
    }

    private static Verdict revoked(CheckedChain chain, List<Cert> path, CertPathValidatorException e) {
        Cert cert = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : path.get(0);
        String who = chain.label(cert);
        String detail;
        if (e.getCause() instanceof CertificateRevokedException revoked) {
            detail = " on " + Describe.date(revoked.getRevocationDate().toInstant()) + " (reason: "
                    + Crls.reason(revoked.getRevocationReason()) + ") by the CRL of "
                    + Describe.name(revoked.getAuthorityName()) + ".";
        } else {
            detail = "." + Describe.jdk(e);
        }
        boolean leaf = cert.sameAs(path.get(0));
        return new Verdict(Rule.VD2, Severity.FAIL, Optional.of(cert.sha256()), who + " was revoked" + detail,
                leaf ? "Replace it: have the CA issue a new certificate and install it on the " + chain.sender() + "."
                     : "The CA " + who + " is revoked: replace it, and reissue every certificate it signed.");
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
