package capcert.check;

import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import capcert.x509.DistinguishedName;
import capcert.x509.ParsedCertificate;
import capcert.x509.Signatures;
import capcert.x509.Strength;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings about a trust list as a whole: CAs that shadow each other (CH3), CAs out of their
 * validity period (VD1), certificates that are not CAs (BC1), weak keys (KS1) and weak signature
 * hashes (SG1). Each rule with no finding gives one PASS.
 */
public final class TrustLint {

    private TrustLint() {
    }

    /** The findings for {@code list} at instant {@code at}, worst first, list order within a severity. */
    public static List<Verdict> lint(TrustList list, Instant at) {
        List<Ca> cas = list.certificates().stream().map(Ca::of).toList();
        List<Verdict> out = new ArrayList<>();
        addOrPass(out, Rule.CH3, sharedSubjects(cas, at), "no two certificates share a subject");
        addOrPass(out, Rule.VD1, validity(cas, at), "every certificate is valid at " + at);
        addOrPass(out, Rule.BC1, basicConstraints(cas), "every certificate is a CA (basicConstraints CA=true)");
        addOrPass(out, Rule.KS1, keys(cas), "every key is at least 2048 bits (RSA, DSA) or 256 bits (EC)");
        addOrPass(out, Rule.SG1, signatures(cas), "no certificate but self-signed roots is signed with SHA-1 or MD5");
        out.sort(Comparator.comparing(Verdict::severity).reversed());
        return List.copyOf(out);
    }

    private static void addOrPass(List<Verdict> out, Rule rule, List<Verdict> findings, String passMessage) {
        if (findings.isEmpty()) out.add(Verdict.pass(rule, null, passMessage));
        else out.addAll(findings);
    }

    /** A listed certificate, its encoding and fingerprint. */
    private record Ca(TrustedCertificate trusted, byte[] der, String sha256, String subject) {

        static Ca of(TrustedCertificate trusted) {
            return new Ca(trusted, trusted.der(), trusted.parsed().sha256(), trusted.parsed().subject().rfc2253());
        }

        /** Subject equals issuer and its own key verifies its signature. Asked only when it matters: it costs a signature check. */
        boolean selfSigned() {
            ParsedCertificate c = certificate();
            return c.selfIssued() && Signatures.verify(c, c.publicKey()).valid();
        }

        ParsedCertificate certificate() {
            return trusted.parsed();
        }

        String source() {
            return trusted.source();
        }

        /** "ca-list.pem #3 (CN=Corp Root,O=Corp)" */
        String name() {
            return source() + " (" + subject + ")";
        }

        boolean validAt(Instant at) {
            return !at.isBefore(certificate().notBefore()) && !at.isAfter(certificate().notAfter());
        }

        Verdict verdict(Rule rule, Severity severity, String message, String remedy) {
            return new Verdict(rule, severity, Optional.of(sha256), message, remedy);
        }
    }

    /**
     * CH3. Subjects are compared as X.500 names (case and spacing folded), as verifiers look issuers
     * up. Each later certificate is compared with the first of its subject, the one a verifier finds.
     */
    private static List<Verdict> sharedSubjects(List<Ca> cas, Instant at) {
        Map<DistinguishedName, List<Ca>> bySubject = new LinkedHashMap<>();
        for (Ca ca : cas) bySubject.computeIfAbsent(ca.certificate().subject(), k -> new ArrayList<>()).add(ca);
        List<Verdict> out = new ArrayList<>();
        for (List<Ca> group : bySubject.values()) {
            Ca first = group.get(0);
            for (Ca other : group.subList(1, group.size())) {
                String pair = first.source() + " and " + other.source();
                if (!first.certificate().publicKey().sameKey(other.certificate().publicKey())) {
                    out.add(other.verdict(Rule.CH3, Severity.FAIL,
                            pair + " have the same subject " + first.subject() + " but different keys: a verifier looks a CA up"
                                    + " by subject and stops at the first it finds, " + first.source() + ", so certificates"
                                    + " signed with the key of " + other.source() + " fail although that CA is listed",
                            "Remove the one that no longer issues certificates (usually the older). If both are in use,"
                                    + " e.g. the self-signed tomcat and CallManager certificates of one CUCM node, have both"
                                    + " signed by a CA and trust that CA instead."));
                } else if (java.util.Arrays.equals(first.der(), other.der())) {
                    out.add(other.verdict(Rule.CH3, Severity.INFO, pair + " are the same certificate, listed twice",
                            "Remove the copy; it does no harm."));
                } else if (!first.validAt(at) && other.validAt(at)) {
                    out.add(other.verdict(Rule.CH3, Severity.WARN,
                            pair + " are one CA re-issued (same subject " + first.subject() + ", same key), but the first,"
                                    + " the one a verifier finds, is not valid at " + at + ": a verifier that checks the"
                                    + " dates of the CA it found rejects chains although " + other.source() + " is valid",
                            "Remove " + first.source() + "."));
                } else {
                    out.add(other.verdict(Rule.CH3, Severity.INFO,
                            pair + " are one CA re-issued (same subject " + first.subject() + ", same key): either"
                                    + " verifies the same signatures",
                            "Nothing to do; remove the older one once it expires."));
                }
            }
        }
        return out;
    }

