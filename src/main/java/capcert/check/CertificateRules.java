package capcert.check;

import capcert.x509.ExtensionNames;
import capcert.x509.Malformation;
import capcert.x509.ParsedCertificate;
import capcert.x509.PublicKeyInfo;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each certificate judged is by itself, wherever it came from (sent, an extra intermediate, the
 * trusted CA that ends the path), in its role there:
 *
 * <ul>
 *   <li>MF1: its encoding — what {@link ParsedCertificate} found malformed (an empty issuer, two
 *       extensions with one OID, mismatched signature algorithms, explicit EC parameters, a key that
 *       does not decode, a serial number that is zero, negative or too long, BER where DER belongs).</li>
 *   <li>XT1: its extensions against RFC 5280's profile — criticality (AKI, SKI, AIA non-critical;
 *       name and policy constraints critical; a SAN critical when the subject is empty), presence
 *       (SKI on CAs, AKI on all but self-signed ones, basicConstraints on a trusted root) and
 *       consistency (a CA whose key usage forbids signing certificates, a path length on what cannot
 *       sign certificates, name constraints on an end entity).</li>
 *   <li>WB1, with the web profile only: the CA/Browser Forum's Baseline Requirements.</li>
 * </ul>
 *
 * Severities follow the profile: what every TLS stack refuses FAILs everywhere, what only strict
 * ones refuse WARNs under the generic and Expressway profiles and FAILs under the web profile.
 */
final class CertificateRules {

    private enum Role { LEAF, INTERMEDIATE, ANCHOR, OTHER }

    /** What the Baseline Requirements allow to sign a certificate (7.1.3.2). */
    private static final Set<ASN1ObjectIdentifier> WEB_SIGNATURES = Set.of(PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, PKCSObjectIdentifiers.sha512WithRSAEncryption,
            PKCSObjectIdentifiers.id_RSASSA_PSS, X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<String> WEB_SERVER_PURPOSES = Set.of(KeyPurposes.SERVER_AUTH, KeyPurposes.CLIENT_AUTH);
    /** Chrome and Apple refuse longer-lived server certificates from public CAs issued since then (BR 6.3.2). */
    private static final Instant WEB_398_DAYS_SINCE = Instant.parse("2020-09-01T00:00:00Z");
    private static final Duration WEB_MAX_VALIDITY = Duration.ofDays(398);

    private CertificateRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain, List<Cert> judged, Optional<TrustPath.Outcome> trust) {
        List<Verdict> out = new ArrayList<>();
        List<Cert> path = trust.map(TrustPath.Outcome::certificates).orElse(List.of());
        boolean anchored = trust.map(t -> t.path().anchor().list() >= 0).orElse(false);
        for (Cert cert : judged) {
            Role role = role(chain, cert, path, anchored);
            Rules rules = new Rules(chain, cert, role, anchored);
            rules.malformations();
            rules.extensions();
            if (chain.options().profile() == Profile.WEB) rules.web();
            if (rules.out.isEmpty() && role != Role.OTHER) {
                out.add(Verdict.pass(Rule.XT1, cert.sha256(), chain.label(cert) + " is well formed, its extensions as RFC 5280"
                        + " asks of " + switch (role) {
                            case LEAF -> "an end-entity certificate";
                            case INTERMEDIATE -> "an intermediate CA";
                            default -> cert.selfIssued() ? "a root CA" : "a trusted CA";
                        } + "."));
            }
            out.addAll(rules.out);
        }
        return out;
    }

    private static Role role(CheckedChain chain, Cert cert, List<Cert> path, boolean anchored) {
        if (chain.leaf().filter(cert::sameAs).isPresent()) return Role.LEAF;
        for (int i = 1; i < path.size(); i++) {
            if (path.get(i).sameAs(cert)) return i == path.size() - 1 && (anchored || cert.selfSigned()) ? Role.ANCHOR : Role.INTERMEDIATE;
        }
        return Role.OTHER;
    }

