package capcert.x509;

import java.util.Map;

/** Extended Key Usage purposes named as OpenSSL, Windows and certificate viewers show them: one table for every face. */
public final class ExtendedKeyUsage {

    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String ANY = "2.5.29.37.0";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(SERVER_AUTH, "TLS Web Server Authentication"),
            Map.entry(CLIENT_AUTH, "TLS Web Client Authentication"),
            Map.entry("1.3.6.1.5.5.7.3.3", "Code Signing"),
            Map.entry("1.3.6.1.5.5.7.3.4", "E-mail Protection"),
            Map.entry("1.3.6.1.5.5.7.3.5", "IPSec End System"),
            Map.entry("1.3.6.1.5.5.7.3.6", "IPSec Tunnel"),
            Map.entry("1.3.6.1.5.5.7.3.7", "IPSec User"),
            Map.entry("1.3.6.1.5.5.7.3.8", "Time Stamping"),
            Map.entry("1.3.6.1.5.5.7.3.9", "OCSP Signing"),
            Map.entry("1.3.6.1.5.5.7.3.17", "IPsec IKE"),
            Map.entry("1.3.6.1.5.5.8.2.2", "IPSec IKE Intermediate"),
            Map.entry("1.3.6.1.4.1.311.20.2.2", "Microsoft Smartcard Logon"),
            Map.entry("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
            Map.entry("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto"),
            Map.entry(ANY, "Any Extended Key Usage"));

    private ExtendedKeyUsage() {
    }

    /** "TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)", or the OID alone for a purpose without a name. */
    public static String name(String oid) {
        String name = NAMES.get(oid);
        return name == null ? oid : name + " (" + oid + ")";
    }
}
