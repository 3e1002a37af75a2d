package capcert.check;

import capcert.trust.TrustList;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to check chains against.
 *
 * @param trustLists    one per peer (e.g. Expressway-C's and Expressway-E's), each checked on its own;
 *                      empty means no trust verdicts beyond "no trust list given"
 * @param expectedNames names each server certificate must carry (e.g. collab-edge.example.com)
 * @param at            a time to check validity at, besides the handshake's own time
 * @param crls          CRLs to check revocation against; empty means "not checked (offline)"
 * @param ocsp          OCSP responses to check revocation against: those stapled in the handshake checked
 *                      and those fetched over HTTP in its capture
 */
public record CheckOptions(List<TrustList> trustLists, List<String> expectedNames, Optional<Instant> at,
                           Profile profile, List<X509CRL> crls, List<OcspResponse> ocsp) {

    public CheckOptions {
        trustLists = List.copyOf(trustLists);
        expectedNames = List.copyOf(expectedNames);
        crls = List.copyOf(crls);
        ocsp = List.copyOf(ocsp);
    }

    public CheckOptions(List<TrustList> trustLists, List<String> expectedNames, Optional<Instant> at, Profile profile,
                        List<X509CRL> crls) {
        this(trustLists, expectedNames, at, profile, crls, List.of());
    }

    /** These options with more CRLs and OCSP responses: what a capture itself carried. */
    public CheckOptions withRevocationEvidence(List<X509CRL> moreCrls, List<OcspResponse> responses) {
        if (moreCrls.isEmpty() && responses.isEmpty()) return this;
        List<X509CRL> all = new java.util.ArrayList<>(crls);
        all.addAll(moreCrls);
        return new CheckOptions(trustLists, expectedNames, at, profile, all, responses);
    }

    public static CheckOptions defaults() {
        return new CheckOptions(List.of(), List.of(), Optional.empty(), Profile.GENERIC, List.of());
    }
}
