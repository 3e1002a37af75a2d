package capcert.check;

/** Which deployment's requirements apply on top of plain X.509 and TLS. */
public enum Profile {
    /** RFC 5280 and the TLS role actually played. */
    GENERIC,
    /** Cisco Expressway / MRA: both EKUs on every certificate (EK2, EK3), no wildcards (NM4), SAN within 999 characters (NM5). */
    EXPRESSWAY
}