    /** The rules for one certificate in one role. */
    private static final class Rules {
        final CheckedChain chain;
        final Cert cert;
        final ParsedCertificate p;
        final Role role;
        final String who;
        final boolean web;
        /** The path ends at a CA of a trust list (not just the top of the chain as sent). */
        final boolean anchored;
        final List<Verdict> out = new ArrayList<>();

        Rules(CheckedChain chain, Cert cert, Role role, boolean anchored) {
            this.chain = chain;
            this.cert = cert;
            this.p = cert.parsed();
            this.role = role;
            this.who = chain.label(cert);
            this.web = chain.options().profile() == Profile.WEB;
            this.anchored = anchored;
        }

        void malformations() {
            for (Malformation m : p.malformations()) {
                boolean strictOnly = switch (m.kind()) {
                    case NOT_DER, EXTENSIONS_EMPTY, DUPLICATE_POLICY -> true;
                    case VERSION_INVALID -> m.detail().startsWith("v1 written out");
                    default -> false;
                };
                String what = switch (m.kind()) {
                    case TRAILING_DATA -> "has " + m.detail() + " after the certificate";
                    case NOT_DER -> "is not in DER, the one encoding signatures are made over (valid BER only)";
                    case VERSION_INVALID -> "has an invalid version field (" + m.detail() + ")";
                    case VERSION_TOO_LOW -> "has " + m.detail() + ", which its version does not allow";
                    case SERIAL_NEGATIVE -> "has a negative serial number, which RFC 5280 forbids";
                    case SERIAL_ZERO -> "has the serial number 0, which RFC 5280 forbids";
                    case SERIAL_TOO_LONG -> "has a serial number of " + m.detail() + ", longer than the 20 RFC 5280 allows";
                    case SIGNATURE_ALGORITHM_MISMATCH -> "names one signature algorithm in its signed part and another outside it ("
                            + m.detail() + ")";
                    case ISSUER_EMPTY -> "has an empty issuer name, which RFC 5280 forbids";
                    case SIGNATURE_BITS -> "has a signature that is not a whole number of bytes";
                    case PUBLIC_KEY_INVALID -> "has a public key that cannot be used: " + m.detail();
                    case EC_EXPLICIT_PARAMETERS -> "has an EC key with explicit curve parameters instead of a named curve"
                            + " (RFC 5480; CVE-2020-0601 abused them)";
                    case DUPLICATE_EXTENSION -> "has the extension " + m.detail() + " twice, which RFC 5280 forbids";
                    case EXTENSIONS_EMPTY -> "has an extensions field with no extension in it";
                    case EXTENSION_MALFORMED -> "has an extension that does not decode: " + m.detail();
                    case NAME_CONSTRAINTS_EMPTY -> "has name constraints with no subtree (or an empty list of them)";
                    case POLICY_CONSTRAINTS_EMPTY -> "has policy constraints that require nothing";
                    case DUPLICATE_POLICY -> "lists the certificate policy " + m.detail() + " twice";
                };
                // Well-known roots have serial number 0 (Go Daddy and Starfield G2): in a root a verifier already
                // trusts, an odd serial number changes nothing.
                boolean rootSerial = role == Role.ANCHOR && (m.kind() == Malformation.Kind.SERIAL_ZERO
                        || m.kind() == Malformation.Kind.SERIAL_NEGATIVE);
                if (rootSerial) {
                    add(Rule.MF1, Severity.INFO, who + " " + what + "; in a root that verifiers trust as it is, it does no harm.", "");
                    continue;
                }
                add(Rule.MF1, strictOnly && !web ? Severity.WARN : Severity.FAIL, who + " " + what + "."
                                + (strictOnly && !web ? " Strict verifiers refuse it." : " Verifiers refuse it."),
                        "Have the CA issue a correct certificate; this one cannot be fixed by its holder.");
            }
        }

