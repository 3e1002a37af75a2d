package capcert.ui;

import capcert.testing.TestPki;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static capcert.testing.TestCaptures.chain;
import static capcert.testing.TestCaptures.concat;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainLayoutTest {

    private static final TestPki.Chain PKI = TestPki.server();

    private static List<String> names(List<ChainLayout.Certificate> certificates) {
        return certificates.stream().map(ChainLayout.Certificate::label).toList();
    }

    @Test
    void pathFollowsIssuersWhateverTheOrderSent() {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), PKI.root().der(), PKI.intermediate().der()));

        assertEquals(List.of("server.capcert.test", "capcert Test Server Intermediate (server.capcert.test)",
                "capcert Test Server Root (server.capcert.test)"), names(layout.path()));
        assertEquals(Optional.empty(), layout.missingIssuer());
        assertEquals(List.of(), layout.unrelated());
        assertEquals(List.of(0, 1, 2), layout.sent().stream().map(c -> c.entry().position()).toList());
    }

    @Test
    void rootNotSentIsNamedAsTheMissingIssuer() {
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), PKI.intermediate().der()));

        assertEquals(2, layout.path().size());
        assertEquals(Optional.of("O=capcert tests,CN=capcert Test Server Root (server.capcert.test)"), layout.missingIssuer());
    }

    @Test
    void certificatesOffThePathAreKeptApart() {
        TestPki.Chain other = TestPki.chain("other.example", TestPki.KeyType.EC_P256);
        ChainLayout layout = ChainLayout.of(chain(Role.SERVER, 9, PKI.leaf().der(), other.root().der(), PKI.intermediate().der()));

        assertEquals(List.of("server.capcert.test", "capcert Test Server Intermediate (server.capcert.test)"), names(layout.path()));
        assertEquals(List.of("capcert Test Server Root (other.example)"), names(layout.unrelated()));
        assertTrue(layout.missingIssuer().isPresent());
    }

    @Test
    void eachCertificateMessageIsItsOwnChain() {
        TestPki.Chain client = TestPki.client("alice@example.com", TestPki.KeyType.EC_P256);
        Handshake handshake = tls12(1, concat(
                chain(Role.SERVER, 7, PKI.leaf().der(), PKI.intermediate().der()),
                chain(Role.CLIENT, 12, client.leaf().der())));

        List<ChainLayout> layouts = ChainLayout.of(handshake);

        assertEquals(List.of(Role.SERVER, Role.CLIENT), layouts.stream().map(ChainLayout::sender).toList());
        assertEquals(List.of(2, 1), layouts.stream().map(l -> l.sent().size()).toList());
    }

    @Test
    void undecodableCertificateIsALeafOfItsOwn() {
        List<CertificateEntry> entries = List.of(new CertificateEntry(Role.SERVER, 0, new byte[] {1, 2, 3}, 5));
        ChainLayout layout = ChainLayout.of(entries);

        assertEquals(List.of("undecodable certificate (3 bytes)"), names(layout.path()));
        assertEquals(Optional.empty(), layout.missingIssuer());
    }
}
