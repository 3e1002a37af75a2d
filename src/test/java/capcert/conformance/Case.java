package capcert.conformance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One conformance case in x509-limbo's shape: trusted certificates, untrusted intermediates, the
 * peer's certificate, a validation time, the names the peer is expected to have, the validation
 * kind (a server's or a client's certificate), required EKUs, a maximum chain depth, CRLs, the
 * profile, and the expected outcome.
 *
 * @param pathOnly the outcome follows from RFC 5280 path validation alone, so the JDK's PKIX can be
 *                 asked the same question (no names, no profile rules)
 */
public record Case(String id, String description, List<byte[]> trusted, List<byte[]> untrusted, byte[] peer, Instant time,
            List<String> peerNames, boolean client, List<String> ekus, Integer maxDepth, List<byte[]> crls,
            boolean web, boolean expectSuccess, boolean pathOnly) {

    static final Instant DEFAULT_TIME = Instant.parse("2024-06-01T00:00:00Z");

    static Builder of(String id, String description) {
        return new Builder(id, description);
    }

    static final class Builder {
        private final String id;
        private final String description;
        private final List<byte[]> trusted = new ArrayList<>();
        private final List<byte[]> untrusted = new ArrayList<>();
        private byte[] peer;
        private Instant time = DEFAULT_TIME;
        private final List<String> peerNames = new ArrayList<>(List.of("example.com"));
        private boolean client;
        private final List<String> ekus = new ArrayList<>();
        private Integer maxDepth;
        private final List<byte[]> crls = new ArrayList<>();
        private boolean web;
        private boolean pathOnly = true;

        private Builder(String id, String description) {
            this.id = id;
            this.description = description;
        }

        Builder trusted(Pki.Issued... certs) {
            for (Pki.Issued c : certs) trusted.add(c.der());
            return this;
        }

        Builder untrusted(Pki.Issued... certs) {
            for (Pki.Issued c : certs) untrusted.add(c.der());
            return this;
        }

        Builder peer(Pki.Issued cert) {
            peer = cert.der();
            return this;
        }

        Builder time(Instant value) {
            time = value;
            return this;
        }

        /** The peer's expected names (DNS, IP, or a mailbox); none at all with no argument. */
        Builder names(String... names) {
            peerNames.clear();
            peerNames.addAll(List.of(names));
            if (names.length > 0 && !(names.length == 1 && names[0].equals("example.com"))) pathOnly = false;
            return this;
        }

        Builder client() {
            client = true;
            return this;
        }

        Builder eku(String... names) {
            ekus.addAll(List.of(names));
            return this;
        }

        Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        Builder crls(byte[]... values) {
            crls.addAll(List.of(values));
            return this;
        }

        Builder web() {
            web = true;
            pathOnly = false;
            return this;
        }

        /** The outcome depends on more than RFC 5280 path validation (names, profile rules, encodings). */
        Builder notPathOnly() {
            pathOnly = false;
            return this;
        }

        Case succeeds() {
            return build(true);
        }

        Case fails() {
            return build(false);
        }

        private Case build(boolean success) {
            if (peer == null) throw new IllegalStateException(id + ": no peer certificate");
            return new Case(id, description, List.copyOf(trusted), List.copyOf(untrusted), peer, time, List.copyOf(peerNames),
                    client, List.copyOf(ekus), maxDepth, List.copyOf(crls), web, success, pathOnly);
        }
    }
}
