package capcert.check;

import capcert.testing.CertBuilder;
import capcert.testing.CertBuilder.Made;
import capcert.tls.Role;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static capcert.check.Run.ISSUING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyUsageRulesTest {

    private static final Made SERVER_ONLY = CertBuilder.leaf("CN=expe.example.com").issuer(ISSUING)
            .dns("expe.example.com").eku(KeyPurposeId.id_kp_serverAuth).build();
    private static final Made BOTH = Run.leaf("expe.example.com");

    @Test
    void expresswayNeedsBothTlsPurposes() {
        List<Verdict> v = Run.chain(SERVER_ONLY, ISSUING).expressway().verdicts();
        Verdict ek2 = Verdicts.find(v, Rule.EK2, Severity.FAIL, "TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)",
                "without TLS Web Client Authentication (1.3.6.1.5.5.7.3.2)");
        assertEquals(SERVER_ONLY.sha256(), ek2.certificate().orElseThrow());
        assertTrue(ek2.remedy().contains("both \"TLS Web Server Authentication\" and \"TLS Web Client Authentication\""));
        // Acting as a server, it is fine for KU1.
        Verdicts.find(v, Rule.KU1, Severity.PASS, "may act as a TLS server");
        Verdicts.find(Run.chain(BOTH, ISSUING).expressway().verdicts(), Rule.EK2, Severity.PASS, "carries both");
    }

    @Test
    void genericProfileDoesNotAskForBoth() {
        List<Verdict> v = Run.chain(SERVER_ONLY, ISSUING).verdicts();
        assertTrue(Verdicts.of(v, Rule.EK2).isEmpty(), Verdicts.show(v));
    }

    @Test
    void clientRoleWithAServerOnlyCertificateFails() {
        List<Verdict> v = Run.chain(SERVER_ONLY, ISSUING).client().verdicts();
        Verdict ku1 = Verdicts.find(v, Rule.KU1, Severity.FAIL, "was presented as a TLS client certificate",
                "allows only TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)");
        assertTrue(ku1.remedy().contains("TLS Web Client Authentication (1.3.6.1.5.5.7.3.2)"), ku1.remedy());
    }

    @Test
    void serverRoleWithAClientOnlyCertificateFails() {
        Made clientOnly = CertBuilder.leaf("CN=user").issuer(ISSUING).eku(KeyPurposeId.id_kp_clientAuth).build();
        Verdicts.find(Run.chain(clientOnly, ISSUING).verdicts(), Rule.KU1, Severity.FAIL, "presented as a TLS server certificate");
    }

    @Test
    void noExtendedKeyUsageAllowsEveryRole() {
        Made any = CertBuilder.leaf("CN=any.example.com").issuer(ISSUING).eku().build();
        Verdicts.find(Run.chain(any, ISSUING).client().verdicts(), Rule.KU1, Severity.PASS, "no Extended Key Usage (any use)");
    }

    @Test
    void keyUsageThatForbidsSigningFails() {
        Made encryptOnly = CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com")
                .keyUsage(KeyUsage.keyEncipherment).build();
        List<Verdict> v = Run.chain(encryptOnly, ISSUING).client().verdicts();
        Verdicts.find(v, Rule.KU1, Severity.FAIL, "has the Key Usage keyEncipherment, which does not allow digitalSignature");
    }

    @Test
    void keyUsageIsJudgedByTheKeyExchangeNegotiated() {
        Made signOnly = CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com").rsa(2048)
                .keyUsage(KeyUsage.digitalSignature).build();
        Made encryptOnly = CertBuilder.leaf("CN=www.example.com").issuer(ISSUING).dns("www.example.com").rsa(2048)
                .keyUsage(KeyUsage.keyEncipherment).build();
        List<Verdict> rsaKex = Checks.handshake(Role.SERVER, "TLS_RSA_WITH_AES_128_GCM_SHA256", 443, signOnly, ISSUING);
        Verdicts.find(rsaKex, Rule.KU1, Severity.FAIL, "does not allow keyEncipherment", "TLS_RSA_WITH_AES_128_GCM_SHA256");
        List<Verdict> ecdhe = Checks.handshake(Role.SERVER, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 443, encryptOnly, ISSUING);
        Verdicts.find(ecdhe, Rule.KU1, Severity.FAIL, "does not allow digitalSignature");
        Verdicts.find(Checks.handshake(Role.SERVER, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 443, signOnly, ISSUING),
                Rule.KU1, Severity.PASS);
    }

    @Test
    void secureSipNamesTheCallManagerRule() {
        List<Verdict> v = Checks.handshake(Role.SERVER, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 5061, Checks.EXPRESSWAY,
                SERVER_ONLY, ISSUING);
        Verdicts.find(v, Rule.EK3, Severity.FAIL, "CallManager certificate needs both");
    }
}
