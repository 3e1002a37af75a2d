package capcert.testing;

import capcert.check.path.PathOptions;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A PKITS case's settings column (cases.tsv): RFC 5280's four policy inputs, as
 * {@code initial_policy_set=NIST-test-policy-1,...;initial_explicit_policy=true;...}.
 *
 * @param initialPolicies user-initial-policy-set as OIDs; empty for anyPolicy
 */
public record PkitsSettings(Set<String> initialPolicies, boolean explicitPolicy, boolean policyMappingInhibit,
                            boolean anyPolicyInhibit) {

    /** The policy names PKITS uses, as OIDs. */
    public static final Map<String, String> POLICIES = Map.of(
            "anyPolicy", "2.5.29.32.0",
            "NIST-test-policy-1", "2.16.840.1.101.3.2.1.48.1",
            "NIST-test-policy-2", "2.16.840.1.101.3.2.1.48.2",
            "NIST-test-policy-3", "2.16.840.1.101.3.2.1.48.3",
            "NIST-test-policy-6", "2.16.840.1.101.3.2.1.48.6");

    public static PkitsSettings parse(String settings) {
        Set<String> initial = new LinkedHashSet<>();
        boolean explicit = false;
        boolean mapping = false;
        boolean any = false;
        for (String setting : settings.split(";")) {
            if (setting.isBlank()) continue;
            String[] kv = setting.split("=", 2);
            switch (kv[0]) {
                case "initial_policy_set" -> initial.addAll(policies(kv[1]));
                case "initial_explicit_policy" -> explicit = Boolean.parseBoolean(kv[1]);
                case "initial_policy_mapping_inhibit" -> mapping = Boolean.parseBoolean(kv[1]);
                case "initial_any_policy_inhibit" -> any = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException(setting);
            }
        }
        if (initial.contains(POLICIES.get("anyPolicy"))) initial.clear();
        return new PkitsSettings(initial, explicit, mapping, any);
    }

    /** Policy names, comma-separated, as OIDs. */
    public static Set<String> policies(String names) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : names.split(",")) if (!p.isBlank()) out.add(POLICIES.get(p.strip()));
        return out;
    }

    public PathOptions pathOptions() {
        return new PathOptions(PathOptions.DEFAULT_MAX_INTERMEDIATES, initialPolicies, explicitPolicy, policyMappingInhibit,
                anyPolicyInhibit, false);
    }
}
