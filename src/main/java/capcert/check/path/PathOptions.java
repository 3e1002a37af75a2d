package capcert.check.path;

import capcert.x509.ParsedCertificate;

import java.util.Set;

/**
 * The inputs of RFC 5280 path validation beyond the certificates, and the limits of path building.
 *
 * @param maxIntermediates      the most CA certificates allowed between the target and the trust anchor
 * @param initialPolicies       user-initial-policy-set; empty, or one holding anyPolicy, means any policy
 * @param requireExplicitPolicy initial-explicit-policy: the path must be valid for at least one policy
 * @param inhibitPolicyMapping  initial-policy-mapping-inhibit
 * @param inhibitAnyPolicy      initial-any-policy-inhibit
 * @param partialChain          any certificate of a trust list may be a trust anchor, not only the self-issued ones
 *
 * <p>Serializable: a job that checks on other machines sends them the options it was given.
 */
public record PathOptions(int maxIntermediates, Set<String> initialPolicies, boolean requireExplicitPolicy,
                          boolean inhibitPolicyMapping, boolean inhibitAnyPolicy, boolean partialChain) implements java.io.Serializable {

    /** OpenSSL allows 100; real chains have one to three. Enough for any PKI, small enough to bound the search. */
    public static final int DEFAULT_MAX_INTERMEDIATES = 32;

    public PathOptions {
        if (maxIntermediates < 0) throw new IllegalArgumentException("maxIntermediates " + maxIntermediates);
        initialPolicies = initialPolicies.contains(ParsedCertificate.ANY_POLICY) ? Set.of() : Set.copyOf(initialPolicies);
    }

    public static PathOptions defaults() {
        return new PathOptions(DEFAULT_MAX_INTERMEDIATES, Set.of(), false, false, false, false);
    }

    public PathOptions withPartialChain(boolean value) {
        return new PathOptions(maxIntermediates, initialPolicies, requireExplicitPolicy, inhibitPolicyMapping, inhibitAnyPolicy, value);
    }
}
