package capcert.check;

import capcert.tls.Der;
import capcert.x509.CertificateDetails;
import capcert.x509.ParsedCertificate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a chain as the peer presented it.
 *
 * @param position   index in the Certificate message (or the file), 0 first
 * @param cert       Bouncy Castle's reading of it; empty when the bytes are not a certificate at all
 * @param unreadable why the bytes are not a certificate, when they are not
 */
record Sent(int position, CertificateDetails details, Optional<Cert> cert, Optional<String> unreadable) {

    static Sent of(int position, byte[] der) {
        return of(position, Der.copyOf(der));
    }

    /** A scan's certificates share one {@link Der} each, so the cache finds them without a copy or a hash. */
    static Sent of(int position, Der der) {
        Decoded decoded;
        synchronized (DECODED) {
            decoded = DECODED.get(der);
        }
        if (decoded == null) {
            byte[] bytes = der.toByteArray();
            Optional<Cert> cert;
            Optional<String> unreadable;
            try {
                cert = Optional.of(new Cert(ParsedCertificate.parse(bytes)));
                unreadable = Optional.empty();
            } catch (ParsedCertificate.NotACertificate e) {
                cert = Optional.empty();
                unreadable = Optional.of(e.getMessage());
            }
            decoded = new Decoded(CertificateDetails.decode(bytes), cert, unreadable);
            synchronized (DECODED) {
                DECODED.put(der, decoded);
            }
        }
        return new Sent(position, decoded.details(), decoded.cert(), decoded.unreadable());
    }

    private record Decoded(CertificateDetails details, Optional<Cert> cert, Optional<String> unreadable) {
    }

    /**
     * Busy servers send one chain in thousands of handshakes; decoding it was most of the time spent
     * checking a capture, and the signatures verified on it are remembered with it. The least
     * recently used are dropped past a few thousand, so a capture of countless distinct certificates
     * cannot fill the heap.
     */
    private static final int DECODED_KEPT = 4096;
    private static final Map<Der, Decoded> DECODED = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Der, Decoded> eldest) {
            return size() > DECODED_KEPT;
        }
    };

    /** "certificate 1 "Example Intermediate CA"", or by hash when it does not decode. */
    String label() {
        return "certificate " + position + " " + cert.map(Cert::label).orElse("(sha256 " + details.sha256() + ")");
    }
}
