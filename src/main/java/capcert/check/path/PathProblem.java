package capcert.check.path;

/**
 * Why a candidate path is not valid, at one certificate of it.
 *
 * @param kind      what failed
 * @param index     the certificate it is about, as a position in {@link CandidatePath#certificates()} (0 = the target)
 * @param imposedBy for constraints (names, path length, policy): the position of the certificate that imposed it; -1 otherwise
 * @param subject   the name, extension, date or algorithm at fault, in the certificate's own words; {@code ""} when none
 * @param detail    more specifics (the constraint broken, the CRL's reason), in a few words; {@code ""} when none
 */
public record PathProblem(Kind kind, int index, int imposedBy, String subject, String detail) {

    public enum Kind {
        /** The issuer's key does not verify the certificate's signature. */
        SIGNATURE_INVALID,
        /** The signature is made with an algorithm capcert cannot verify. */
        SIGNATURE_UNSUPPORTED,
        /** The certificate's notBefore is after the validation time. */
        NOT_YET_VALID,
        /** The certificate's notAfter is before the validation time. */
        EXPIRED,
        /** A CRL lists the certificate. */
        REVOKED,
        /** CRLs from the certificate's CA were given but none of them can vouch for it. */
        REVOCATION_UNDETERMINED,
        /** A name is outside every permitted subtree of its form. */
        NAME_NOT_PERMITTED,
        /** A name is inside an excluded subtree. */
        NAME_EXCLUDED,
        /** A name breaks its form's syntax where that form is constrained. */
        NAME_MALFORMED,
        /** A constraint breaks its form's syntax. */
        NAME_CONSTRAINT_MALFORMED,
        /** A critical constraint of a form capcert does not process applies to a name of that form. */
        NAME_CONSTRAINT_UNSUPPORTED,
        /** A certificate that issues another is not a CA (no basicConstraints cA, or a v1/v2 certificate). */
        NOT_A_CA,
        /** More CAs below a CA than its pathLenConstraint allows. */
        PATH_LENGTH_EXCEEDED,
        /** A CA whose key usage lacks keyCertSign issues a certificate. */
        KEY_CERT_SIGN_MISSING,
        /** A critical extension that path validation does not process. */
        UNKNOWN_CRITICAL_EXTENSION,
        /** The certificate policies along the path leave no acceptable policy where one is required. */
        POLICY,
        /** A policy mapping to or from anyPolicy. */
        POLICY_MAPPING_ANY,
        /** The path has more intermediates than allowed. */
        TOO_MANY_INTERMEDIATES
    }

    static PathProblem at(Kind kind, int index, String subject, String detail) {
        return new PathProblem(kind, index, -1, subject, detail);
    }
}
