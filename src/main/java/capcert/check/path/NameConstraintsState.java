package capcert.check.path;

import capcert.x509.DistinguishedName;
import capcert.x509.ParsedCertificate;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The name constraints in force along a path (RFC 5280 §6.1.3 (b)–(c), §6.1.4 (g)): every
 * constraint imposed so far, by a CA or by the trust anchor, is kept as it is and each name is
 * tested against all of them — the same as intersecting the permitted subtrees, with the name that
 * broke a constraint still at hand for the message.
 *
 * <p>DNS, IP, rfc822 (mailbox, host, {@code .domain}), URI (host, {@code .domain}) and directory
 * names are processed. A wildcard DNS name stands for every name it matches: it is permitted only
 * when all of them are, and excluded when any is (CVE-2025-61727). A name that breaks its form's
 * syntax cannot be placed in a subtree and fails where its form is constrained; so does a
 * constraint that breaks it. Constraints of forms capcert does not process (otherName, x400,
 * ediParty, registeredID) reject a certificate that carries a name of that form, as RFC 5280
 * requires of a critical constraint.
 */
final class NameConstraintsState {

    /**
     * A name of a certificate, as name constraints see it.
     *
     * @param text the name as messages show it ("DNS:example.com")
     * @param raw  the string of an IA5String name (DNS, rfc822, URI), else {@code ""}
     */
    record Name(int form, String text, String raw, GeneralName value) {
        static Name of(GeneralName g) {
            String raw = g.getName() instanceof ASN1IA5String s ? s.getString() : "";
            return new Name(g.getTagNo(), describe(g), raw, g);
        }
    }

    /** What a name did against the constraints: the kind of failure, the constraint and the name. */
    record Violation(PathProblem.Kind kind, int imposedBy, String name, String constraint) {
    }

    private record Constraint(int imposedBy, boolean critical, List<GeneralSubtree> permitted, List<GeneralSubtree> excluded) {
    }

    private final List<Constraint> constraints = new ArrayList<>();

    /** Adds the constraints of the certificate at path position {@code index} (0 = trust anchor). */
    void add(int index, ParsedCertificate cert) {
        Optional<NameConstraints> nc = cert.nameConstraints();
        if (nc.isEmpty()) return;
        GeneralSubtree[] permitted = nc.get().getPermittedSubtrees();
        GeneralSubtree[] excluded = nc.get().getExcludedSubtrees();
        constraints.add(new Constraint(index, cert.critical(org.bouncycastle.asn1.x509.Extension.nameConstraints.getId()),
                permitted == null ? null : List.of(permitted), excluded == null ? List.of() : List.of(excluded)));
    }

    boolean isEmpty() {
        return constraints.isEmpty();
    }

    /**
     * The first way {@code cert}'s names break a constraint in force, if any.
     *
     * @param leaf whether it is the target certificate: its common names stand for DNS names when it has no subjectAltName
     */
    Optional<Violation> check(ParsedCertificate cert, boolean leaf) {
        if (constraints.isEmpty()) return Optional.empty();
        for (Name name : names(cert, leaf)) {
            for (Constraint c : constraints) {
                Optional<Violation> v = check(name, c);
                if (v.isPresent()) return v;
            }
        }
        return Optional.empty();
    }

