package capcert.check;

import capcert.x509.DistinguishedName;

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
    static String name(DistinguishedName name) {
        String cn = name.commonName();
        return "\"" + (cn.isEmpty() ? name.rfc2253() : cn) + "\"";
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
}
