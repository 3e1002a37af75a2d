package capcert.check;

import capcert.tls.Der;
import capcert.trust.TrustedCertificate;
import capcert.x509.CertificateDetails;

import java.security.cert.X509Certificate;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates one {@link Checker} has decoded, kept for the chains it checks next. Not shared:
 * each checker has its own, so checkers on many threads never wait for one another.
 */
final class Decoded {

    /**
     * Busy servers send one chain in thousands of handshakes; decoding it (twice: Bouncy Castle and
     * the JDK) was most of the time spent checking a capture. The least recently used are dropped
     * past a few thousand, so a capture of countless distinct certificates cannot fill the heap.
     */
    private static final int SENT_KEPT = 4096;

    private record Reading(CertificateDetails details, Optional<Cert> cert) {
    }

    /** A scan's certificates share one {@link Der} each, so this finds them without a copy or a hash. */
    private final Map<Der, Reading> sent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Der, Reading> eldest) {
            return size() > SENT_KEPT;
        }
    };
    /**
     * The trust lists' certificates (the JDK's list has about 150), read for every chain of every
     * handshake: decoded once. The checker's options hold the lists, so these are all there can be.
     */
    private final Map<X509Certificate, Cert> trusted = new IdentityHashMap<>();

    /** One entry of a chain as presented. */
    Sent sent(int position, Der der) {
        Reading reading = sent.get(der);
        if (reading == null) {
            byte[] bytes = der.toByteArray();
            CertificateDetails details = CertificateDetails.decode(bytes);
            reading = new Reading(details, Cert.parse(bytes, details));
            sent.put(der, reading);
        }
        return new Sent(position, reading.details(), reading.cert());
    }

    /** A certificate of a trust list. */
    Cert trusted(TrustedCertificate certificate) {
        return trusted.computeIfAbsent(certificate.certificate(), Cert::of);
    }
}