        void extensions() {
            boolean ca = p.isCa() || role == Role.INTERMEDIATE || role == Role.ANCHOR;
            critical(Extension.authorityKeyIdentifier, false, "RFC 5280 4.2.1.1");
            critical(Extension.subjectKeyIdentifier, false, "RFC 5280 4.2.1.2");
            critical(Extension.authorityInfoAccess, false, "RFC 5280 4.2.2.1");
            critical(Extension.policyConstraints, true, "RFC 5280 4.2.1.11");
            critical(Extension.inhibitAnyPolicy, true, "RFC 5280 4.2.1.14");
            if (!web) critical(Extension.nameConstraints, true, "RFC 5280 4.2.1.10");
            boolean hasSan = p.extension(Extension.subjectAlternativeName.getId()).isPresent();
            if (p.subject().isEmpty() && !ca) {
                if (!hasSan) {
                    fail(who + " has an empty subject and no subjectAltName: it names nobody (RFC 5280 4.1.2.6).");
                } else if (!p.critical(Extension.subjectAlternativeName.getId())) {
                    fail(who + " has an empty subject and a non-critical subjectAltName: RFC 5280 (4.2.1.6) requires the"
                            + " SAN to be critical then.");
                }
            }
            if (p.keyUsage().filter(k -> k == 0).isPresent()) {
                fail(who + " has a key usage extension with no usage set: RFC 5280 (4.2.1.3) requires at least one.");
            }
            if (p.nameConstraints().isPresent() && !p.isCa()) {
                fail(who + " has name constraints without being a CA: RFC 5280 (4.2.1.10) allows them in CA certificates only.");
            }
            if (!p.selfIssued() || !cert.selfSigned()) {
                if (p.version() == 3 && p.authorityKey().flatMap(ParsedCertificate.AuthorityKey::keyIdentifier).isEmpty()) {
                    add(Rule.XT1, Severity.FAIL, who + " has no authority key identifier: RFC 5280 (4.2.1.1) requires one in every"
                                    + " certificate but a self-signed one, so that verifiers can find its issuer. Strict verifiers"
                                    + " refuse it; older CA certificates sometimes lack it, and lenient ones build the path by name.",
                            "Have the CA issue it with an authorityKeyIdentifier.");
                }
            }
            if (!ca) {
                pathLenWithoutCa();
                return;
            }
            if (p.version() == 3 && p.subjectKeyId().isEmpty()) {
                add(Rule.XT1, Severity.FAIL, who + " is a CA without a subject key identifier, which RFC 5280 (4.2.1.2)"
                        + " requires of every CA so that paths can be built.", "Have the CA certificate reissued with one.");
            }
            if (p.subject().isEmpty()) fail(who + " is a CA with an empty subject, which RFC 5280 (4.1.2.6) forbids.");
            Optional<ParsedCertificate.Constraints> bc = p.basicConstraints();
            if (role == Role.ANCHOR) {
                String as = anchored ? "is trusted as a CA" : "is the root CA that ends this chain";
                if (p.version() < 3) {
                    add(Rule.XT1, Severity.INFO, who + " is a version " + p.version() + " root: it has no extensions, so no"
                            + " basicConstraints; verifiers accept such a root as a trust anchor.",
                            "Replace it with the CA's version 3 certificate if the CA has one.");
                } else if (bc.isEmpty()) {
                    fail(who + " " + as + " but has no basicConstraints extension: RFC 5280 (4.2.1.9) requires one,"
                            + " critical, in every CA certificate.");
                } else if (!bc.get().critical()) {
                    fail(who + " " + as + " but its basicConstraints extension is not critical, which RFC 5280"
                            + " (4.2.1.9) requires.");
                } else if (!bc.get().ca()) {
                    fail(who + " " + as + " but its basicConstraints say cA FALSE.");
                }
                if (bc.filter(ParsedCertificate.Constraints::ca).isPresent() && !p.keyUsageAllows(ParsedCertificate.KEY_CERT_SIGN)) {
                    fail(who + " says it is a CA (cA TRUE) but its key usage does not allow signing certificates"
                            + " (no keyCertSign): RFC 5280 (4.2.1.3, 4.2.1.9) makes the two go together.");
                }
            } else if (role == Role.INTERMEDIATE && bc.isPresent() && !bc.get().critical()) {
                add(Rule.XT1, Severity.WARN, who + " has a basicConstraints extension that is not critical: RFC 5280 (4.2.1.9)"
                        + " requires it critical in CA certificates; path validation accepts it, strict verifiers"
                        + " (OpenSSL with x509_strict) refuse it.", "Have the CA certificate reissued with it critical.");
            }
            pathLenWithoutCa();
        }