    /** VD1 at {@code at}. */
    private static List<Verdict> validity(List<Ca> cas, Instant at) {
        List<Verdict> out = new ArrayList<>();
        for (Ca ca : cas) {
            Instant notBefore = ca.certificate().notBefore();
            Instant notAfter = ca.certificate().notAfter();
            if (at.isAfter(notAfter)) {
                out.add(ca.verdict(Rule.VD1, Severity.FAIL,
                        ca.name() + " expired on " + notAfter + ": chains that end at this CA fail",
                        "Remove it and add the CA's current certificate (from the CA, or the peer's administrator)."));
            } else if (at.isBefore(notBefore)) {
                out.add(ca.verdict(Rule.VD1, Severity.WARN,
                        ca.name() + " is not valid before " + notBefore + ": chains through it fail until then",
                        "Keep the current CA certificate listed until then; if this date is unexpected, check the clock"
                                + " of the machine that issued it."));
            }
        }
        return out;
    }

    /** BC1. */
    private static List<Verdict> basicConstraints(List<Ca> cas) {
        List<Verdict> out = new ArrayList<>();
        for (Ca ca : cas) {
            ParsedCertificate c = ca.certificate();
            if (c.isCa()) continue;
            if (c.version() < 3 && ca.selfSigned()) {
                out.add(ca.verdict(Rule.BC1, Severity.INFO,
                        ca.name() + " is a version " + c.version() + " root: it has no extensions, so no"
                                + " basicConstraints; verifiers accept such a root as a trust anchor",
                        "Replace it with the CA's version 3 certificate if the CA has one."));
            } else {
                out.add(ca.verdict(Rule.BC1, Severity.WARN,
                        ca.name() + " is not a CA (no basicConstraints CA=true): a leaf in a trust list trusts only"
                                + " itself, not certificates that name it as issuer",
                        "Keep it only to trust this one certificate; to trust what a CA issues, list that CA's certificate."));
            }
        }
        return out;
    }

    /** KS1. */
    private static List<Verdict> keys(List<Ca> cas) {
        List<Verdict> out = new ArrayList<>();
        for (Ca ca : cas) {
            Optional<Strength.Key> key = Strength.key(ca.certificate());
            if (key.isEmpty()) continue;
            int bits = key.get().bits();
            boolean ec = key.get().algorithm().equals("EC");
            // EC: 160 bits is as weak as RSA 1024; curves under P-256 are ones TLS stacks have dropped.
            Severity severity = (ec ? bits < 160 : bits < 1024) ? Severity.FAIL
                    : (ec ? bits < 256 : bits < 2048) ? Severity.WARN : Severity.PASS;
            if (severity == Severity.PASS) continue;
            String size = ec ? "an EC key on a " + bits + "-bit curve" : "a " + bits + "-bit " + key.get().algorithm() + " key";
            out.add(ca.verdict(Rule.KS1, severity,
                    ca.name() + " has " + size + ", below " + (ec ? "256" : "2048") + " bits"
                            + (severity == Severity.FAIL ? ": it can be broken, and TLS stacks refuse it"
                            : ": current TLS stacks and CA rules require at least that"),
                    "Replace the CA with one that has an RSA key of 2048 bits or more, or an EC key of 256 bits or more."));
        }
        return out;
    }

    /**
     * SG1. A self-signed root is trusted because it is in the list, not because of its signature,
     * which verifiers do not check: its hash does not matter and is not reported.
     */
    private static List<Verdict> signatures(List<Ca> cas) {
        List<Verdict> out = new ArrayList<>();
        for (Ca ca : cas) {
            Optional<String> hash = Strength.weakSignatureHash(ca.certificate());
            if (hash.isEmpty() || ca.selfSigned()) continue;
            boolean broken = !hash.get().equals("SHA-1");
            out.add(ca.verdict(Rule.SG1, broken ? Severity.FAIL : Severity.WARN,
                    ca.name() + " is signed with " + hash.get() + (broken
                            ? ": such signatures can be forged, and verifiers refuse them"
                            : ": current browsers and many TLS stacks refuse SHA-1 signatures in a chain"),
                    "Replace it with the CA's re-issue signed with SHA-256 or better."));
        }
        return out;
    }
}
