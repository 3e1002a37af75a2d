package capcert.tls;

import java.util.Objects;
import java.util.Optional;

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
    private final Der der;
    private final long frame;
    private final Optional<Der> stapledOcsp;
    private final Optional<Der> signedCertificateTimestamps;

    public CertificateEntry(Role role, int position, byte[] der, long frame) {
        this(role, position, Der.copyOf(der), frame);
    }

    public CertificateEntry(Role role, int position, Der der, long frame) {
        this(role, position, der, frame, Optional.empty(), Optional.empty());
    }

    /**
     * An entry of a TLS 1.3 Certificate message with the extensions it carried: a stapled OCSP
     * response ({@code status_request}) and a {@code SignedCertificateTimestampList}, each as sent.
     */
    public CertificateEntry(Role role, int position, Der der, long frame, Optional<Der> stapledOcsp,
                            Optional<Der> signedCertificateTimestamps) {
        this.role = Objects.requireNonNull(role);
        this.position = position;
        this.der = Objects.requireNonNull(der);
        this.frame = frame;
        this.stapledOcsp = Objects.requireNonNull(stapledOcsp);
        this.signedCertificateTimestamps = Objects.requireNonNull(signedCertificateTimestamps);
    }

    public Role role() {
        return role;
    }

    public int position() {
        return position;
    }

    /** A copy of the DER bytes. */
    public byte[] der() {
        return der.toByteArray();
    }

    /** The DER bytes as a value shared by every entry of the scan that carries them: the key for per-certificate maps. */
    public Der derValue() {
        return der;
    }

    public int length() {
        return der.length();
    }

    public long frame() {
        return frame;
    }

    /** The DER OCSPResponse stapled to this entry (TLS 1.3 {@code status_request} entry extension), if any. */
    public Optional<Der> stapledOcsp() {
        return stapledOcsp;
    }

    /** The {@code SignedCertificateTimestampList} (RFC 6962) sent with this entry, if any. */
    public Optional<Der> signedCertificateTimestamps() {
        return signedCertificateTimestamps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateEntry c && c.role == role && c.position == position
                && c.frame == frame && c.der.equals(der);
    }

    @Override
    public int hashCode() {
        return (role.hashCode() * 31 + position) * 31 + der.hashCode();
    }

    @Override
    public String toString() {
        return "CertificateEntry[" + role.label() + " #" + position + ", " + der.length() + " bytes, frame " + frame + "]";
    }
}
