package capcert.check;

import capcert.check.path.PathOptions;
import capcert.trust.TrustList;
import capcert.x509.ParsedCrl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to check chains against.
 *
 * @param trustLists       the trusted CAs, from any number of lists, taken as one set: a path may end at a
 *                         CA of any of them, and verdicts name the list it came from; empty means no trust
 *                         verdicts beyond "no trust list given"
 * @param expectedNames    names each server certificate must carry (e.g. collab-edge.example.com); a name
 *                         with an {@code @} is a mailbox, checked against e-mail SANs
 * @param at               a time to check validity at, besides the handshake's own time
 * @param crls             CRLs to check revocation against; empty means "not checked (offline)"
 * @param ocsp             OCSP responses to check revocation against: those stapled in the handshake checked
 *                         and those fetched over HTTP in its capture
 * @param path             the inputs of path validation: policies, depth, partial chains
 * @param requiredPurposes EKU OIDs the leaf must allow; empty means the one its TLS role needs
 */
public record CheckOptions(List<TrustList> trustLists, List<String> expectedNames, Optional<Instant> at,
                           Profile profile, List<ParsedCrl> crls, List<OcspResponse> ocsp, PathOptions path,
                           List<String> requiredPurposes) {

    public CheckOptions {
        trustLists = List.copyOf(trustLists);
        expectedNames = List.copyOf(expectedNames);
        crls = List.copyOf(crls);
        ocsp = List.copyOf(ocsp);
        requiredPurposes = List.copyOf(requiredPurposes);
    }

    public CheckOptions(List<TrustList> trustLists, List<String> expectedNames, Optional<Instant> at,
                        Profile profile, List<ParsedCrl> crls) {
        this(trustLists, expectedNames, at, profile, crls, List.of(), PathOptions.defaults(), List.of());
    }

    public static CheckOptions defaults() {
        return new CheckOptions(List.of(), List.of(), Optional.empty(), Profile.GENERIC, List.of());
    }

    /** These options with more CRLs and OCSP responses: what a capture itself carried. */
    public CheckOptions withRevocationEvidence(List<ParsedCrl> moreCrls, List<OcspResponse> responses) {
        if (moreCrls.isEmpty() && responses.isEmpty()) return this;
        List<ParsedCrl> all = new ArrayList<>(crls);
        all.addAll(moreCrls);
        return new CheckOptions(trustLists, expectedNames, at, profile, all, responses, path, requiredPurposes);
    }
}
