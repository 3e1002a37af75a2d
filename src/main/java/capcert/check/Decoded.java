package capcert.check;

import capcert.tls.Der;
import capcert.x509.CertificateDetails;
import capcert.x509.ParsedCertificate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates one {@link Checker} has decoded, kept for the chains it checks next. Not shared:
 * each checker has its own, so checkers on many threads never wait for one another.
 */
final class Decoded {

    /**
     * Busy servers send one chain in thousands of handshakes; decoding it was most of the time spent
     * checking a capture, and the signatures verified on it are remembered with it. The least
     * recently used are dropped past a few thousand, so a capture of countless distinct certificates
     * cannot fill the heap.
     */
    private static final int SENT_KEPT = 4096;

    private record Reading(CertificateDetails details, Optional<Cert> cert, Optional<String> unreadable) {
    }

    /** A scan's certificates share one {@link Der} each, so this finds them without a copy or a hash. */
    private final Map<Der, Reading> sent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Der, Reading> eldest) {
            return size() > SENT_KEPT;
        }
    };

    /** One entry of a chain as presented. */
    Sent sent(int position, Der der) {
        Reading reading = sent.get(der);
        if (reading == null) {
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
            reading = new Reading(CertificateDetails.decode(bytes), cert, unreadable);
            sent.put(der, reading);
        }
        return new Sent(position, reading.details(), reading.cert(), reading.unreadable());
    }

    /**
     * An extra certificate that may complete a path: the certificate alone, without the display
     * details a chain entry has (Java's parser, which they ask for, costs a short run its start-up).
     * Empty when the bytes are not a certificate.
     */
    Optional<Cert> certificate(Der der) {
        Reading reading = sent.get(der);
        if (reading != null) return reading.cert();
        try {
            return Optional.of(new Cert(ParsedCertificate.parse(der.toByteArray())));
        } catch (ParsedCertificate.NotACertificate e) {
            return Optional.empty();
        }
    }
}
