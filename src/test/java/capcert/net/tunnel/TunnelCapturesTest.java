package capcert.net.tunnel;

import capcert.check.CheckOptions;
import capcert.check.Checker;
import capcert.check.Rule;
import capcert.check.Severity;
import capcert.check.Verdict;
import capcert.net.Concealment;
import capcert.net.EapMethod;
import capcert.net.EapSession;
import capcert.net.MacEndpoint;
import capcert.net.Transport;
import capcert.tls.CaptureResult;
import capcert.tls.CaptureScanner;
import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Note;
import capcert.tls.Role;
import capcert.tls.ScanOptions;
import capcert.x509.CertificateDetails;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tunnel captures of test-captures/ (make-tunnel-captures.sh: FreeRADIUS, hostapd,
 * wpa_supplicant, OpenVPN, coturn) tell beyond the certificates ShippedCapturesTest checks: how the
 * supplicant is named, the relay, the transport, and what is said of encrypted control channels.
 */
class TunnelCapturesTest {

    private static final Path DIR = Path.of("test-captures");
    private static final String SUPPLICANT_STATION = "02-00-00-19-2B-02";

    private static Handshake only(String capture) {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve(capture));
        assertEquals(List.of(), result.problems(), capture);
        assertEquals(1, result.handshakes().size(), capture + ": " + result.handshakes());
        return result.handshakes().get(0);
    }

    private static void noPhantom(Handshake h) {
        for (CertificateEntry c : h.certificates()) {
            CertificateDetails d = CertificateDetails.decode(c.der());
            assertTrue(d.parseError().isEmpty(), () -> "not DER: " + d.parseError());
        }
        assertTrue(h.notes().stream().noneMatch(n -> n instanceof Note.MalformedMessage || n instanceof Note.MalformedCertificateMessage
                || n instanceof Note.RecordFramingLost || n instanceof Note.BytesNotCaptured || n instanceof Note.PacketsNotCaptured),
                () -> "notes " + h.notes());
    }

    @Test
    void radiusNamesTheSupplicantByItsIdentityStationAndNas() {
        Handshake tls = only("eap-tls-radius.pcap");
        assertEquals(Transport.RADIUS, tls.transport());
        assertEquals(Optional.of(new EapSession(EapMethod.TLS, Optional.of("client.capcert.test"), Optional.of("i19b-switch"),
                Optional.of("10.192.0.2"), Optional.of(SUPPLICANT_STATION))), tls.eap());
        assertEquals(3, tls.chain(Role.SERVER).size());
        assertEquals(2, tls.chain(Role.CLIENT).size());
        assertEquals(2, tls.firstFrame(), "the EAP-TLS Start");
        noPhantom(tls);

        // PEAP and TTLS send an anonymous outer identity; the server first offered EAP-TLS, refused with a Nak
        for (String capture : List.of("peap-radius.pcap", "ttls-radius.pcap", "eap-fast-radius.pcap")) {
            Handshake h = only(capture);
            assertEquals(Optional.of("anonymous"), h.eap().flatMap(EapSession::identity), capture);
            assertEquals(4, h.firstFrame(), capture + ": the Start of the method after the Nak");
            assertTrue(h.chain(Role.CLIENT).isEmpty(), capture);
            noPhantom(h);
        }
        assertEquals(EapMethod.PEAP, only("peap-radius.pcap").eap().orElseThrow().method());
        assertEquals(EapMethod.TTLS, only("ttls-radius.pcap").eap().orElseThrow().method());
        assertEquals(EapMethod.FAST, only("eap-fast-radius.pcap").eap().orElseThrow().method());
    }

    @Test
    void wiredEapolHasMacEndpointsAndTheEapIdentity() {
        Handshake h = only("eapol-wired-tls.pcap");
        assertEquals(Transport.EAPOL, h.transport());
        assertEquals(new MacEndpoint(0x0200_0019_2b02L), h.client());
        assertEquals(new MacEndpoint(0x0200_0019_2b01L), h.server());
        assertEquals("02:00:00:19:2b:01", h.server().toString());
        assertTrue(h.serverPort().isEmpty());
        assertEquals(Optional.of(new EapSession(EapMethod.TLS, Optional.of("client.capcert.test"), Optional.empty(),
                Optional.empty(), Optional.empty())), h.eap());
        assertEquals(5, h.certificates().size());
        assertEquals(Optional.of("anonymous"), only("eapol-wired-peap.pcap").eap().flatMap(EapSession::identity));

        // 802.1X has no port: a port filter, which selects TCP and UDP traffic, leaves it in
        CaptureResult filtered = new CaptureScanner(ScanOptions.defaults().withPorts(Set.of(443)))
                .scan(DIR.resolve("eapol-wired-tls.pcap"));
        assertEquals(1, filtered.handshakes().size());
        Handshake kept = filtered.handshakes().get(0);
        assertEquals(List.of(Transport.EAPOL, h.client(), h.server()), List.of(kept.transport(), kept.client(), kept.server()));
        assertEquals(h.certificates().stream().map(CertificateEntry::derValue).toList(),
                kept.certificates().stream().map(CertificateEntry::derValue).toList());

        // the same frames over Wi-Fi: the MSDU's source and destination come from the 802.11 DS bits
        Handshake wifi = only("eapol-wifi-radiotap.pcap");
        assertEquals(h.client(), wifi.client());
        assertEquals(h.server(), wifi.server());
        assertEquals(h.eap(), wifi.eap());
        assertEquals(h.certificates().stream().map(CertificateEntry::derValue).toList(),
                wifi.certificates().stream().map(CertificateEntry::derValue).toList());
    }

    @Test
    void openVpnGivesTheRealCertificatesWhereContentDetectionMadePhantoms() {
        for (String capture : List.of("openvpn-tcp.pcap", "openvpn-udp.pcap", "openvpn-udp-tls-auth.pcap")) {
            Handshake h = only(capture);
            assertEquals(capture.contains("tcp") ? Transport.OPENVPN_TCP : Transport.OPENVPN_UDP, h.transport(), capture);
            assertEquals(1, h.firstFrame(), capture + ": the client's hard reset");
            assertEquals(2, h.chain(Role.SERVER).size(), capture);
            assertEquals(2, h.chain(Role.CLIENT).size(), capture);
            noPhantom(h);
        }
    }

    @Test
    void tlsCryptIsSaidToHideTheHandshakeAndARenegotiationUnderDynamicTlsCryptToo() {
        assertEquals(List.of(new Note.ConcealedByCarrier(Concealment.OPENVPN_TLS_CRYPT)), only("openvpn-udp-tls-crypt.pcap").notes());
        assertEquals(List.of(new Note.ConcealedByCarrier(Concealment.OPENVPN_TLS_CRYPT_V2)),
                only("openvpn-udp-tls-crypt-v2.pcap").notes());

        CaptureResult renegotiated = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("openvpn-tcp-tls-auth.pcap"));
        assertEquals(2, renegotiated.handshakes().size());
        Handshake first = renegotiated.handshakes().get(0);
        Handshake renegotiation = renegotiated.handshakes().get(1);
        assertEquals(4, first.certificates().size());
        noPhantom(first);
        assertTrue(renegotiation.firstFrame() > first.firstFrame());
        assertTrue(renegotiation.certificates().isEmpty());
        assertEquals(List.of(new Note.ConcealedByCarrier(Concealment.OPENVPN_DYNAMIC_TLS_CRYPT)), renegotiation.notes());
        assertEquals("OpenVPN renegotiation under dynamic tls-crypt (OpenVPN 2.6): control channel encrypted,"
                + " certificates not visible", renegotiation.notes().get(0).message());
    }

    @Test
    void turnRelayedDtlsIsBetweenTheClientAndThePeerViaTheServer() {
        for (String capture : List.of("turn-channeldata.pcap", "turn-send-indication.pcap", "turn-tcp.pcap")) {
            Handshake h = only(capture);
            assertEquals("10.192.1.3:4433", h.server().toString(), capture);
            assertEquals(Optional.of("10.192.0.1:3478"), h.relay().map(Object::toString), capture);
            assertEquals(Optional.of("server.capcert.test"), h.sni(), capture);
            assertFalse(h.client().toString().startsWith("10.192.0.1:"), capture);
        }
    }

    @Test
    void capwapReadsControlAndDataChannelsAndSkipsTheClearDiscovery() {
        CaptureResult result = new CaptureScanner(ScanOptions.defaults()).scan(DIR.resolve("capwap-dtls.pcap"));
        assertEquals(List.of("10.192.0.1:5246", "10.192.0.1:5247"),
                result.handshakes().stream().map(h -> h.server().toString()).toList());
        assertTrue(result.handshakes().stream().allMatch(h -> h.transport() == Transport.CAPWAP && h.certificates().size() == 5));
    }

    /** 802.1X certificate problems live here: each chain judged for the role its sender played. */
    @Test
    void checkJudgesTheRadiusServersChainAsAServerAndTheSupplicantsAsAClient() {
        Handshake h = only("eap-tls-radius.pcap");
        List<Verdict> verdicts = new Checker(CheckOptions.defaults()).check(h);
        String serverLeaf = CertificateDetails.decode(h.chain(Role.SERVER).get(0).der()).sha256();
        String clientLeaf = CertificateDetails.decode(h.chain(Role.CLIENT).get(0).der()).sha256();
        Verdict serverPurpose = verdicts.stream().filter(v -> v.rule() == Rule.KU1 && v.certificate().equals(Optional.of(serverLeaf)))
                .findFirst().orElseThrow();
        Verdict clientPurpose = verdicts.stream().filter(v -> v.rule() == Rule.KU1 && v.certificate().equals(Optional.of(clientLeaf)))
                .findFirst().orElseThrow();
        assertTrue(serverPurpose.message().contains("may act as a TLS server"), serverPurpose.message());
        assertTrue(clientPurpose.message().contains("may act as a TLS client"), clientPurpose.message());
        Verdict names = verdicts.stream().filter(v -> v.rule() == Rule.NM1).findFirst().orElseThrow();
        assertEquals(Severity.INFO, names.severity());
        assertTrue(names.message().startsWith("EAP-TLS sends no server name"), names.message());
    }

    @Test
    void preStandardDtlsIsNamed() {
        assertEquals(Optional.of("DTLS 1.0 (OpenSSL pre-standard)"), only("dtls-0100.pcap").version().map(Object::toString));
    }
}
