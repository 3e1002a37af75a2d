package capcert.x509;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificate-based authentication as Expressway configures it: a regular expression with named
 * groups (Java syntax, {@code Subject:.*CN=(?<cn>[^,]*)}) and a username format that names those
 * groups between hashes ({@code #cn#@example.com}).
 *
 * <p>The expression is tried against each line of the {@link CertificateText} in turn and the
 * first line it matches gives the groups, so {@code .*} and {@code [^,]*} never run on into the
 * next field.
 */
public final class UsernamePattern {

    private static final Pattern GROUP_REFERENCE = Pattern.compile("#([A-Za-z][A-Za-z0-9]*)#");

    private final Pattern pattern;
    private final String format;

    private UsernamePattern(Pattern pattern, String format) {
        this.pattern = pattern;
        this.format = format;
    }

    /**
     * The pattern {@code regex} and the username {@code format} that names its groups.
     *
     * @throws java.util.regex.PatternSyntaxException when {@code regex} is not a valid expression
     */
    public static UsernamePattern compile(String regex, String format) {
        return new UsernamePattern(Pattern.compile(regex), format);
    }

    /** The username, or why there is none; exactly one of the two is present. */
    public record Extraction(Optional<String> username, Optional<String> problem) {

        static Extraction of(String username) {
            return new Extraction(Optional.of(username), Optional.empty());
        }

        static Extraction failed(String problem) {
            return new Extraction(Optional.empty(), Optional.of(problem));
        }
    }

    public Extraction apply(List<String> lines) {
        for (String line : lines) {
            Matcher match = pattern.matcher(line);
            if (match.find()) return format(match, line);
        }
        return Extraction.failed("the pattern matches no line of the certificate text");
    }

    private Extraction format(Matcher match, String line) {
        Matcher reference = GROUP_REFERENCE.matcher(format);
        StringBuilder username = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String value;
            try {
                value = match.group(name);
            } catch (IllegalArgumentException e) {
                return Extraction.failed("the username format uses #" + name + "# but the pattern has no group (?<"
                        + name + ">...)");
            }
            if (value == null) {
                return Extraction.failed("group " + name + " took no part in the match of \"" + line + "\"");
            }
            reference.appendReplacement(username, Matcher.quoteReplacement(value));
        }
        reference.appendTail(username);
        return Extraction.of(username.toString());
    }
}
