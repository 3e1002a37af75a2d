package capcert.check;

import capcert.x509.CertificateDetails;

import java.util.Optional;

/**
 * One entry of a chain as the peer presented it.
 *
 * @param position   index in the Certificate message (or the file), 0 first
 * @param cert       Bouncy Castle's reading of it; empty when the bytes are not a certificate at all
 * @param unreadable why the bytes are not a certificate, when they are not
 */
record Sent(int position, CertificateDetails details, Optional<Cert> cert, Optional<String> unreadable) {

    /** "certificate 1 "Example Intermediate CA"", or by hash when it does not decode. */
    String label() {
        return "certificate " + position + " " + cert.map(Cert::label).orElse("(sha256 " + details.sha256() + ")");
    }
}
