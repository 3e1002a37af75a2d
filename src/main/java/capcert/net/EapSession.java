package capcert.net;

import java.util.Optional;

/**
 * What EAP and RADIUS say about the supplicant of a TLS handshake made inside EAP, which has no
 * SNI to name it.
 *
 * @param identity       the EAP identity (EAP-Response/Identity, or RADIUS User-Name): often an
 *                       anonymous outer identity with PEAP and TTLS
 * @param nasIdentifier  RADIUS NAS-Identifier: the switch, access point or controller that relayed it
 * @param nasAddress     RADIUS NAS-IP-Address or NAS-IPv6-Address
 * @param callingStation RADIUS Calling-Station-Id: for 802.1X, the supplicant's MAC address as the NAS wrote it
 */
public record EapSession(EapMethod method, Optional<String> identity, Optional<String> nasIdentifier,
                         Optional<String> nasAddress, Optional<String> callingStation) {
}
