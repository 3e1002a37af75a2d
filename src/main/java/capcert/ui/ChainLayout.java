package capcert.ui;

import capcert.tls.CertificateEntry;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.x509.CertificateDetails;
import capcert.x509.CertificateFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Certificate message arranged as certificate viewers draw it: the path from the leaf up
 * through the issuers that were sent, whatever order they were sent in, the issuer the path stops
 * short of when it does not end at a self-issued root, and the certificates that are not on the
 * path at all.
 *
 * @param path          leaf first, each next one the issuer of the one before
 * @param missingIssuer subject of the issuer the last one names but the peer did not send
 * @param unrelated     certificates sent that are not on the path, in the order sent
 */
record ChainLayout(Role sender, List<Certificate> path, Optional<String> missingIssuer, List<Certificate> unrelated) {

    /** A certificate as sent, with its decoded details. */
    record Certificate(CertificateEntry entry, CertificateDetails details) {
        boolean selfIssued() {
            return !details.subject().isEmpty() && details.subject().equals(details.issuer());
        }

        /** What a person calls it: the common name, else the subject, else the reason it does not decode. */
        String label() {
            if (!details.commonName().isEmpty()) return details.commonName();
            if (!details.subject().isEmpty()) return details.subject();
            return "undecodable certificate (" + entry.length() + " bytes)";
        }

        boolean isCertificateAuthority() {
            return CertificateFields.isCertificateAuthority(entry.der());
        }
    }

    ChainLayout {
        path = List.copyOf(path);
        unrelated = List.copyOf(unrelated);
    }

    /** Every certificate of the message, in the order it was sent. */
    List<Certificate> sent() {
        List<Certificate> all = new ArrayList<>(path);
        all.addAll(unrelated);
        all.sort((a, b) -> Integer.compare(a.entry().position(), b.entry().position()));
        return all;
    }

    /** The handshake's Certificate messages, each laid out: the server's first, as sent. */
    static List<ChainLayout> of(Handshake handshake) {
        List<ChainLayout> layouts = new ArrayList<>();
        for (List<CertificateEntry> message : handshake.certificateMessages()) layouts.add(of(message));
        return layouts;
    }

    static ChainLayout of(List<CertificateEntry> message) {
        List<Certificate> remaining = new ArrayList<>();
        for (CertificateEntry entry : message) remaining.add(new Certificate(entry, CertificateDetails.decode(entry.der())));
        List<Certificate> path = new ArrayList<>();
        Certificate current = remaining.remove(0);
        path.add(current);
        while (!current.selfIssued()) {
            Certificate issuer = issuerOf(current, remaining);
            if (issuer == null) break;
            remaining.remove(issuer);
            path.add(issuer);
            current = issuer;
        }
        Optional<String> missing = current.selfIssued() || current.details().issuer().isEmpty()
                ? Optional.empty() : Optional.of(current.details().issuer());
        return new ChainLayout(message.get(0).role(), path, missing, remaining);
    }

    private static Certificate issuerOf(Certificate child, List<Certificate> candidates) {
        String issuer = child.details().issuer();
        if (issuer.isEmpty()) return null;
        return candidates.stream().filter(c -> c.details().subject().equals(issuer)).findFirst().orElse(null);
    }
}
