package capcert.tls;

import java.util.Arrays;
import java.util.Objects;

/**
 * One certificate exactly as carried in a Certificate message (or an SSLv2 SERVER-HELLO).
 * {@code position} is its index in the chain as sent: 0 is normally the leaf. {@code frame} is the
 * frame that completed the message. The DER is whatever the peer sent, valid or not.
 *
 * <p>Not a record: busy servers send the same chain in thousands of handshakes, and the scanner
 * shares one copy of each distinct DER between their entries instead of cloning it per entry.
 */
public final class CertificateEntry {

    private final Role role;
    private final int position;
    private final byte[] der;
    private final long frame;

    public CertificateEntry(Role role, int position, byte[] der, long frame) {
        this(der.clone(), role, position, frame);
    }

    /** Takes {@code der} as it is: only for arrays the scanner owns and never changes. */
    private CertificateEntry(byte[] der, Role role, int position, long frame) {
        this.role = Objects.requireNonNull(role);
        this.position = position;
        this.der = der;
        this.frame = frame;
    }

    static CertificateEntry sharing(Role role, int position, byte[] der, long frame) {
        return new CertificateEntry(der, role, position, frame);
    }

    /** The DER array itself, not a copy: for the scanner's own use only. */
    byte[] sharedDer() {
        return der;
    }

    public Role role() {
        return role;
    }

    public int position() {
        return position;
    }

    /** A copy of the DER bytes. */
    public byte[] der() {
        return der.clone();
    }

    public int length() {
        return der.length;
    }

    public long frame() {
        return frame;
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
