package capcert.check;

import capcert.check.path.NameSyntax;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The names in the leaf: the name the client asked for (NM1), the names the deployment needs (NM2),
 * their syntax (SN1), IP-address SANs, and with the Expressway profile wildcards (NM4) and the length
 * of the SAN field (NM5). A reference name is a DNS name, an IP address, or a mailbox (with an
 * {@code @}). The common name stands in for a missing subjectAltName, except in the web profile,
 * where the Baseline Requirements forbid it.
 */
final class NameRules {

    /** Expressway ignores the SAN field past this many characters. */
    static final int SAN_FIELD_LIMIT = 999;

    private NameRules() {
    }

    static List<Verdict> verdicts(CheckedChain chain) {
        List<Verdict> out = new ArrayList<>();
        Optional<Cert> found = chain.leaf();
        if (found.isEmpty()) return out;
        boolean web = chain.options().profile() == Profile.WEB;
        Names names = Names.of(found.get(), !web);
        String who = chain.label(found.get());
        boolean server = chain.purpose() == Purpose.SERVER;
        boolean fromCapture = chain.port().isPresent();

        if (server && chain.serverName().isPresent()) {
            out.add(requested(names, who, chain.serverName().get(), web));
        } else if (server && fromCapture) {
            out.add(new Verdict(Rule.NM1, Severity.INFO, Optional.of(names.cert.sha256()),
                    "The client sent no SNI, so the name it expects is not known; names not checked against it.",
                    "Check the name clients use " + chain.wording().howToGive(Wording.Input.EXPECTED_NAME) + "."));
        }
        List<String> expected = server || !fromCapture ? chain.options().expectedNames() : List.of();
        out.addAll(expected(names, who, expected));
        out.addAll(syntax(chain, names, who));
        if (chain.options().profile() == Profile.EXPRESSWAY) {
            out.add(wildcards(names, who));
            sanLength(names, who, expected).ifPresent(out::add);
        }
        if (!names.ips.isEmpty()) {
            out.add(new Verdict(Rule.NM1, Severity.INFO, Optional.of(names.cert.sha256()),
                    who + " carries IP address SANs: " + String.join(", ", names.ips)
                            + ". A client that reaches the server by IP address matches only these.", ""));
        }
        return out;
    }

    private static Verdict requested(Names names, String who, String reference, boolean web) {
        Optional<String> match = names.match(reference);
        if (match.isPresent()) {
            return Verdict.pass(Rule.NM1, names.cert.sha256(),
                    "The name the client asked for, \"" + reference + "\", matches " + match.get() + " of " + who + ".");
        }
        if (web && !names.hasSan && Names.of(names.cert, true).match(reference).isPresent()) {
            return new Verdict(Rule.NM1, Severity.FAIL, Optional.of(names.cert.sha256()),
                    who + " carries \"" + reference + "\" only as its common name and has no subjectAltName: browsers"
                            + " and the Baseline Requirements (7.1.2.7.12) take names from the SAN alone.",
                    "Reissue it with DNS:" + reference + " in the Subject Alternative Name.");
        }
        boolean ip = HostNames.ipLiteral(reference).isPresent();
        return new Verdict(Rule.NM1, Severity.FAIL, Optional.of(names.cert.sha256()),
                "The client asked for \"" + reference + "\", but " + who + " is for " + names.carried()
                        + (ip ? ": an IP address matches only an IP-address SAN, which it does not have."
                              : ": no name matches, so a client refuses it (Jabber asks the user to accept it)."),
                ip ? "Have clients reach the server by a name the certificate carries (add servers by FQDN), or"
                        + " reissue it with IP:" + reference + " in the SAN."
                   : "Reissue it with DNS:" + reference + " in the Subject Alternative Name, or have clients use a"
                        + " name it carries.");
    }

