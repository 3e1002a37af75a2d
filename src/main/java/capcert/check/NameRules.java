package capcert.check;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The names in the leaf: the name the client asked for (NM1), the names the deployment needs (NM2),
 * wildcards (NM4), the length of the SAN field (NM5), and IP-address SANs.
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
        Names names = Names.of(found.get());
        String who = chain.label(found.get());
        boolean server = chain.purpose() == Purpose.SERVER;
        boolean fromCapture = chain.port().isPresent();

        if (server && chain.serverName().isPresent()) {
            out.add(requested(names, who, chain.serverName().get()));
        } else if (server && fromCapture) {
            out.add(new Verdict(Rule.NM1, Severity.INFO, Optional.of(names.cert.sha256()),
                    "The client sent no SNI, so the name it expects is not known; names not checked against it.",
                    "Check the name clients use " + chain.wording().howToGive(Wording.Input.EXPECTED_NAME) + "."));
        }
        List<String> expected = server || !fromCapture ? chain.options().expectedNames() : List.of();
        out.addAll(expected(names, who, expected));
        wildcards(chain, names, who).ifPresent(out::add);
        sanLength(chain, names, who, expected).ifPresent(out::add);
        if (!names.ips.isEmpty()) {
            out.add(new Verdict(Rule.NM1, Severity.INFO, Optional.of(names.cert.sha256()),
                    who + " carries IP address SANs: " + String.join(", ", names.ips)
                            + ". A client that reaches the server by IP address matches only these.", ""));
        }
        return out;
    }

    private static Verdict requested(Names names, String who, String reference) {
        Optional<String> match = names.match(reference);
        if (match.isPresent()) {
            return Verdict.pass(Rule.NM1, names.cert.sha256(),
                    "The name the client asked for, \"" + reference + "\", matches " + match.get() + " of " + who + ".");
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

    private static Optional<Verdict> wildcards(CheckedChain chain, Names names, String who) {
        boolean expressway = chain.options().profile() == Profile.EXPRESSWAY;
        List<String> wild = new ArrayList<>(names.dns.stream().filter(HostNames::isWildcard).map(d -> "DNS:" + d).toList());
        if (HostNames.isWildcard(names.cn)) wild.add("CN=" + names.cn);
        if (wild.isEmpty()) {
            return expressway ? Optional.of(Verdict.pass(Rule.NM4, names.cert.sha256(), who + " has no wildcard name."))
                              : Optional.empty();
        }
        return Optional.of(new Verdict(Rule.NM4, expressway ? Severity.FAIL : Severity.WARN, Optional.of(names.cert.sha256()),
                who + " is a wildcard certificate (" + (wild.size() <= 5 ? String.join(", ", wild)
                        : String.join(", ", wild.subList(0, 4)) + " and " + (wild.size() - 4) + " more") + "): "
                        + (expressway ? "Expressway does not support wildcard certificates."
                                      : "most TLS clients accept it, but Expressway does not support wildcard certificates."),
                "Use a certificate that lists every name explicitly in the SAN."));
    }

    /**
     * Counted as Expressway shows the field: the DNS names as {@code DNS:name}, joined by {@code ", "}.
     * A name that ends past the limit is lost. Over the limit is a WARN; with the Expressway profile, an
     * expected name ({@link CheckOptions#expectedNames()}) among the lost ones is a FAIL.
     */
    private static Optional<Verdict> sanLength(CheckedChain chain, Names names, String who, List<String> expected) {
        boolean expressway = chain.options().profile() == Profile.EXPRESSWAY;
        List<String> entries = names.dns.stream().map(d -> "DNS:" + d).toList();
        String field = String.join(", ", entries);
        if (field.length() <= SAN_FIELD_LIMIT) {
            return expressway && !entries.isEmpty()
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
        boolean fail = expressway && !lostExpected.isEmpty();
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

    /** The names a certificate answers to. */
    private record Names(Cert cert, List<String> dns, List<String> ips, boolean hasSan, String cn) {

        static Names of(Cert cert) {
            List<String> sans = cert.details().subjectAltNames();
            return new Names(cert,
                    sans.stream().filter(s -> s.startsWith("DNS:")).map(s -> s.substring(4)).toList(),
                    sans.stream().filter(s -> s.startsWith("IP:")).map(s -> s.substring(3)).toList(),
                    cert.x509().getExtensionValue("2.5.29.17") != null,
                    cert.details().commonName());
        }

        /** The SAN (or, without a SAN extension, the CN) that matches, written as shown to users. */
        Optional<String> match(String reference) {
            Optional<InetAddress> ip = HostNames.ipLiteral(reference);
            if (ip.isPresent()) {
                return ips.stream().filter(s -> HostNames.ipLiteral(s).equals(ip)).map(s -> "IP:" + s).findFirst();
            }
            if (!hasSan) return HostNames.matches(cn, reference) ? Optional.of("CN=" + cn) : Optional.empty();
            return dns.stream().filter(d -> HostNames.matches(d, reference)).map(d -> "DNS:" + d).findFirst();
        }

        String carried() {
            if (!hasSan) return cn.isEmpty() ? "no name at all (no SAN, no CN)" : "CN=" + cn + " only (no SAN extension)";
            List<String> sans = cert.details().subjectAltNames();
            if (sans.size() <= 12) return String.join(", ", sans);
            return String.join(", ", sans.subList(0, 12)) + " and " + (sans.size() - 12) + " more";
        }
    }
}
