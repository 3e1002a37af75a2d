package capcert.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Extended Key Usage purposes named as OpenSSL, Windows and certificate viewers show them: one table for every face. */
public final class ExtendedKeyUsage {

    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    public static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    public static final String ANY = "2.5.29.37.0";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(SERVER_AUTH, "TLS Web Server Authentication"),
            Map.entry(CLIENT_AUTH, "TLS Web Client Authentication"),
            Map.entry(CODE_SIGNING, "Code Signing"),
            Map.entry(EMAIL_PROTECTION, "E-mail Protection"),
            Map.entry("1.3.6.1.5.5.7.3.5", "IPSec End System"),
            Map.entry("1.3.6.1.5.5.7.3.6", "IPSec Tunnel"),
            Map.entry("1.3.6.1.5.5.7.3.7", "IPSec User"),
            Map.entry(TIME_STAMPING, "Time Stamping"),
            Map.entry(OCSP_SIGNING, "OCSP Signing"),
            Map.entry("1.3.6.1.5.5.7.3.17", "IPsec IKE"),
            Map.entry("1.3.6.1.5.5.8.2.2", "IPSec IKE Intermediate"),
            Map.entry("1.3.6.1.4.1.311.20.2.2", "Microsoft Smartcard Logon"),
            Map.entry("1.3.6.1.4.1.311.10.3.3", "Microsoft Server Gated Crypto"),
            Map.entry("2.16.840.1.113730.4.1", "Netscape Server Gated Crypto"),
            Map.entry("1.3.6.1.4.1.11129.2.4.4", "Certificate Transparency Precertificate Signing"),
            Map.entry(ANY, "Any Extended Key Usage"));

    /** The purposes by the names RFC 5280 gives them (folded: no case, dashes or underscores), for purposes given as words. */
    private static final Map<String, String> RFC_NAMES = Map.of(
            "serverauth", SERVER_AUTH, "clientauth", CLIENT_AUTH, "codesigning", CODE_SIGNING,
            "emailprotection", EMAIL_PROTECTION, "timestamping", TIME_STAMPING, "ocspsigning", OCSP_SIGNING,
            "anyextendedkeyusage", ANY);

    private ExtendedKeyUsage() {
    }

    /** "TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)", or the OID alone for a purpose without a name. */
    public static String name(String oid) {
        String name = NAMES.get(oid);
        return name == null ? oid : name + " (" + oid + ")";
    }

    /** The OID of a purpose given by its RFC 5280 name ("serverAuth") or as a dotted OID; empty when it is neither. */
    public static Optional<String> oid(String purpose) {
        String oid = RFC_NAMES.get(purpose.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
        if (oid != null) return Optional.of(oid);
        try {
            return Optional.of(new ASN1ObjectIdentifier(purpose).getId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