    private static List<Verdict> expected(Names names, String who, List<String> expected) {
        List<Verdict> out = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String name : expected) {
            Optional<String> match = names.match(name);
            if (match.isPresent()) {
                present.add("\"" + name + "\" (" + match.get() + ")");
                continue;
            }
            String why = name.toLowerCase(java.util.Locale.ROOT).startsWith("collab-edge.")
                    ? " MRA clients find Expressway-E through this domain's _collab-edge SRV record and check that"
                      + " the certificate carries it (or the base domain); without it, Jabber asks the user and IP"
                      + " phones refuse to connect."
                    : "";
            out.add(new Verdict(Rule.NM2, Severity.FAIL, Optional.of(names.cert.sha256()),
                    "The expected name \"" + name + "\" is not in " + who + ", which carries " + names.carried() + "." + why,
                    "Add DNS:" + name + " to the SAN and reissue the certificate."));
        }
        if (!present.isEmpty()) {
            out.add(Verdict.pass(Rule.NM2, names.cert.sha256(), "Expected " + (present.size() == 1 ? "name" : "names")
                    + " present in " + who + ": " + Describe.and(present) + "."));
        }
        return out;
    }

    private static Verdict wildcards(Names names, String who) {
        List<String> wild = new ArrayList<>(names.dns.stream().filter(HostNames::isWildcard).map(d -> "DNS:" + d).toList());
        if (HostNames.isWildcard(names.cn)) wild.add("CN=" + names.cn);
        if (wild.isEmpty()) return Verdict.pass(Rule.NM4, names.cert.sha256(), who + " has no wildcard name.");
        return new Verdict(Rule.NM4, Severity.FAIL, Optional.of(names.cert.sha256()),
                who + " is a wildcard certificate (" + (wild.size() <= 5 ? String.join(", ", wild)
                        : String.join(", ", wild.subList(0, 4)) + " and " + (wild.size() - 4) + " more") + "): "
                        + "Expressway does not support wildcard certificates.",
                "Use a certificate that lists every name explicitly in the SAN.");
    }

    /** SN1: names in the SAN must be in their form's syntax; a TLS client matches nothing against one that is not. */
    private static List<Verdict> syntax(CheckedChain chain, Names names, String who) {
        List<String> bad = new ArrayList<>();
        for (String d : names.dns) NameSyntax.dnsProblem(d).ifPresent(p -> bad.add("DNS:" + printable(d) + " (" + p + ")"));
        for (String e : names.emails) NameSyntax.emailProblem(e).ifPresent(p -> bad.add("email:" + printable(e) + " (" + p + ")"));
        for (String ip : names.badIps) bad.add("IP:" + ip + " (not 4 or 16 bytes: an address range has no place in a SAN)");
        if (bad.isEmpty()) return List.of();
        boolean web = chain.options().profile() == Profile.WEB;
        return List.of(new Verdict(Rule.SN1, web ? Severity.FAIL : Severity.WARN, Optional.of(names.cert.sha256()),
                who + " has names that break their syntax: " + String.join("; ", bad) + ". Clients match no name against"
                        + " them, and under name constraints such a name makes the chain fail."
                        + (web ? " The Baseline Requirements (7.1.2.7.12) forbid them." : ""),
                "Reissue it with host names of letters, digits and hyphens (IDNs as A-labels, xn--) and one address per IP SAN."));
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        return out.toString();
    }

    /**
     * Counted as Expressway shows the field: the DNS names as {@code DNS:name}, joined by {@code ", "}.
     * A name that ends past the limit is lost. Over the limit is a WARN; an expected name among the
     * lost ones is a FAIL.
     */
    private static Optional<Verdict> sanLength(Names names, String who, List<String> expected) {
        List<String> entries = names.dns.stream().map(d -> "DNS:" + d).toList();
        String field = String.join(", ", entries);
        if (field.length() <= SAN_FIELD_LIMIT) {
            return !entries.isEmpty()
                    ? Optional.of(Verdict.pass(Rule.NM5, names.cert.sha256(), "The SAN field of " + who + " is "
                            + field.length() + " characters long, within Expressway's " + SAN_FIELD_LIMIT + "."))
                    : Optional.empty();
        }
        List<String> lost = new ArrayList<>();
        int end = 0;
        for (String entry : entries) {
            if (end > 0) end += 2;
            end += entry.length();
            if (end > SAN_FIELD_LIMIT) lost.add(entry);
        }
        List<String> lostExpected = expected.stream()
                .filter(name -> lost.stream().anyMatch(l -> HostNames.matches(l.substring(4), name))).toList();
        String lostText = lost.size() <= 10 ? String.join(", ", lost)
                : String.join(", ", lost.subList(0, 10)) + " and " + (lost.size() - 10) + " more";
        boolean fail = !lostExpected.isEmpty();
        return Optional.of(new Verdict(Rule.NM5, fail ? Severity.FAIL : Severity.WARN, Optional.of(names.cert.sha256()),
                "The SAN field of " + who + " is " + field.length() + " characters long (counted as Expressway shows"
                        + " it: \"DNS:a, DNS:b\", DNS names only). Expressway ignores everything past character "
                        + SAN_FIELD_LIMIT + ", so " + (lost.size() == 1 ? "this name is" : "these " + lost.size() + " names are")
                        + " lost: " + lostText + "."
                        + (lostExpected.isEmpty() ? "" : " Among them is the expected name "
                                + Describe.and(lostExpected.stream().map(n -> "\"" + n + "\"").toList()) + "."),
                "Drop names the deployment does not need, or spread them over several certificates, so that the SAN"
                        + " field stays within " + SAN_FIELD_LIMIT + " characters"
                        + (lostExpected.isEmpty() ? "." : "; put the expected names first.")));
    }

    /**
     * The names a certificate answers to.
     *
     * @param cnFallback whether the common name stands in for a missing subjectAltName
     */
    private record Names(Cert cert, List<String> dns, List<String> ips, List<String> badIps, List<String> emails,
                         boolean hasSan, String cn, boolean cnFallback) {

        static Names of(Cert cert, boolean cnFallback) {
            List<String> dns = new ArrayList<>();
            List<String> ips = new ArrayList<>();
            List<String> badIps = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            for (GeneralName g : cert.parsed().subjectAltNames().orElse(List.of())) {
                switch (g.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(ASN1IA5String.getInstance(g.getName()).getString());
                    case GeneralName.rfc822Name -> emails.add(ASN1IA5String.getInstance(g.getName()).getString());
                    case GeneralName.iPAddress -> {
                        byte[] octets = ASN1OctetString.getInstance(g.getName()).getOctets();
                        try {
                            if (octets.length == 4 || octets.length == 16) ips.add(InetAddress.getByAddress(octets).getHostAddress());
                            else badIps.add(HexFormat.of().formatHex(octets));
                        } catch (UnknownHostException e) {
                            badIps.add(HexFormat.of().formatHex(octets));
                        }
                    }
                    default -> {
                        // Other forms are not names a TLS peer is reached by.
                    }
                }
            }
            boolean hasSan = cert.parsed().extension(Extension.subjectAlternativeName.getId()).isPresent();
            if (!hasSan) emails.addAll(cert.parsed().subject().values(PKCSObjectIdentifiers.pkcs_9_at_emailAddress.getId()));
            return new Names(cert, dns, ips, badIps, emails, hasSan, cert.parsed().subject().commonName(), cnFallback);
        }

        /** The SAN (or, without a SAN extension, the CN or subject e-mail) that matches, written as shown to users. */
        Optional<String> match(String reference) {
            Optional<InetAddress> ip = HostNames.ipLiteral(reference);
            if (ip.isPresent()) {
                return ips.stream().filter(s -> HostNames.ipLiteral(s).equals(ip)).map(s -> "IP:" + s).findFirst();
            }
            if (reference.contains("@")) {
                return emails.stream().filter(e -> sameMailbox(e, reference)).map(e -> "email:" + e).findFirst();
            }
            if (!hasSan) return cnFallback && HostNames.matches(cn, reference) ? Optional.of("CN=" + cn) : Optional.empty();
            return dns.stream().filter(d -> HostNames.matches(d, reference)).map(d -> "DNS:" + d).findFirst();
        }

        /** The local part exactly, the domain in any case (RFC 5280 §7.5). */
        private static boolean sameMailbox(String a, String b) {
            int i = a.lastIndexOf('@');
            int j = b.lastIndexOf('@');
            return i > 0 && j > 0 && a.substring(0, i).equals(b.substring(0, j))
                    && a.substring(i + 1).toLowerCase(Locale.ROOT).equals(b.substring(j + 1).toLowerCase(Locale.ROOT));
        }

        String carried() {
            if (!hasSan) return cn.isEmpty() ? "no name at all (no SAN, no CN)" : "CN=" + cn + " only (no SAN extension)";
            List<String> sans = new ArrayList<>();
            for (GeneralName g : cert.parsed().subjectAltNames().orElse(List.of())) sans.add(describe(g));
            if (sans.size() <= 12) return String.join(", ", sans);
            return String.join(", ", sans.subList(0, 12)) + " and " + (sans.size() - 12) + " more";
        }

        private static String describe(GeneralName g) {
            return switch (g.getTagNo()) {
                case GeneralName.dNSName -> "DNS:" + printable(ASN1IA5String.getInstance(g.getName()).getString());
                case GeneralName.rfc822Name -> "email:" + printable(ASN1IA5String.getInstance(g.getName()).getString());
                case GeneralName.uniformResourceIdentifier -> "URI:" + printable(ASN1IA5String.getInstance(g.getName()).getString());
                case GeneralName.iPAddress -> {
                    byte[] octets = ASN1OctetString.getInstance(g.getName()).getOctets();
                    try {
                        yield "IP:" + (octets.length == 4 || octets.length == 16
                                ? InetAddress.getByAddress(octets).getHostAddress() : HexFormat.of().formatHex(octets));
                    } catch (UnknownHostException e) {
                        yield "IP:" + HexFormat.of().formatHex(octets);
                    }
                }
                case GeneralName.directoryName -> "DirName:" + capcert.x509.DistinguishedName.of(g.getName()).rfc2253();
                case GeneralName.otherName -> "othername";
                default -> "name of type " + g.getTagNo();
            };
        }
    }
}
