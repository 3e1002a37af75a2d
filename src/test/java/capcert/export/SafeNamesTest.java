package capcert.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeNamesTest {

    private static final String SHA = "0123456789abcdef" + "0".repeat(48);

    @Test
    void fingerprintThenCommonName() {
        assertEquals("0123456789abcdef_www.example.com", SafeNames.certificate(SHA, "www.example.com"));
    }

    @Test
    void emptyCommonNameLeavesTheFingerprint() {
        assertEquals("0123456789abcdef", SafeNames.certificate(SHA, ""));
        assertEquals("0123456789abcdef", SafeNames.certificate(SHA, "\u0000\u001b"));
        assertEquals("0123456789abcdef", SafeNames.certificate(SHA, "..."));
    }

    @Test
    void pathTraversalBecomesOneHarmlessComponent() {
        String name = SafeNames.component("../../etc/passwd");

        assertFalse(name.contains("/"));
        assertFalse(name.contains(".."));
        assertFalse(name.startsWith("."));
        assertEquals("_._etc_passwd", name);
        assertEquals("_etc_passwd", SafeNames.component("..\\etc\\passwd"));
    }

    @Test
    void onlyPortableCharactersSurvive() {
        assertEquals("a_b_c_d_e_f", SafeNames.component("a b:c*d?e|f"));
        assertEquals("M_nchen_", SafeNames.component("München\uD83D\uDD12"));
        assertEquals("_.example.com", SafeNames.component("*.example.com"));
    }

    @Test
    void controlCharactersAreDropped() {
        assertEquals("evil_31mname", SafeNames.component("evil\u001b[31mname\u0007\r\n"));
        assertEquals("ab", SafeNames.component("a\u0000\u007f\u0085b"));
    }

    @Test
    void leadingAndTrailingDotsGo() {
        assertEquals("hidden", SafeNames.component("...hidden"));
        assertEquals("name", SafeNames.component("name."));
        assertEquals("a.b", SafeNames.component("a....b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "Prn", "AUX", "nul", "COM1", "com9", "LPT1", "lpt9", "CON.txt", "nul.tar.gz"})
    void windowsDeviceNamesAreDefused(String device) {
        assertEquals("_" + device, SafeNames.component(device));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONSOLE", "COM0", "COM10", "LPT", "AUXILIARY", "NULL"})
    void namesThatOnlyLookLikeDevicesStay(String name) {
        assertEquals(name, SafeNames.component(name));
    }

    @Test
    void longNamesAreCapped() {
        String name = SafeNames.component("x".repeat(300));

        assertEquals(SafeNames.MAX_COMPONENT, name.length());
        assertEquals(16 + 1 + SafeNames.MAX_COMPONENT, SafeNames.certificate(SHA, "y".repeat(300)).length());
    }

    @Test
    void capNeverLeavesATrailingDot() {
        String name = SafeNames.component("x".repeat(SafeNames.MAX_COMPONENT - 1) + ".yyy");

        assertFalse(name.endsWith("."));
        assertTrue(name.length() <= SafeNames.MAX_COMPONENT);
    }

    @Test
    void fullHashNameKeepsTheWholeFingerprint() {
        assertEquals(SHA + "_a", SafeNames.certificateFullHash(SHA, "a"));
    }
}
