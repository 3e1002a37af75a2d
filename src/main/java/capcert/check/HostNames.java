package capcert.check;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 6125 matching of a reference name (SNI, the name a peer is reached by) against a DNS name
 * from a certificate: case-insensitive, a trailing dot ignored, a wildcard only as the whole
 * left-most label, standing for exactly one label, and never directly under a top-level domain.
 * A certificate's name must be ASCII (IA5String; IDNs as A-labels): only the reference name is
 * converted from Unicode.
 */
final class HostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    static boolean matches(String certName, String reference) {
        if (!certName.chars().allMatch(c -> c > 0x20 && c < 0x7f)) return false;
        String pattern = normalise(certName);
        String host = normalise(reference);
        if (pattern.isEmpty() || host.isEmpty()) return false;
        if (!pattern.contains("*")) return pattern.equals(host);
        if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) return false;
        String suffix = pattern.substring(1);
        if (suffix.indexOf('.', 1) < 0) return false;
        if (!host.endsWith(suffix)) return false;
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && !label.contains(".");
    }

    static boolean isWildcard(String certName) {
        return certName.contains("*");
    }

    /** The address when {@code reference} is an IP literal (IPv4 dotted quad or IPv6, brackets allowed). */
    static Optional<InetAddress> ipLiteral(String reference) {
        String r = reference.strip();
        if (r.startsWith("[") && r.endsWith("]")) r = r.substring(1, r.length() - 1);
        try {
            if (IPV4.matcher(r).matches()) {
                // Parsed by hand: InetAddress.getByName would look an invalid quad such as 999.1.1.1 up in the DNS.
                String[] parts = r.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) return Optional.empty();
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // In brackets, getByName takes an IPv6 literal or refuses it; it never looks the text up.
            return r.contains(":") ? Optional.of(InetAddress.getByName("[" + r + "]")) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String normalise(String name) {
        String n = name.strip();
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Not a valid IDN: compare it as it is.
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
