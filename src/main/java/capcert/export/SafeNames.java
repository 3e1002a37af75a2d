package capcert.export;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * File names built from what a capture says. Subjects are chosen by whoever made the certificate,
 * so a name must be harmless on every file system it may be copied to: no separators, no hidden
 * or relative names, no control characters, no Windows device names, and a bounded length.
 */
public final class SafeNames {

    /** Leaves room for fingerprint, capture name and extension under the usual 255-byte limit. */
    static final int MAX_COMPONENT = 64;
    private static final int FINGERPRINT_HEX = 16;
    private static final Pattern WINDOWS_DEVICE =
            Pattern.compile("(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?", Pattern.CASE_INSENSITIVE);

    private SafeNames() {
    }

    /** {@code <first 16 hex of sha256>_<common name>}, or the fingerprint alone when the name is empty. */
    public static String certificate(String sha256, String commonName) {
        String fingerprint = sha256.substring(0, Math.min(FINGERPRINT_HEX, sha256.length()));
        return withSuffix(fingerprint, commonName);
    }

    /** Like {@link #certificate} with the whole SHA-256, for the rare names the short form would share. */
    static String certificateFullHash(String sha256, String commonName) {
        return withSuffix(sha256, commonName);
    }

    private static String withSuffix(String prefix, String commonName) {
        String cn = component(commonName);
        return cn.isEmpty() ? prefix : prefix + "_" + cn;
    }

    /** One path component made of {@code [A-Za-z0-9._-]} only; may be empty. */
    public static String component(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) return;
            out.append(isPlain(c) ? (char) c : '_');
        });
        String name = out.toString().replaceAll("\\.{2,}", ".");
        name = trimDots(name);
        if (name.length() > MAX_COMPONENT) name = trimDots(name.substring(0, MAX_COMPONENT));
        if (WINDOWS_DEVICE.matcher(name).matches()) name = "_" + name;
        return name;
    }

    /** Leading dots hide a file or make it relative; Windows silently drops trailing ones. */
    private static String trimDots(String name) {
        int start = 0, end = name.length();
        while (start < end && name.charAt(start) == '.') start++;
        while (end > start && name.charAt(end - 1) == '.') end--;
        return name.substring(start, end);
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    /** Case-folded key, because two names differing only in case are one file on macOS and Windows. */
    static String collisionKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
