package capcert.x509;

import capcert.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real certificate the shared captures carry, against the subject OpenSSL printed for it
 * with {@code -nameopt RFC2253}. The two agree where the name uses only the keywords RFC 2253
 * defines; for other attributes (emailAddress, postalCode, ...) X500Principal prints
 * {@code OID=#hex}, as RFC 2253 says, while OpenSSL prints its own short names.
 */
class SharedTruthTest {

    private static final String UNPARSEABLE = "<unparseable>";
    private static final Set<String> RFC2253_KEYWORDS = Set.of("CN", "L", "ST", "O", "OU", "C", "STREET", "DC", "UID");
    private static final Pattern ATTRIBUTE_TYPE = Pattern.compile("(?:^|[,+])([^,+=\\\\]+)=");

    @Test
    void realCertificatesDecodeAsOpenSslReadThem() throws Exception {
        Path truth = SharedData.capture("truth/certs").getParent();

        Map<String, String> subjects = new LinkedHashMap<>();
        try (Stream<Path> tables = Files.list(truth)) {
            for (Path table : tables.filter(p -> p.toString().endsWith(".tsv") && !p.endsWith("SUMMARY.tsv")).toList()) {
                List<String> rows = Files.readAllLines(table);
                List<String> header = List.of(rows.get(0).split("\t", -1));
                int sha = header.indexOf("sha256_hex_lowercase");
                int subject = header.indexOf("subject_rfc2253");
                for (String row : rows.subList(1, rows.size())) {
                    String[] cells = row.split("\t", -1);
                    subjects.put(cells[sha], cells[subject]);
                }
            }
        }
        assertTrue(subjects.size() > 100, "expected the shared truth to list many certificates");

        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, String> e : subjects.entrySet()) {
            CertificateDetails details = CertificateDetails.decode(
                    Files.readAllBytes(truth.resolve("certs").resolve(e.getKey() + ".der")));
            assertEquals(e.getKey(), details.sha256());
            boolean right;
            if (e.getValue().equals(UNPARSEABLE)) {
                right = details.parseError().isPresent();
            } else if (onlyRfc2253Keywords(e.getValue())) {
                right = details.parseError().isEmpty() && details.subject().equals(e.getValue());
                compared++;
            } else {
                right = details.parseError().isEmpty() && details.commonName().isEmpty() == !e.getValue().contains("CN=");
            }
            if (!right) wrong.add(e.getKey() + ": expected " + e.getValue() + ", got " + details);
        }
        assertEquals(List.of(), wrong);
        assertTrue(compared > 100, "compared only " + compared);
    }

    private static boolean onlyRfc2253Keywords(String dn) {
        Matcher types = ATTRIBUTE_TYPE.matcher(dn);
        while (types.find()) {
            if (!RFC2253_KEYWORDS.contains(types.group(1))) return false;
        }
        return true;
    }
}
