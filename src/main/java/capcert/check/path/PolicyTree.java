package capcert.check.path;

import capcert.x509.ParsedCertificate;
import capcert.x509.ParsedCertificate.PolicyMapping;
import org.bouncycastle.asn1.x509.PolicyInformation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static capcert.x509.ParsedCertificate.ANY_POLICY;

/**
 * RFC 5280's valid_policy_tree (§6.1.2 (a), §6.1.3 (d)–(f), §6.1.4 (a)–(b), §6.1.5 (g)), built
 * level by level as the path is processed. Policy qualifiers are not kept: no check looks at them.
 */
final class PolicyTree {

    private static final class Node {
        final String validPolicy;
        final Set<String> expectedPolicies;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        final int depth;

        Node(String validPolicy, Set<String> expectedPolicies, Node parent) {
            this.validPolicy = validPolicy;
            this.expectedPolicies = new LinkedHashSet<>(expectedPolicies);
            this.parent = parent;
            this.depth = parent == null ? 0 : parent.depth + 1;
            if (parent != null) parent.children.add(this);
        }
    }

    /** Null once the tree is empty (RFC 5280: valid_policy_tree is NULL). */
    private Node root = new Node(ANY_POLICY, Set.of(ANY_POLICY), null);

    boolean isNull() {
        return root == null;
    }

    /**
     * §6.1.3 (d)–(e) for the certificate at depth {@code depth} (1 for the one the anchor issued).
     *
     * @param anyPolicyAllowed inhibit_anyPolicy > 0, or the certificate is self-issued and not the last
     */
    void process(ParsedCertificate cert, int depth, boolean anyPolicyAllowed) {
        if (root == null) return;
        Optional<List<PolicyInformation>> policies = cert.policies();
        if (policies.isEmpty()) {
            root = null;
            return;
        }
        List<Node> parents = level(depth - 1);
        boolean any = false;
        for (PolicyInformation info : policies.get()) {
            String policy = info.getPolicyIdentifier().getId();
            if (policy.equals(ANY_POLICY)) {
                any = true;
                continue;
            }
            boolean matched = false;
            for (Node parent : parents) {
                if (parent.expectedPolicies.contains(policy)) {
                    new Node(policy, Set.of(policy), parent);
                    matched = true;
                }
            }
            if (!matched) {
                for (Node parent : parents) {
                    if (parent.validPolicy.equals(ANY_POLICY)) new Node(policy, Set.of(policy), parent);
                }
            }
        }
        if (any && anyPolicyAllowed) {
            for (Node parent : parents) {
                for (String expected : new ArrayList<>(parent.expectedPolicies)) {
                    boolean present = parent.children.stream().anyMatch(c -> c.validPolicy.equals(expected));
                    if (!present) new Node(expected, Set.of(expected), parent);
                }
            }
        }
        prune(depth);
    }

    /** §6.1.4 (b): policy mappings of the certificate at {@code depth}; {@code mappingAllowed} is policy_mapping > 0. */
    void map(List<PolicyMapping> mappings, int depth, boolean mappingAllowed) {
        if (root == null) return;
        Set<String> issuerPolicies = new LinkedHashSet<>();
        for (PolicyMapping m : mappings) issuerPolicies.add(m.issuerDomainPolicy());
        for (String issuerPolicy : issuerPolicies) {
            Set<String> subjectPolicies = new LinkedHashSet<>();
            for (PolicyMapping m : mappings) if (m.issuerDomainPolicy().equals(issuerPolicy)) subjectPolicies.add(m.subjectDomainPolicy());
            List<Node> level = level(depth);
            if (mappingAllowed) {
                boolean found = false;
                for (Node node : level) {
                    if (node.validPolicy.equals(issuerPolicy)) {
                        node.expectedPolicies.clear();
                        node.expectedPolicies.addAll(subjectPolicies);
                        found = true;
                    }
                }
                if (!found) {
                    for (Node node : level) {
                        if (node.validPolicy.equals(ANY_POLICY)) new Node(issuerPolicy, subjectPolicies, node.parent);
                    }
                }
            } else {
                for (Node node : level) {
                    if (node.validPolicy.equals(issuerPolicy)) node.parent.children.remove(node);
                }
                prune(depth);
            }
        }
    }

    /** §6.1.5 (g): the tree intersected with the user's initial policies; {@code initial} empty means anyPolicy. */
    void intersect(Set<String> initial, int depth) {
        if (root == null || initial.isEmpty() || initial.contains(ANY_POLICY)) return;
        List<Node> validSet = new ArrayList<>();
        collectValidPolicyNodes(root, validSet);
        for (Node node : validSet) {
            if (!node.validPolicy.equals(ANY_POLICY) && !initial.contains(node.validPolicy)) node.parent.children.remove(node);
        }
        for (Node anyLeaf : level(depth)) {
            if (!anyLeaf.validPolicy.equals(ANY_POLICY)) continue;
            Set<String> present = new LinkedHashSet<>();
            for (Node n : validSet) present.add(n.validPolicy);
            for (String policy : initial) {
                if (!present.contains(policy)) new Node(policy, Set.of(policy), anyLeaf.parent);
            }
            anyLeaf.parent.children.remove(anyLeaf);
        }
        prune(depth);
    }

    /**
     * The user-constrained-policy-set, in the trust anchor's terms: for each leaf at {@code depth},
     * the policy of its ancestor whose parent is anyPolicy (where the policy entered the path,
     * before any mapping), or anyPolicy when anyPolicy runs all the way down.
     */
    Set<String> policies(int depth) {
        Set<String> out = new LinkedHashSet<>();
        for (Node node : level(depth)) {
            Node n = node;
            while (n.parent != null && !n.parent.validPolicy.equals(ANY_POLICY)) n = n.parent;
            out.add(n.validPolicy);
        }
        return out;
    }

    /** The nodes whose parent is anyPolicy (and are not the root): RFC 5280's valid_policy_node_set. */
    private static void collectValidPolicyNodes(Node node, List<Node> out) {
        for (Node child : node.children) {
            if (node.validPolicy.equals(ANY_POLICY)) out.add(child);
            if (child.validPolicy.equals(ANY_POLICY)) collectValidPolicyNodes(child, out);
        }
    }

    private List<Node> level(int depth) {
        List<Node> out = new ArrayList<>();
        if (root != null) collect(root, depth, out);
        return out;
    }

    private static void collect(Node node, int depth, List<Node> out) {
        if (node.depth == depth) {
            out.add(node);
            return;
        }
        for (Node child : node.children) collect(child, depth, out);
    }

    /** Removes nodes above {@code depth} that have no children, repeatedly; an empty tree becomes null. */
    private void prune(int depth) {
        if (root == null) return;
        for (int d = depth - 1; d >= 0; d--) {
            for (Node node : level(d)) {
                if (node.children.isEmpty()) {
                    if (node.parent == null) root = null;
                    else node.parent.children.remove(node);
                }
            }
            if (root == null) return;
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (root != null) append(root, out);
        return out.toString();
    }

    private static void append(Node node, StringBuilder out) {
        out.append("  ".repeat(node.depth)).append(node.validPolicy).append(' ').append(node.expectedPolicies).append('\n');
        for (Iterator<Node> it = node.children.iterator(); it.hasNext(); ) append(it.next(), out);
    }
}
