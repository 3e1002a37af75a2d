package capcert.ui;

import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.testing.TestCaptures;
import capcert.testing.TestPki;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeRowTest {

    private static HandshakeRow row(Assessment assessment) {
        TestPki.Chain pki = TestPki.server();
        return HandshakeRow.of(TestCaptures.capture("mra.pcapng"),
                tls12(3, chain(Role.SERVER, 5, pki.leaf().der(), pki.intermediate().der())), assessment, new HashMap<>());
    }

    @Test
    void filterMatchesEveryWordAnywhereIgnoringCase() {
        HandshakeRow row = row(Assessment.of(List.of()));

        assertTrue(row.matches(""));
        assertTrue(row.matches("198.51.100.7:443"));
        assertTrue(row.matches("LEAF.example  tls 1.2"));
        assertTrue(row.matches("intermediate (server.capcert.test)"));
        assertTrue(row.matches("dns:server.capcert.test mra.pcapng"));
        assertFalse(row.matches("leaf.example 5061"));
    }

    @Test
    void tableShowsAddressesAndTheServerPort() {
        HandshakeRow row = row(Assessment.of(List.of()));

        assertEquals("192.0.2.10 → 198.51.100.7", row.endpoints());
        assertEquals(443, row.port());
    }

    @Test
    void anEapHandshakeIsNamedByItsMethodAndIdentityAndHasNoPort() {
        HandshakeRow row = HandshakeRow.of(TestCaptures.capture("dot1x.pcapng"), TestCaptures.peapOverEapol(1, List.of()),
                Assessment.of(List.of()), new HashMap<>());
        assertEquals("02:00:5e:00:53:0a → 02:00:5e:00:53:01", row.endpoints());
        assertEquals(null, row.port());
        assertEquals("PEAP anonymous", row.serverName());
        assertTrue(row.matches("peap anonymous eapol"));

        HandshakeRow radius = HandshakeRow.of(TestCaptures.capture("ise.pcapng"), TestCaptures.eapTlsOverRadius(1, "alice", List.of()),
                Assessment.of(List.of()), new HashMap<>());
        assertTrue(radius.matches("alice sw-7 02-00-5e-00-53-0a radius"));
        HandshakeRow turn = HandshakeRow.of(TestCaptures.capture("call.pcapng"), TestCaptures.turnRelayed(1, List.of()),
                Assessment.of(List.of()), new HashMap<>());
        assertTrue(turn.matches("203.0.113.1:3478 turn-udp"));
        assertEquals("peer.example", turn.serverName());
    }

    @Test
    void verdictFilterGoesByTheWorstVerdict() {
        HandshakeRow failing = row(Assessment.of(List.of(
                new Verdict(Rule.CH2, Severity.FAIL, Optional.empty(), "no path", "add the root"),
                Verdict.pass(Rule.VD1, null, "valid"))));
        HandshakeRow unchecked = row(Assessment.unavailable("verdicts unavailable"));

        assertTrue(VerdictFilter.FAIL.matches(failing.worst()));
        assertTrue(VerdictFilter.PROBLEMS.matches(failing.worst()));
        assertFalse(VerdictFilter.PASS.matches(failing.worst()));
        assertFalse(VerdictFilter.UNCHECKED.matches(failing.worst()));
        assertTrue(VerdictFilter.UNCHECKED.matches(unchecked.worst()));
        assertFalse(VerdictFilter.PROBLEMS.matches(unchecked.worst()));
        assertTrue(VerdictFilter.ANY.matches(unchecked.worst()));
    }
}
