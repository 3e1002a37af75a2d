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
 */
public record CheckOptions(List<TrustList> trustLists, List<String> expectedNames, Optional<Instant> at,
                           Profile profile, List<X509CRL> crls) {

    public CheckOptions {
        trustLists = List.copyOf(trustLists);
        expectedNames = List.copyOf(expectedNames);
        crls = List.copyOf(crls);
    }

    public static CheckOptions defaults() {
        return new CheckOptions(List.of(), List.of(), Optional.empty(), Profile.GENERIC, List.of());
    }
}
