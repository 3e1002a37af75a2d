package capcert.tls;

import java.util.Arrays;

/**
 * One certificate exactly as carried in a Certificate message (or an SSLv2 SERVER-HELLO).
 * {@code position} is its index in the chain as sent: 0 is normally the leaf. {@code frame} is the
 * frame that completed the message. The DER is whatever the peer sent, valid or not.
 */
public record CertificateEntry(Role role, int position, byte[] der, long frame) {

    public CertificateEntry {
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateEntry c && c.role == role && c.position == position
                && c.frame == frame && Arrays.equals(c.der, der);
    }

    @Override
    public int hashCode() {
        return (role.hashCode() * 31 + position) * 31 + Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "CertificateEntry[" + role.label() + " #" + position + ", " + der.length + " bytes, frame " + frame + "]";
    }
}