    /** The subject (when not empty), the SANs, and in their absence the subject's email addresses and host-like common names. */
    static List<Name> names(ParsedCertificate cert, boolean leaf) {
        List<Name> out = new ArrayList<>();
        DistinguishedName subject = cert.subject();
        if (!subject.isEmpty()) {
            out.add(Name.of(new GeneralName(subject.x500())));
        }
        Optional<List<GeneralName>> sans = cert.subjectAltNames();
        if (sans.isPresent()) {
            for (GeneralName g : sans.get()) out.add(Name.of(g));
        } else if (cert.extension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName.getId()).isEmpty()) {
            for (String email : subject.values(PKCSObjectIdentifiers.pkcs_9_at_emailAddress.getId())) {
                out.add(Name.of(new GeneralName(GeneralName.rfc822Name, email)));
            }
            if (leaf) {
                for (String cn : subject.values(BCStyle.CN.getId())) {
                    if (cn.contains(".") && NameSyntax.dnsProblem(cn).isEmpty()) {
                        out.add(Name.of(new GeneralName(GeneralName.dNSName, cn)));
                    }
                }
            }
        }
        return out;
    }

    private static Optional<Violation> check(Name name, Constraint c) {
        int form = name.form();
        for (GeneralSubtree subtree : c.excluded()) {
            if (subtree.getBase().getTagNo() != form) continue;
            Match m = match(name, subtree);
            if (m == Match.UNSUPPORTED && !c.critical()) continue;
            if (m != Match.OUTSIDE) return Optional.of(violation(m, PathProblem.Kind.NAME_EXCLUDED, c, name, subtree));
        }
        if (c.permitted() == null) return Optional.empty();
        List<GeneralSubtree> sameForm = c.permitted().stream().filter(s -> s.getBase().getTagNo() == form).toList();
        if (sameForm.isEmpty()) return Optional.empty();
        Violation first = null;
        for (GeneralSubtree subtree : sameForm) {
            Match m = match(name, subtree);
            if (m == Match.WITHIN) return Optional.empty();
            if (m == Match.UNSUPPORTED && !c.critical()) return Optional.empty();
            Violation v = violation(m, PathProblem.Kind.NAME_NOT_PERMITTED, c, name, subtree);
            if (first == null || v.kind() != PathProblem.Kind.NAME_NOT_PERMITTED) first = v;
        }
        return Optional.of(first);
    }

    private static Violation violation(Match m, PathProblem.Kind outcome, Constraint c, Name name, GeneralSubtree subtree) {
        PathProblem.Kind kind = switch (m) {
            case UNSUPPORTED -> PathProblem.Kind.NAME_CONSTRAINT_UNSUPPORTED;
            case BAD_CONSTRAINT -> PathProblem.Kind.NAME_CONSTRAINT_MALFORMED;
            case BAD_NAME -> PathProblem.Kind.NAME_MALFORMED;
            default -> outcome;
        };
        return new Violation(kind, c.imposedBy(), name.text(), describe(subtree.getBase()));
    }

    /** PARTLY: a wildcard that matches some names of the subtree but not all of them. */
    private enum Match { WITHIN, PARTLY, OUTSIDE, BAD_NAME, BAD_CONSTRAINT, UNSUPPORTED }

    /**
     * For an excluded subtree, anything but OUTSIDE rejects; for a permitted one, only WITHIN
     * accepts. A wildcard name is WITHIN a subtree when every name it matches is, PARTLY when some are.
     */
    private static Match match(Name name, GeneralSubtree subtree) {
        if ((subtree.getMinimum() != null && subtree.getMinimum().signum() != 0) || subtree.getMaximum() != null) {
            return Match.BAD_CONSTRAINT;
        }
        GeneralName base = subtree.getBase();
        return switch (name.form()) {
            case GeneralName.dNSName -> dns(name.raw(), text(base));
            case GeneralName.iPAddress -> ip(name.value(), base);
            case GeneralName.rfc822Name -> email(name.raw(), text(base));
            case GeneralName.uniformResourceIdentifier -> uri(name.raw(), text(base));
            case GeneralName.directoryName -> {
                try {
                    yield DistinguishedName.of(name.value().getName()).within(DistinguishedName.of(base.getName()))
                            ? Match.WITHIN : Match.OUTSIDE;
                } catch (RuntimeException e) {
                    yield Match.BAD_CONSTRAINT;
                }
            }
            default -> Match.UNSUPPORTED;
        };
    }

    private static Match dns(String name, String constraint) {
        if (constraint == null || (!constraint.isEmpty() && NameSyntax.dnsProblem(constraint, false).isPresent())) {
            return Match.BAD_CONSTRAINT;
        }
        if (NameSyntax.dnsProblem(name).isPresent()) return Match.BAD_NAME;
        String n = NameSyntax.dnsKey(name);
        String c = NameSyntax.dnsKey(constraint);
        if (c.isEmpty()) return Match.WITHIN;
        if (n.startsWith("*.")) {
            String suffix = n.substring(2);
            if (inDomain(suffix, c)) return Match.WITHIN;
            // Not all its matches are inside; is any? Only a single label in place of the star.
            boolean someInside = c.endsWith("." + suffix) && c.indexOf('.') == c.length() - suffix.length() - 1;
            return someInside ? Match.PARTLY : Match.OUTSIDE;
        }
        return inDomain(n, c) ? Match.WITHIN : Match.OUTSIDE;
    }

    private static boolean inDomain(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    private static Match ip(GeneralName name, GeneralName base) {
        byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
        byte[] range = ASN1OctetString.getInstance(base.getName()).getOctets();
        if (range.length != 8 && range.length != 32) return Match.BAD_CONSTRAINT;
        int half = range.length / 2;
        if (!contiguous(range, half)) return Match.BAD_CONSTRAINT;
        if (address.length != 4 && address.length != 16) return Match.BAD_NAME;
        if (address.length != half) return Match.OUTSIDE;
        for (int i = 0; i < half; i++) {
            if ((address[i] & range[half + i]) != (range[i] & range[half + i])) return Match.OUTSIDE;
        }
        return Match.WITHIN;
    }

    private static boolean contiguous(byte[] range, int half) {
        boolean zeros = false;
        for (int i = half; i < range.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (range[i] >> bit & 1) == 1;
                if (one && zeros) return false;
                if (!one) zeros = true;
            }
        }
        return true;
    }

    private static Match email(String name, String constraint) {
        if (constraint == null || constraint.isEmpty()) return Match.BAD_CONSTRAINT;
        if (NameSyntax.emailProblem(name).isPresent()) return Match.BAD_NAME;
        int at = name.indexOf('@');
        String domain = NameSyntax.dnsKey(name.substring(at + 1));
        if (constraint.contains("@")) {
            if (NameSyntax.emailProblem(constraint).isPresent()) return Match.BAD_CONSTRAINT;
            int cat = constraint.indexOf('@');
            return name.substring(0, at).equals(constraint.substring(0, cat))
                    && domain.equals(NameSyntax.dnsKey(constraint.substring(cat + 1))) ? Match.WITHIN : Match.OUTSIDE;
        }
        if (constraint.startsWith(".")) {
            String c = NameSyntax.dnsKey(constraint.substring(1));
            if (NameSyntax.dnsProblem(c, false).isPresent()) return Match.BAD_CONSTRAINT;
            return domain.endsWith("." + c) ? Match.WITHIN : Match.OUTSIDE;
        }
        if (NameSyntax.dnsProblem(constraint, false).isPresent()) return Match.BAD_CONSTRAINT;
        return domain.equals(NameSyntax.dnsKey(constraint)) ? Match.WITHIN : Match.OUTSIDE;
    }

    private static Match uri(String name, String constraint) {
        if (constraint == null || constraint.isEmpty()) return Match.BAD_CONSTRAINT;
        boolean subdomains = constraint.startsWith(".");
        String c = NameSyntax.dnsKey(subdomains ? constraint.substring(1) : constraint);
        if (NameSyntax.dnsProblem(c, false).isPresent()) return Match.BAD_CONSTRAINT;
        Optional<String> host = NameSyntax.uriHost(name);
        if (host.isEmpty()) return Match.BAD_NAME;
        return (subdomains ? host.get().endsWith("." + c) : host.get().equals(c)) ? Match.WITHIN : Match.OUTSIDE;
    }

    private static String text(GeneralName name) {
        return name.getName() instanceof ASN1IA5String s ? s.getString() : null;
    }

    /** "DNS:example.com", "IP:192.0.2.0/24", "email:a@example.com", "DirName:CN=...", "otherName". */
    static String describe(GeneralName g) {
        try {
            return switch (g.getTagNo()) {
                case GeneralName.dNSName -> "DNS:" + text(g);
                case GeneralName.rfc822Name -> "email:" + text(g);
                case GeneralName.uniformResourceIdentifier -> "URI:" + text(g);
                case GeneralName.directoryName -> "DirName:" + DistinguishedName.of(g.getName()).rfc2253();
                case GeneralName.iPAddress -> "IP:" + ipText(ASN1OctetString.getInstance(g.getName()).getOctets());
                case GeneralName.otherName -> "otherName";
                case GeneralName.x400Address -> "x400Address";
                case GeneralName.ediPartyName -> "ediPartyName";
                case GeneralName.registeredID -> "registeredID:" + g.getName();
                default -> "name of type " + g.getTagNo();
            };
        } catch (RuntimeException e) {
            return "malformed name of type " + g.getTagNo();
        }
    }

    private static String ipText(byte[] octets) {
        try {
            if (octets.length == 4 || octets.length == 16) return InetAddress.getByAddress(octets).getHostAddress();
            if (octets.length == 8 || octets.length == 32) {
                int half = octets.length / 2;
                byte[] address = java.util.Arrays.copyOf(octets, half);
                int bits = 0;
                for (int i = half; i < octets.length; i++) bits += Integer.bitCount(octets[i] & 0xff);
                return InetAddress.getByAddress(address).getHostAddress() + "/" + bits;
            }
        } catch (UnknownHostException e) {
            // Lengths 4 and 16 are always addresses.
        }
        return HexFormat.of().formatHex(octets).toLowerCase(Locale.ROOT);
    }
}
