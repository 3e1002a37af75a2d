package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import capcert.tls.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static capcert.check.Run.ISSUING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameRulesTest {

    private static final Made EDGE = Run.leaf("expe.example.com", "example.com");

    @Test
    void sniInTheSanPasses() {
        Verdicts.find(Run.chain(EDGE, ISSUING).serverName("expe.example.com").verdicts(), Rule.NM1, Severity.PASS,
                "\"expe.example.com\", matches DNS:expe.example.com");
    }

    @Test
    void sniNotInTheSanFails() {
        List<Verdict> v = Run.chain(EDGE, ISSUING).serverName("vcs.example.com").verdicts();
        Verdict nm1 = Verdicts.find(v, Rule.NM1, Severity.FAIL, "asked for \"vcs.example.com\"",
                "is for DNS:expe.example.com, DNS:example.com");
        assertTrue(nm1.remedy().contains("DNS:vcs.example.com"), nm1.remedy());
    }

    @Test
    void sniFromTheCaptureIsChecked() {
        Verdicts.find(new Checker(CheckOptions.defaults()).check(Checks.tls12(443, Optional.of("vcs.example.com"), "TLS_AES_128_GCM_SHA256",
                Checks.chain(Role.SERVER, 4, EDGE, ISSUING), List.of())), Rule.NM1, Severity.FAIL);
        Verdicts.find(new Checker(CheckOptions.defaults()).check(Checks.tls12(443, Optional.empty(), "TLS_AES_128_GCM_SHA256",
                Checks.chain(Role.SERVER, 4, EDGE, ISSUING), List.of())), Rule.NM1, Severity.INFO,
                "sent no SNI");
    }

    @Test
    void commonNameCountsOnlyWithoutSanExtension() {
        Made cnOnly = CertBuilder.leaf("CN=old.example.com").issuer(ISSUING).build();
        Verdicts.find(Run.chain(cnOnly, ISSUING).serverName("old.example.com").verdicts(), Rule.NM1, Severity.PASS,
                "CN=old.example.com");
        Made cnAndSan = CertBuilder.leaf("CN=old.example.com").issuer(ISSUING).dns("new.example.com").build();
        Verdicts.find(Run.chain(cnAndSan, ISSUING).serverName("old.example.com").verdicts(), Rule.NM1, Severity.FAIL);
    }

    @Test
    void ipAddressMatchesOnlyAnIpSan() {
        Made withIp = CertBuilder.leaf("CN=10.0.0.5").issuer(ISSUING).dns("expe.example.com").ip("10.0.0.5").build();
        List<Verdict> v = Run.chain(withIp, ISSUING).serverName("10.0.0.5").verdicts();
        Verdicts.find(v, Rule.NM1, Severity.PASS, "IP:10.0.0.5");
        Verdicts.find(v, Rule.NM1, Severity.INFO, "carries IP address SANs: 10.0.0.5");
        Made byCn = CertBuilder.leaf("CN=10.0.0.5").issuer(ISSUING).build();
        Verdict fail = Verdicts.find(Run.chain(byCn, ISSUING).serverName("10.0.0.5").verdicts(), Rule.NM1, Severity.FAIL,
                "an IP address matches only an IP-address SAN");
        assertTrue(fail.remedy().contains("by FQDN"), fail.remedy());
    }

    @Test
    void missingCollabEdgeNameFailsListingTheSans() {
        List<Verdict> v = Run.chain(EDGE, ISSUING).expect("example.com", "collab-edge.example.com").verdicts();
        Verdict nm2 = Verdicts.find(v, Rule.NM2, Severity.FAIL, "\"collab-edge.example.com\" is not in certificate 0",
                "carries DNS:expe.example.com, DNS:example.com", "_collab-edge SRV");
        assertEquals("Add DNS:collab-edge.example.com to the SAN and reissue the certificate.", nm2.remedy());
        Verdicts.find(v, Rule.NM2, Severity.PASS, "\"example.com\" (DNS:example.com)");
    }

    @Test
    void expectedNamesApplyToTheServerOfAHandshakeOnly() {
        CheckOptions expect = new CheckOptions(List.of(), List.of("collab-edge.example.com"), Optional.empty(),
                Profile.GENERIC, List.of());
        List<Verdict> v = new Checker(expect).check(Checks.tls12(7001, Optional.empty(), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                concat(Checks.chain(Role.SERVER, 4, EDGE, ISSUING), Checks.chain(Role.CLIENT, 6, Run.leaf("expc.example.com"))),
                List.of()));
        assertEquals(1, Verdicts.of(v, Rule.NM2, Severity.FAIL).size(), Verdicts.show(v));
        assertEquals(EDGE.sha256(), Verdicts.of(v, Rule.NM2, Severity.FAIL).get(0).certificate().orElseThrow());
    }

    @Test
    void wildcardsAreAnExpresswayRuleOnly() {
        Made wild = CertBuilder.leaf("CN=*.example.com").issuer(ISSUING).dns("*.example.com").build();
        assertTrue(Verdicts.of(Run.chain(wild, ISSUING).verdicts(), Rule.NM4).isEmpty(), "NM4 is Expressway's");
        assertTrue(Verdicts.of(Run.chain(wild, ISSUING).web().verdicts(), Rule.NM4).isEmpty(), "NM4 is Expressway's");
        Verdicts.find(Run.chain(wild, ISSUING).expressway().verdicts(), Rule.NM4, Severity.FAIL,
                "Expressway does not support wildcard certificates");
        Verdicts.find(Run.chain(EDGE, ISSUING).expressway().verdicts(), Rule.NM4, Severity.PASS, "no wildcard");
    }

    @Test
    void sanFieldOver999CharactersSaysWhatIsLost() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) names.add("domain" + String.format("%02d", i) + ".collab.example.com");
        // Each "DNS:domainNN.collab.example.com" is 31 characters; name k ends at 33k + 31: name 29 at 988, name 30 at 1021.
        Made big = CertBuilder.leaf("CN=expe.example.com").issuer(ISSUING).dns(names.toArray(String[]::new)).build();
        List<Verdict> v = Run.chain(big, ISSUING).expressway().verdicts();
        Verdict nm5 = Verdicts.find(v, Rule.NM5, Severity.WARN, "is 1318 characters long",
                "these 10 names are lost: DNS:domain30.collab.example.com, ", "DNS:domain39.collab.example.com.");
        assertTrue(!nm5.message().contains("domain29.collab"), nm5.message());
        // An expected name among the lost ones is what breaks an Expressway deployment.
        Verdicts.find(Run.chain(big, ISSUING).expressway().expect("domain35.collab.example.com").verdicts(), Rule.NM5,
                Severity.FAIL, "the expected name \"domain35.collab.example.com\"");
        assertTrue(Verdicts.of(Run.chain(big, ISSUING).expect("domain35.collab.example.com").verdicts(), Rule.NM5).isEmpty(),
                "NM5 is Expressway's");
        Verdicts.find(Run.chain(EDGE, ISSUING).expressway().verdicts(), Rule.NM5, Severity.PASS, "within Expressway's 999");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
