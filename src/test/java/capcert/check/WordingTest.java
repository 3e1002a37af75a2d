package capcert.check;

import capcert.capture.Limit;
import capcert.check.path.PathOptions;
import capcert.net.Transport;
import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import capcert.testing.TestCaptures;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.TlsVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static capcert.check.Run.ISSUING;
import static capcert.check.Run.ROOT;
import static capcert.check.Run.trust;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verdicts that ask for an input, or quote a note about a limit, say it in the words of the face given. */
class WordingTest {

    /** Marks every place a face's words go, so a test sees each arrive where it belongs. */
    private static final Wording MARKED = new Wording() {
        @Override
        public String howToRaise(Limit limit) {
            return " <raise " + limit + ">";
        }

        @Override
        public String missing(Input input) {
            return "<no " + input + ">";
        }

        @Override
        public String howToGive(Input input) {
            return "<give " + input + ">";
        }

        @Override
        public String aside(Input input) {
            return " <aside " + input + ">";
        }
    };

    private static final Made LEAF = CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com")
            .crlAt("http://pki.example.com/issuing.crl").build();

    @Test
    void remediesAskForInputsInTheFacesWords() {
        List<Verdict> untrusted = Run.chain(LEAF).wording(MARKED).verdicts();
        assertEquals("Give the CA list of the client that checks this chain <give TRUST_LIST>.",
                Verdicts.find(untrusted, Rule.CH2, Severity.INFO, "Trust not checked: <no TRUST_LIST>.").remedy());
        assertEquals("Give the client's trust list <give TRUST_LIST> to check.",
                Verdicts.find(untrusted, Rule.CH1, Severity.INFO, "did not send").remedy());
        assertEquals("Download the CRL and give it <give CRL> to check it.",
                Verdicts.find(untrusted, Rule.VD2, Severity.INFO, "not checked (offline)").remedy());

        List<Verdict> later = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).wording(MARKED)
                .at(Instant.parse("2070-01-01T00:00:00Z")).verdicts();
        Verdicts.find(later, Rule.VD1, Severity.FAIL, "not valid at 2070-01-01 00:00:00 UTC <aside CHECK_TIME>.");
    }

    @Test
    void pathLimitsAreNamedInTheFacesWords() {
        List<Verdict> partial = Run.chain(LEAF).trust(trust("ca.pem", ISSUING)).wording(MARKED).verdicts();
        assertEquals("Upload the root \"Example Root CA\" to trust list \"ca.pem\", or have the verifier accept partial"
                + " chains <aside PARTIAL_CHAIN>.", Verdicts.find(partial, Rule.CH2, Severity.FAIL, "is trusted").remedy());

        List<Verdict> deep = Run.chain(LEAF, ISSUING).trust(trust("ca.pem", ROOT)).wording(MARKED)
                .path(new PathOptions(0, Set.of(), false, false, false, false)).verdicts();
        assertEquals("Shorten the chain (have the certificate issued closer to the root), or allow longer paths if the"
                + " verifier does <aside MAX_INTERMEDIATES>.", Verdicts.find(deep, Rule.CH2, Severity.FAIL, "needs more than").remedy());
    }

    @Test
    void aHandshakeVerdictQuotesItsNotesInTheFacesWords() {
        Handshake h = TestCaptures.handshake(Transport.TCP, TestCaptures.endpoint("192.0.2.10", 50000),
                TestCaptures.endpoint("198.51.100.7", 443), 1, Optional.of(TlsVersion.TLS_1_3), Optional.empty(),
                List.of(), List.of(), List.of(new Note.CertificatesEncrypted(TlsVersion.TLS_1_3),
                        new Note.CertificatesOverLimit(Role.SERVER, 5000, 1000, 7)));
        List<Verdict> v = new Checker(CheckOptions.defaults(), MARKED).check(h);
        assertEquals("Load the client's key log (SSLKEYLOGFILE) to decrypt them, check the certificate files"
                + " <give CERTIFICATE_FILES>, or capture a TLS 1.2 handshake (limit the client or server to TLS 1.2).",
                Verdicts.find(v, Rule.TV1, Severity.INFO, "encrypts the Certificate messages").remedy());
        Verdicts.find(v, Rule.TV1, Severity.INFO, "No certificate in clear text: Certificate message from the server"
                + " holds 5000 certificates; the first 1000 are kept <raise CERTIFICATES_PER_MESSAGE> (frame 7).");
    }
}