        private void pathLenWithoutCa() {
            Optional<ParsedCertificate.Constraints> bc = p.basicConstraints();
            if (bc.filter(b -> b.pathLen() >= 0).isPresent()
                    && (!bc.get().ca() || !p.keyUsageAllows(ParsedCertificate.KEY_CERT_SIGN))) {
                fail(who + " has a path length constraint but " + (bc.get().ca() ? "its key usage does not allow signing"
                        + " certificates" : "is not a CA") + ": RFC 5280 (4.2.1.9) allows one only on a CA with keyCertSign.");
            }
        }

        /**
         * An extension RFC 5280 requires critical ({@code mustBe} true) or non-critical. A constraint left
         * non-critical in a certificate below the trust anchor is a WARN: path validation processes it all the
         * same (PKITS 4.6.4 and 4.8 have such CAs); only verifiers that do not know it may skip it. On the
         * trust anchor, which no path validation vouches for, it is a FAIL.
         */
        private void critical(ASN1ObjectIdentifier oid, boolean mustBe, String where) {
            Optional<ParsedCertificate.Ext> e = p.extension(oid.getId());
            if (e.isEmpty() || e.get().critical() == mustBe) return;
            String message = who + " marks its " + ExtensionNames.name(oid.getId()) + " extension " + (mustBe ? "non-critical" : "critical")
                    + ", which " + where + " forbids.";
            if (mustBe && role != Role.ANCHOR) {
                add(Rule.XT1, Severity.WARN, message + " Path validation processes it anyway; strict verifiers refuse the certificate.",
                        "Have the CA certificate reissued with the extension critical.");
            } else {
                fail(message);
            }
        }

        void web() {
            if (p.version() != 3) {
                webFail(who + " is a version " + p.version() + " certificate: the Baseline Requirements (7.1.1) allow version 3 only.");
            }
            PublicKeyInfo key = p.publicKey();
            if (key.problem().isEmpty()) {
                if (key.algorithm() == PublicKeyInfo.Algorithm.RSA && (key.bits() < 2048 || key.bits() % 8 != 0)) {
                    webFail(who + " has an RSA key of " + key.bits() + " bits: the Baseline Requirements (6.1.5) ask for 2048"
                            + " bits or more, a multiple of 8.");
                } else if (key.algorithm() == PublicKeyInfo.Algorithm.EC && !key.webCurve()) {
                    webFail(who + " has an EC key on " + key.describe() + ": the Baseline Requirements (6.1.5) allow P-256,"
                            + " P-384 and P-521 only.");
                } else if (key.algorithm() != PublicKeyInfo.Algorithm.RSA && key.algorithm() != PublicKeyInfo.Algorithm.EC) {
                    webFail(who + " has a " + key.describe() + " key: the Baseline Requirements (6.1.5) allow RSA and ECDSA keys only.");
                }
            }
            if (!cert.selfSigned() && !webSignature()) {
                webFail(who + " is signed with " + SignatureNames.name(p.signatureAlgorithm()) + ", which the Baseline"
                        + " Requirements (7.1.3.2) do not allow (RSA PKCS#1 or PSS, or ECDSA, with SHA-256, -384 or -512).");
            }
            if (role == Role.ANCHOR && cert.selfIssued()) webRoot();
            if (role == Role.LEAF) webLeaf();
        }

