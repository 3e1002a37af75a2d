package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import capcert.trust.TrustList;
import capcert.trust.TrustedCertificate;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** One {@link Checker#checkChain} call, set up fluently; and the test PKI most tests share. */
final class Run {

    static final Instant WHEN = Instant.parse("2025-06-01T00:00:00Z");
    static final Made ROOT = CertBuilder.ca("CN=Example Root CA,O=Example").build();
    static final Made ISSUING = CertBuilder.ca("CN=Example Issuing CA,O=Example").issuer(ROOT).pathLen(0).build();

    /** A server certificate with both TLS EKUs for {@code names}, issued by {@link #ISSUING}. */
    static Made leaf(String... names) {
        return CertBuilder.leaf("CN=" + names[0] + ",O=Example").issuer(ISSUING).dns(names)
                .eku(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth).build();
    }

    /** A trust list whose certificates came from {@code file} ("file #1", "file #2"...). */
    static TrustList trust(String file, Made... certs) {
        List<TrustedCertificate> list = new ArrayList<>();
        for (int i = 0; i < certs.length; i++) list.add(certs[i].trusted(file + " #" + (i + 1)));
        return TrustList.of(list);
    }

    private final List<byte[]> chain = new ArrayList<>();
    private final List<byte[]> intermediates = new ArrayList<>();
    private final List<TrustList> trust = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private Purpose purpose = Purpose.SERVER;
    private Optional<String> serverName = Optional.empty();
    private Optional<Instant> at = Optional.empty();
    private Profile profile = Profile.GENERIC;
    private Instant when = WHEN;
    private capcert.check.path.PathOptions path = capcert.check.path.PathOptions.defaults();
    private final List<String> purposes = new ArrayList<>();
    private Wording wording = Wording.PLAIN;

    static Run chain(Made... certs) {
        Run run = new Run();
        for (Made m : certs) run.chain.add(m.der());
        return run;
    }

    static Run bytes(byte[]... ders) {
        Run run = new Run();
        run.chain.addAll(Arrays.asList(ders));
        return run;
    }

    Run trust(TrustList... lists) {
        trust.addAll(List.of(lists));
        return this;
    }

    Run intermediates(Made... certs) {
        for (Made m : certs) intermediates.add(m.der());
        return this;
    }

    Run client() {
        purpose = Purpose.CLIENT;
        return this;
    }

    Run serverName(String name) {
        serverName = Optional.of(name);
        return this;
    }

    Run expect(String... names) {
        expected.addAll(List.of(names));
        return this;
    }

    Run at(Instant time) {
        at = Optional.of(time);
        return this;
    }

    Run when(Instant time) {
        when = time;
        return this;
    }

    Run expressway() {
        profile = Profile.EXPRESSWAY;
        return this;
    }

    Run web() {
        profile = Profile.WEB;
        return this;
    }

    Run path(capcert.check.path.PathOptions options) {
        path = options;
        return this;
    }

    Run purposes(String... oids) {
        purposes.addAll(List.of(oids));
        return this;
    }

    Run wording(Wording words) {
        wording = words;
        return this;
    }

    Run crls(X509CRL... lists) {
        crls.addAll(List.of(lists));
        return this;
    }

    CheckOptions options() {
        return new CheckOptions(trust, expected, at, profile, capcert.testing.Parsed.crls(crls), List.of(), path, purposes);
    }

    List<Verdict> verdicts() {
        return new Checker(options(), wording).checkChain(chain, intermediates, purpose, serverName, when);
    }
}
