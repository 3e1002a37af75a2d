package capcert.check.path;

import java.util.Locale;
import java.util.Optional;

/**
 * The syntax RFC 5280 requires of names in certificates: DNS names in the preferred name syntax
 * of RFC 1034 (letters, digits and hyphens, ASCII only, a wildcard only as the whole left-most
 * label), mailboxes with one {@code @}, URIs with a host.
 */
public final class NameSyntax {

    private NameSyntax() {
    }

    /** Why {@code name} is not a valid dNSName, if it is not; a left-most {@code *} label is allowed. */
    public static Optional<String> dnsProblem(String name) {
        return dnsProblem(name, true);
    }

    static Optional<String> dnsProblem(String name, boolean wildcardAllowed) {
        if (name.isEmpty()) return Optional.of("it is empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7e || c < 0x21) return Optional.of("it has a character that is not printable ASCII (IDNs go in A-label form, xn--)");
        }
        if (name.startsWith(".")) return Optional.of("it starts with a dot");
        String body = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (body.isEmpty() || body.endsWith(".")) return Optional.of("it has an empty label");
        if (body.length() > 253) return Optional.of("it is longer than 253 characters");
        String[] labels = body.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.isEmpty()) return Optional.of("it has an empty label");
            if (label.equals("*")) {
                if (i != 0 || !wildcardAllowed) return Optional.of("its wildcard is not the whole left-most label");
                if (labels.length < 3) return Optional.of("its wildcard covers a whole top-level domain");
                continue;
            }
            if (label.length() > 63) return Optional.of("a label is longer than 63 characters");
            for (int k = 0; k < label.length(); k++) {
                char c = label.charAt(k);
                if (c == '*') return Optional.of("its wildcard is not the whole left-most label");
                if (c == '_') return Optional.of("it has an underscore, which host names may not");
                if (!(Character.isLetterOrDigit(c) || c == '-')) return Optional.of("it has the character '" + c + "'");
            }
            if (label.startsWith("-") || label.endsWith("-")) return Optional.of("a label starts or ends with a hyphen");
        }
        return Optional.empty();
    }

    /** Lower case, without a trailing dot: the form DNS names are compared in. */
    static String dnsKey(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** Why {@code mailbox} is not local-part@domain, if it is not. */
    public static Optional<String> emailProblem(String mailbox) {
        int at = mailbox.indexOf('@');
        if (at < 0) return Optional.of("it has no @");
        if (mailbox.indexOf('@', at + 1) >= 0) return Optional.of("it has more than one @");
        if (at == 0) return Optional.of("its local part is empty");
        for (int i = 0; i < mailbox.length(); i++) {
            char c = mailbox.charAt(i);
            if (c > 0x7e || c < 0x21) return Optional.of("it has a character that is not printable ASCII");
        }
        return dnsProblem(mailbox.substring(at + 1), false).map(p -> "its domain is not a host name: " + p);
    }

    /**
     * The host of a URI ({@code scheme://[user@]host[:port]/...}), lower case; empty when it has no
     * authority or its host is an IP literal, which URI name constraints cannot be applied to.
     */
    static Optional<String> uriHost(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !uri.startsWith("//", colon + 1)) return Optional.empty();
        int start = colon + 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) end++;
        String authority = uri.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) return Optional.empty();
        int port = authority.lastIndexOf(':');
        String host = port >= 0 ? authority.substring(0, port) : authority;
        if (host.isEmpty() || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) return Optional.empty();
        return Optional.of(dnsKey(host));
    }
}
