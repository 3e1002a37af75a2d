package capcert.x509;

import capcert.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsernamePatternTest {

    private static final CertificateDetails ALICE = CertificateDetails.decode(TestCertificates.certificate()
            .subject("CN=alice,OU=Staff,O=Example").issuer("CN=Example CA,O=Example").serial(java.math.BigInteger.TEN)
            .dns("alice.example.com").email("alice@example.com").ip("192.0.2.7").der());
    private static final CertificateDetails CN_LAST = CertificateDetails.decode(TestCertificates.certificate()
            .subject("O=Example,CN=bob").der());

    private static UsernamePattern.Extraction extract(String regex, String format, CertificateDetails details) {
        return UsernamePattern.compile(regex, format).apply(CertificateText.lines(details));
    }

    @Test
    void textHasOneLinePerFieldInRfc2253() {
        assertEquals(List.of(
                "Subject: CN=alice,OU=Staff,O=Example",
                "Issuer: CN=Example CA,O=Example",
                "Serial Number: a",
                "Not Before: 2024-01-01T00:00:00Z",
                "Not After: 2026-01-01T00:00:00Z",
                "Subject Alternative Name: DNS:alice.example.com, email:alice@example.com, IP:192.0.2.7",
                "SHA-256 Fingerprint: " + ALICE.sha256()), CertificateText.lines(ALICE));
        assertEquals(6, CertificateText.lines(CN_LAST).size(), "no SAN line without SANs");
    }

    @Test
    void namedGroupsFillTheFormat() {
        assertEquals(Optional.of("alice"), extract("Subject:.*CN=(?<cn>[^,]*)", "#cn#", ALICE).username());
        assertEquals(Optional.of("EXAMPLE\\alice (Staff)"),
                extract("Subject: CN=(?<cn>[^,]*),OU=(?<ou>[^,]*)", "EXAMPLE\\#cn# (#ou#)", ALICE).username());
        assertEquals(Optional.of("alice@example.com"),
                extract("email:(?<mail>[^,]+)", "#mail#", ALICE).username());
        assertEquals(Optional.of("$1 #cn"), extract("CN=(?<cn>[^,]*)", "$1 #cn", ALICE).username(),
                "text that is not a #group# is kept as it is");
    }

    @Test
    void theFirstMatchingLineWinsAndGroupsStopAtTheLineEnd() {
        assertEquals(Optional.of("alice"), extract("CN=(?<cn>[^,]*)", "#cn#", ALICE).username(),
                "Subject comes before Issuer");
        // CN last in RFC 2253: [^,]* would run into the Issuer line if the text were matched whole.
        assertEquals(Optional.of("bob"), extract("Subject:.*CN=(?<cn>[^,]*)", "#cn#", CN_LAST).username());
    }

    @Test
    void noMatchAndMissingGroupsAreProblemsNotUsernames() {
        UsernamePattern.Extraction none = extract("Subject:.*UID=(?<uid>[^,]*)", "#uid#", ALICE);
        assertEquals(Optional.empty(), none.username());
        assertEquals(Optional.of("the pattern matches no line of the certificate text"), none.problem());

        UsernamePattern.Extraction undefined = extract("CN=(?<cn>[^,]*)", "#user#", ALICE);
        assertEquals(Optional.empty(), undefined.username());
        assertEquals(Optional.of("the username format uses #user# but the pattern has no group (?<user>...)"),
                undefined.problem());

        UsernamePattern.Extraction unused = extract("Subject: CN=(?<cn>[^,]*)(,UID=(?<uid>[^,]*))?", "#cn#.#uid#", ALICE);
        assertEquals(Optional.empty(), unused.username());
        assertEquals(Optional.of("group uid took no part in the match of \"Subject: CN=alice,OU=Staff,O=Example\""),
                unused.problem());
    }

    @Test
    void invalidExpressionIsRefusedAtOnce() {
        assertThrows(PatternSyntaxException.class, () -> UsernamePattern.compile("CN=(?<cn>", "#cn#"));
    }
}