        private boolean webSignature() {
            ASN1ObjectIdentifier oid = p.signatureAlgorithm().getAlgorithm();
            if (!WEB_SIGNATURES.contains(oid)) return false;
            if (!oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) return true;
            try {
                ASN1ObjectIdentifier hash = RSASSAPSSparams.getInstance(p.signatureAlgorithm().getParameters()).getHashAlgorithm().getAlgorithm();
                return hash.equals(NISTObjectIdentifiers.id_sha256) || hash.equals(NISTObjectIdentifiers.id_sha384)
                        || hash.equals(NISTObjectIdentifiers.id_sha512);
            } catch (RuntimeException e) {
                return false;
            }
        }

        private void webRoot() {
            if (p.extendedKeyUsage().isPresent()) {
                webFail(who + " is a root with an extended key usage extension, which the Baseline Requirements (7.1.2.1.2) forbid.");
            }
            Optional<ParsedCertificate.AuthorityKey> aki = p.authorityKey();
            if (aki.isPresent()) {
                if (aki.get().keyIdentifier().isEmpty()) {
                    webFail(who + " is a root whose authority key identifier has no key identifier, which the Baseline"
                            + " Requirements (7.1.2.1.3) require when the extension is present.");
                } else if (p.subjectKeyId().isPresent() && !java.util.Arrays.equals(aki.get().keyIdentifier().get(), p.subjectKeyId().get())) {
                    webFail(who + " is a root whose authority key identifier differs from its own subject key identifier"
                            + " (Baseline Requirements 7.1.2.1.3).");
                }
                if (aki.get().hasIssuer() || aki.get().hasSerial()) {
                    webFail(who + " is a root whose authority key identifier names an issuer or serial number, which the"
                            + " Baseline Requirements (7.1.2.1.3) forbid.");
                }
            }
        }

        private void webLeaf() {
            Optional<List<GeneralName>> sans = p.subjectAltNames();
            if (p.extension(Extension.subjectAlternativeName.getId()).isEmpty()) {
                webFail(who + " has no subjectAltName: the Baseline Requirements (7.1.2.7.12) require one, and browsers take"
                        + " the names of a server from it alone, never from the common name.");
            } else if (!p.subject().isEmpty() && p.critical(Extension.subjectAlternativeName.getId())) {
                webFail(who + " marks its subjectAltName critical although its subject is not empty, which the Baseline"
                        + " Requirements (7.1.2.7.12) forbid.");
            }
            Optional<List<String>> eku = p.extendedKeyUsage();
            if (p.extension(Extension.extendedKeyUsage.getId()).isEmpty()) {
                webFail(who + " has no extended key usage: the Baseline Requirements (7.1.2.7.10) require one with serverAuth.");
            } else if (eku.isPresent()) {
                if (eku.get().contains(KeyPurposes.ANY)) {
                    webFail(who + " allows any extended key usage (anyExtendedKeyUsage), which the Baseline Requirements"
                            + " (7.1.2.7.10) forbid in a server certificate.");
                }
                if (chain.purpose() == Purpose.SERVER && !eku.get().contains(KeyPurposes.SERVER_AUTH)) {
                    webFail(who + " lacks TLS Web Server Authentication (serverAuth), which the Baseline Requirements"
                            + " (7.1.2.7.10) require.");
                }
                List<String> others = eku.get().stream().filter(o -> !WEB_SERVER_PURPOSES.contains(o) && !o.equals(KeyPurposes.ANY)).toList();
                if (!others.isEmpty()) {
                    webFail(who + " also allows " + KeyPurposes.names(others) + ": a TLS server certificate may carry"
                            + " serverAuth and clientAuth only (Baseline Requirements 7.1.2.7.10).");
                }
                if (p.critical(Extension.extendedKeyUsage.getId())) {
                    webFail(who + " marks its extended key usage critical, which the Baseline Requirements (7.1.2.7.10) forbid.");
                }
            }
            webKeyUsage();
            commonNames(sans.orElse(List.of()));
            if (!p.notBefore().isBefore(WEB_398_DAYS_SINCE)
                    && Duration.between(p.notBefore(), p.notAfter()).compareTo(WEB_MAX_VALIDITY) > 0) {
                add(Rule.WB1, Severity.WARN, who + " is valid for " + Duration.between(p.notBefore(), p.notAfter()).toDays()
                                + " days: browsers refuse a server certificate from a public CA issued since 1 September 2020"
                                + " for more than 398 days (private CAs are not held to it).",
                        "Have it reissued for 398 days or less.");
            }
        }

