package capcert.check;

/**
 * The checks, each named by the id of the fact it rests on. Ids from CH to TV are the facts of
 * RULES.md (the vendor troubleshooting guides); KS, SG, BC, KU, MF, XT, NC, CP and SN are general
 * X.509 checks (RFC 5280) that the guides take for granted, WB the CA/Browser Forum's for the web.
 */
public enum Rule {
    CH1("chain as sent: order, links, signatures, completeness"),
    CH2("trust: a path from the chain to a trusted CA"),
    CH3("trust list: two CAs with one subject"),
    CH4("CA changed on renewal: new intermediate missing"),
    EK1("traversal zone: the client rejected the server's chain"),
    EK2("Expressway certificate: both TLS Web Server and Client Authentication"),
    EK3("CallManager certificate for secure SIP: both EKUs"),
    KU1("key usage and EKU allow the role played in the handshake"),
    NM1("the name the client asked for (SNI) is in the certificate"),
    NM2("expected names present"),
    NM4("wildcard certificate"),
    NM5("SAN field over 999 characters"),
    VD1("validity at the time of the handshake"),
    VD2("revocation"),
    KS1("key strength"),
    SG1("signature hash strength"),
    BC1("basic constraints and path length"),
    MF1("certificate encoding: DER and RFC 5280 structure"),
    XT1("extensions: criticality, presence and consistency (RFC 5280)"),
    NC1("name constraints along the path"),
    CP1("certificate policies along the path"),
    SN1("names in the SAN: DNS, IP address and e-mail syntax"),
    WB1("CA/Browser Forum Baseline Requirements for TLS server certificates"),
    FM1("file format (PEM vs DER)"),
    TV1("TLS 1.3: certificates encrypted"),
    TV2("alert from the peer that rejected a certificate");

    private final String title;

    Rule(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
