package capcert.net;

import capcert.capture.LinkType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wi-Fi frames that carry EAPOL (EtherType 0x888e) must reach the EtherType dispatch wired Ethernet
 * uses, with the supplicant's and the authenticator's addresses. The frames follow IEEE 802.11-2020
 * 9.2 and radiotap.org; the EAPOL body is an EAPOL-Start (IEEE 802.1X-2020 11.3).
 */
class LinkHeadersTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String STATION = "02000000aa02";
    private static final String ACCESS_POINT = "02000000aa01";
    private static final String EAPOL_START = "aaaa030000" + "00888e" + "02010000";

    /** QoS data, To DS: addr1 BSSID, addr2 the station (source), addr3 the destination. */
    private static String qosDataToDs(String body) {
        return "8801" + "2c00" + ACCESS_POINT + STATION + ACCESS_POINT + "1000" + "0000" + body;
    }

    @Test
    void eapolInARadiotapQosDataFrameReachesTheEtherTypeWithItsAddresses() {
        // radiotap: version 0, length 17, present = TSFT | Flags, TSFT, flags 0x10 (FCS at the end)
        String radiotap = "00001100" + "03000000" + "0102030405060708" + "10";
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex(radiotap + qosDataToDs(EAPOL_START) + "deadbeef"));
        LinkHeaders headers = new LinkHeaders();
        headers.decode(b, LinkType.RADIOTAP, 0, b.limit());
        assertEquals(LinkHeaders.Inner.ETHERTYPE, headers.inner);
        assertEquals(0x888e, headers.value);
        assertEquals("02010000", HEX.formatHex(b.array(), headers.offset, headers.end));
        assertEquals(STATION, HEX.formatHex(b.array(), headers.sourceAt, headers.sourceAt + 6));
        assertEquals(ACCESS_POINT, HEX.formatHex(b.array(), headers.destinationAt, headers.destinationAt + 6));
    }

    @Test
    void ppiNamesTheBare80211LinkItWraps() {
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex("0000" + "0800" + "69000000" + qosDataToDs(EAPOL_START)));
        LinkHeaders headers = new LinkHeaders();
        headers.decode(b, LinkType.PPI, 0, b.limit());
        assertEquals(LinkHeaders.Inner.LINK, headers.inner);
        assertEquals(LinkType.IEEE_802_11, headers.value);
        assertEquals(8, headers.offset);
    }

    @Test
    void protectedFramesAndFramesWithoutBodyYieldNothing() {
        LinkHeaders headers = new LinkHeaders();
        ByteBuffer encrypted = ByteBuffer.wrap(HEX.parseHex("8841" + qosDataToDs(EAPOL_START).substring(4)));
        headers.decode(encrypted, LinkType.IEEE_802_11, 0, encrypted.limit());
        assertEquals(LinkHeaders.Inner.NOTHING, headers.inner);
        ByteBuffer qosNull = ByteBuffer.wrap(HEX.parseHex("c801" + qosDataToDs("").substring(4)));
        headers.decode(qosNull, LinkType.IEEE_802_11, 0, qosNull.limit());
        assertEquals(LinkHeaders.Inner.NOTHING, headers.inner);
        ByteBuffer beacon = ByteBuffer.wrap(HEX.parseHex("8000" + "0000" + "ffffffffffff" + ACCESS_POINT + ACCESS_POINT + "0000"
                + "0000000000000000" + "6400" + "3104"));
        headers.decode(beacon, LinkType.IEEE_802_11, 0, beacon.limit());
        assertEquals(LinkHeaders.Inner.NOTHING, headers.inner);
    }

    @Test
    void everyAmsduSubframeIsRead() {
        // QoS control with A-MSDU present; two subframes (DA, SA, length, MSDU), the first padded to 4
        String first = STATION + ACCESS_POINT + "000c" + EAPOL_START.substring(0, 16) + "02010000";
        String second = ACCESS_POINT + STATION + "000c" + EAPOL_START;
        String frame = "8801" + "2c00" + ACCESS_POINT + STATION + ACCESS_POINT + "1000" + "8000" + first + "00".repeat(2) + second;
        ByteBuffer b = ByteBuffer.wrap(HEX.parseHex(frame));
        LinkHeaders headers = new LinkHeaders();
        headers.decode(b, LinkType.IEEE_802_11, 0, b.limit());
        assertEquals(0x888e, headers.value);
        assertEquals(STATION, HEX.formatHex(b.array(), headers.destinationAt, headers.destinationAt + 6));
        assertTrue(headers.nextSubframe());
        assertEquals(0x888e, headers.value);
        assertEquals(STATION, HEX.formatHex(b.array(), headers.sourceAt, headers.sourceAt + 6));
        assertFalse(headers.nextSubframe());
    }

    @Test
    void ciscoHdlcAndFrameRelayGiveTheirEtherTypeOrIp() {
        LinkHeaders headers = new LinkHeaders();
        ByteBuffer hdlc = ByteBuffer.wrap(HEX.parseHex("0f00" + "86dd" + "60"));
        headers.decode(hdlc, LinkType.CISCO_HDLC, 0, hdlc.limit());
        assertEquals(0x86dd, headers.value);
        assertEquals(4, headers.offset);
        ByteBuffer frameRelay = ByteBuffer.wrap(HEX.parseHex("0401" + "03cc" + "45"));
        headers.decode(frameRelay, LinkType.FRAME_RELAY, 0, frameRelay.limit());
        assertEquals(LinkHeaders.Inner.IP, headers.inner);
        assertEquals(4, headers.offset);
    }
}
