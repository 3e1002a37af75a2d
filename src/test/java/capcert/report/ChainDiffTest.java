package capcert.report;

import capcert.testing.TestCaptures;
import capcert.testing.TestCertificates;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.chain;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ChainDiffTest {

    /** Behind one NAS every supplicant has the NAS's address: each is named by its EAP identity. */
    @Test
    void supplicantsAreNamedByTheirIdentityNotTheNasAddress() {
        byte[] before = TestCertificates.withCommonName("alice-2024");
        byte[] after = TestCertificates.withCommonName("alice-2025");
        byte[] bob = TestCertificates.withCommonName("bob");
        ChainDiff diff = ChainDiff.between(
                List.of(capture("a.pcap", TestCaptures.eapTlsOverRadius(1, "alice", chain(Role.CLIENT, 5, before)),
                        TestCaptures.eapTlsOverRadius(9, "bob", chain(Role.CLIENT, 12, bob)))),
                List.of(capture("b.pcap", TestCaptures.eapTlsOverRadius(1, "alice", chain(Role.CLIENT, 5, after)),
                        TestCaptures.eapTlsOverRadius(9, "bob", chain(Role.CLIENT, 12, bob)))));
        assertEquals(1, diff.changes().size());
        assertEquals("client alice", diff.changes().get(0).peer());
        assertEquals(ChainDiff.Kind.CHANGED, diff.changes().get(0).kind());
    }
}
