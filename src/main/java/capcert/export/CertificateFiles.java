package capcert.export;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The bytes of certificate files, in the layout OpenSSL and the JDK both read. */
public final class CertificateFiles {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private CertificateFiles() {
    }

    /** RFC 7468 textual encoding: 64-column Base64, {@code \n} line ends, a final newline. */
    public static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + BASE64.encodeToString(der) + (der.length == 0 ? "" : "\n")
                + "-----END CERTIFICATE-----\n";
    }

    /** Certificates one after another, in the order given, as {@code -CAfile} and trust stores read them. */
    public static String pemBundle(List<byte[]> ders) {
        StringBuilder out = new StringBuilder();
        for (byte[] der : ders) out.append(pem(der));
        return out.toString();
    }

    public static byte[] encode(CertificateFormat format, byte[] der) {
        return switch (format) {
            case DER -> der.clone();
            case PEM -> pem(der).getBytes(StandardCharsets.US_ASCII);
        };
    }
}
