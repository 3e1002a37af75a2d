package capcert.check.path;

import capcert.x509.ParsedCrl;

import java.util.List;
import java.util.Optional;

/**
 * What the CRLs given say about one certificate of a path (RFC 5280 §6.3).
 *
 * @param crl      the CRL that settled it (GOOD, REVOKED)
 * @param entry    the CRL entry that revoked it (REVOKED)
 * @param problems for UNDETERMINED: why each CRL that speaks for its CA could not be used, one sentence end each
 */
public record RevocationStatus(State state, Optional<ParsedCrl> crl, Optional<ParsedCrl.Entry> entry, List<String> problems) {

    public enum State {
        /** CRLs covering every reason do not list it. */
        GOOD,
        /** A CRL lists it. */
        REVOKED,
        /** CRLs from its CA were given, but none could be used for it. */
        UNDETERMINED,
        /** No CRL from its CA was given. */
        NOT_CHECKED
    }

    public RevocationStatus {
        problems = List.copyOf(problems);
    }

    static RevocationStatus notChecked() {
        return new RevocationStatus(State.NOT_CHECKED, Optional.empty(), Optional.empty(), List.of());
    }
}