        /** BR 7.1.2.7.11: an RSA key signs or enciphers keys, an EC key signs or agrees; never certificates or CRLs. */
        private void webKeyUsage() {
            Optional<Integer> ku = p.keyUsage();
            if (ku.isEmpty()) return;
            int bits = ku.get();
            boolean rsa = p.publicKey().algorithm() == PublicKeyInfo.Algorithm.RSA;
            boolean usable = rsa ? (bits & (ParsedCertificate.DIGITAL_SIGNATURE | ParsedCertificate.KEY_ENCIPHERMENT)) != 0
                    : (bits & (ParsedCertificate.DIGITAL_SIGNATURE | ParsedCertificate.KEY_AGREEMENT)) != 0;
            if (!usable || (bits & (ParsedCertificate.KEY_CERT_SIGN | ParsedCertificate.CRL_SIGN)) != 0) {
                webFail(who + " has the key usage " + KeyPurposes.keyUsage(cert) + ": the Baseline Requirements (7.1.2.7.11)"
                        + " want digitalSignature" + (rsa ? " and/or keyEncipherment" : " (and keyAgreement at most)")
                        + " for a server's " + (rsa ? "RSA" : "EC") + " key, and never keyCertSign or cRLSign.");
            }
        }

        /** BR 7.1.4.3: each common name is a SAN value, character for character (IP addresses in their canonical text). */
        private void commonNames(List<GeneralName> sans) {
            for (String cn : p.subject().values(org.bouncycastle.asn1.x500.style.BCStyle.CN.getId())) {
                boolean found = false;
                for (GeneralName g : sans) {
                    if (g.getTagNo() == GeneralName.dNSName && ASN1IA5String.getInstance(g.getName()).getString().equals(cn)) found = true;
                    if (g.getTagNo() == GeneralName.iPAddress && canonicalIp(ASN1OctetString.getInstance(g.getName()).getOctets()).equals(cn)) {
                        found = true;
                    }
                }
                if (!found) {
                    webFail(who + " has the common name \"" + cn + "\", which is not one of its subjectAltName values written"
                            + " the same way: the Baseline Requirements (7.1.4.3) require a character-for-character copy"
                            + " (IP addresses in dotted decimal or RFC 5952 form).");
                }
            }
        }

        private static String canonicalIp(byte[] octets) {
            try {
                if (octets.length == 4) return InetAddress.getByAddress(octets).getHostAddress();
                if (octets.length == 16) return rfc5952(octets);
            } catch (UnknownHostException e) {
                // 4 bytes are always an address.
            }
            return "";
        }

        /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups (the first) as "::". */
        private static String rfc5952(byte[] octets) {
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) groups[i] = ((octets[2 * i] & 0xff) << 8) | (octets[2 * i + 1] & 0xff);
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < 8; ) {
                int j = i;
                while (j < 8 && groups[j] == 0) j++;
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j == i ? i + 1 : j;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    out.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
                out.append(Integer.toHexString(groups[i]));
            }
            return out.toString();
        }

        private void fail(String message) {
            add(Rule.XT1, Severity.FAIL, message, "Have the CA issue a correct certificate; this one cannot be fixed by its holder.");
        }

        private void webFail(String message) {
            add(Rule.WB1, Severity.FAIL, message, "Have the CA issue a certificate that meets the Baseline Requirements.");
        }

        private void add(Rule rule, Severity severity, String message, String remedy) {
            out.add(new Verdict(rule, severity, Optional.of(cert.sha256()), message, remedy));
        }
    }
}
