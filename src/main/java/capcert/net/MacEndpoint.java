package capcert.net;

/**
 * A 48-bit MAC address, the endpoint of EAP over LAN (802.1X supplicant, authenticator). Written
 * as Linux and Wireshark write it: six lowercase hex pairs joined by colons.
 */
public record MacEndpoint(long address) implements Endpoint {

    public MacEndpoint {
        if ((address & ~0xffff_ffff_ffffL) != 0) throw new IllegalArgumentException("not a 48-bit address: " + address);
    }

    @Override
    public String host() {
        return toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (address >>> shift) & 0xff;
            if (shift < 40) text.append(':');
            text.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return text.toString();
    }
}
