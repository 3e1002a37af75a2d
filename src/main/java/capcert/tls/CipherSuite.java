package capcert.tls;

import java.util.Map;

/**
 * A cipher suite as the ServerHello codes it, named by IANA's registry: {@link #toString()} gives
 * "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", or the code as {@code 0x1234} for suites not met in practice.
 */
public record CipherSuite(int code) {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x0000, "TLS_NULL_WITH_NULL_NULL"),
            Map.entry(0x0001, "TLS_RSA_WITH_NULL_MD5"),
            Map.entry(0x0002, "TLS_RSA_WITH_NULL_SHA"),
            Map.entry(0x0004, "TLS_RSA_WITH_RC4_128_MD5"),
            Map.entry(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
            Map.entry(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5"),
            Map.entry(0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"),
            Map.entry(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"),
            Map.entry(0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA"),
            Map.entry(0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1304, "TLS_AES_128_CCM_SHA256"),
            Map.entry(0x1305, "TLS_AES_128_CCM_8_SHA256"),
            Map.entry(0x5600, "TLS_FALLBACK_SCSV"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"),
            Map.entry(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"));

    public CipherSuite {
        if (code < 0 || code > 0xffff) throw new IllegalArgumentException("a cipher suite is two bytes: " + code);
    }

    /** The IANA name, or the code as {@code 0x1234}. */
    public String name() {
        String name = NAMES.get(code);
        return name != null ? name : String.format("0x%04x", code);
    }

    /** Whether the server of this suite sends no certificate at all (anonymous and pre-shared-key suites). */
    public boolean withoutCertificate() {
        String name = NAMES.get(code);
        return name != null && (name.contains("_anon_") || name.startsWith("TLS_PSK_") || name.startsWith("TLS_ECDHE_PSK_"));
    }

    @Override
    public String toString() {
        return name();
    }
}
