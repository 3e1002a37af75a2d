package capcert.check;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.util.Locale;
import java.util.Optional;

/** Extended key usages as users name them: RFC 5280's names ("serverAuth") or dotted OIDs. */
public final class Purposes {

    private Purposes() {
    }

    /** The OID of a purpose given by name or as an OID; empty when it is neither. */
    public static Optional<String> oid(String name) {
        String oid = KeyPurposes.RFC_NAMES.get(name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
        if (oid != null) return Optional.of(oid);
        try {
            return Optional.of(new ASN1ObjectIdentifier(name).getId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
