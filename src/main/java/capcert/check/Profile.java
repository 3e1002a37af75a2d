package capcert.check;

/** Which requirements apply on top of plain X.509 and TLS; a rule that belongs to one profile appears only there. */
public enum Profile {
    /** RFC 5280 (certificates and path validation) and the TLS role actually played. */
    GENERIC,
    /**
     * The Web PKI: RFC 5280 plus the CA/Browser Forum Baseline Requirements for TLS server
     * certificates (WB1): a SAN and no common-name fallback, the serverAuth EKU and no other purpose
     * but clientAuth, RSA of 2048 bits or more or ECDSA on P-256/384/521, version 3 only, root AKI rules.
     */
    WEB,
    /** Cisco Expressway / MRA: both EKUs on every certificate (EK2, EK3), no wildcards (NM4), SAN within 999 characters (NM5). */
    EXPRESSWAY
}
