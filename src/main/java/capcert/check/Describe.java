package capcert.check;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** How verdict messages write dates, lists and certificate paths. */
final class Describe {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Describe() {
    }

    /** "The OCSP response ..." from "the OCSP response ...". */
    static String capitalised(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** A name as messages quote it: its common name, or the whole DN when it has none. */
    static String name(X500Principal principal) {
        String dn = principal.getName();
        try {
            List<Rdn> rdns = new LdapName(dn).getRdns();
            // LdapName lists the least specific RDN first; RFC 2253 text shows the most specific first.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Rdn rdn = rdns.get(i);
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return "\"" + (rdn.getValue() instanceof String s ? s : rdn.toString()) + "\"";
                }
            }
        } catch (InvalidNameException e) {
            // The JDK printed it, so it parses; fall back to the whole DN all the same.
        }
        return "\"" + dn + "\"";
    }

    /** "a, b and c". */
    static String and(List<String> items) {
        if (items.isEmpty()) return "";
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A path from the leaf up: "leaf" ← "intermediate" ← "root". */
    static String path(List<Cert> path) {
        return path.stream().map(Cert::label).collect(Collectors.joining(" ← "));
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The JDK's own words, for the reader who wants them, on one line. */
    static String jdk(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return " (JDK: " + message.replaceAll("[\\s\\p{Cntrl}]+", " ").strip() + ")";
    }
}
