package capcert.x509;

/**
 * One way a certificate's encoding breaks RFC 5280 (or X.690's DER), found while reading it.
 *
 * @param kind   what is wrong
 * @param detail the specifics in a few words ("2.5.29.17", "22 octets"); {@code ""} when the kind says it all
 */
public record Malformation(Kind kind, String detail) {

    public enum Kind {
        /** Bytes after the certificate's outer SEQUENCE. */
        TRAILING_DATA,
        /** Valid BER but not DER: the same value has one encoding only, and signatures are over it. */
        NOT_DER,
        /** A version other than v1, v2 or v3, or v1 written out although it is the DEFAULT. */
        VERSION_INVALID,
        /** Extensions (or unique identifiers) in a certificate whose version does not allow them. */
        VERSION_TOO_LOW,
        /** The serial number is negative. */
        SERIAL_NEGATIVE,
        /** The serial number is zero. */
        SERIAL_ZERO,
        /** The serial number is longer than 20 octets. */
        SERIAL_TOO_LONG,
        /** The signature algorithm inside the signed part differs from the one outside it. */
        SIGNATURE_ALGORITHM_MISMATCH,
        /** The issuer name is empty. */
        ISSUER_EMPTY,
        /** The signature BIT STRING has unused bits. */
        SIGNATURE_BITS,
        /** The public key cannot be decoded for its algorithm (an RSA key without modulus, an EC point off its curve...). */
        PUBLIC_KEY_INVALID,
        /** An EC key with explicit curve parameters instead of a named curve (RFC 5480). */
        EC_EXPLICIT_PARAMETERS,
        /** Two extensions with the same OID. */
        DUPLICATE_EXTENSION,
        /** An extensions field with no extension in it. */
        EXTENSIONS_EMPTY,
        /** An extension this reader knows whose value does not decode. */
        EXTENSION_MALFORMED,
        /** Name constraints with neither permitted nor excluded subtrees, or with an empty one. */
        NAME_CONSTRAINTS_EMPTY,
        /** Policy constraints that require nothing. */
        POLICY_CONSTRAINTS_EMPTY,
        /** One policy OID listed twice in certificatePolicies. */
        DUPLICATE_POLICY
    }

    static Malformation of(Kind kind) {
        return new Malformation(kind, "");
    }

    static Malformation of(Kind kind, String detail) {
        return new Malformation(kind, detail);
    }
}
