package capcert.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNamesTest {

    @Test
    void exactNamesMatchIgnoringCaseAndTrailingDot() {
        assertTrue(HostNames.matches("expe.example.com", "EXPE.example.com."));
        assertFalse(HostNames.matches("expe.example.com", "expc.example.com"));
    }

    @Test
    void wildcardStandsForExactlyOneLeftMostLabel() {
        assertTrue(HostNames.matches("*.example.com", "expe.example.com"));
        assertFalse(HostNames.matches("*.example.com", "a.b.example.com"));
        assertFalse(HostNames.matches("*.example.com", "example.com"));
        assertFalse(HostNames.matches("expe.*.com", "expe.example.com"));
        assertFalse(HostNames.matches("*.com", "example.com"));
    }

    @Test
    void internationalNamesCompareInTheirAsciiForm() {
        assertTrue(HostNames.matches("xn--bcher-kva.example", "bücher.example"));
    }

    @Test
    void ipLiteralsAreRecognisedWithoutLookingAnythingUp() {
        assertEquals("10.1.2.3", HostNames.ipLiteral("10.1.2.3").orElseThrow().getHostAddress());
        assertTrue(HostNames.ipLiteral("[2001:db8::1]").isPresent());
        assertTrue(HostNames.ipLiteral("999.1.2.3").isEmpty());
        assertTrue(HostNames.ipLiteral("expe.example.com").isEmpty());
        assertTrue(HostNames.ipLiteral("cafe:example").isEmpty());
    }
}
