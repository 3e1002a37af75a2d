package capcert.check;

import capcert.tls.CipherSuite;
import capcert.tls.Note;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One chain to judge, with everything the rules need to know about the situation it was presented in.
 * The leaf and the path through the chain as sent are worked out once, here.
 */
final class CheckedChain {

    static final int TRAVERSAL_PORT = 7001;
    static final int SECURE_SIP_PORT = 5061;

    private final Purpose purpose;
    private final List<Sent> sent;
    private final List<Cert> intermediates;
    private final Optional<String> serverName;
    private final Instant when;
    private final Optional<Integer> port;
    private final Optional<CipherSuite> cipherSuite;
    private final CheckOptions options;
    private final Optional<Note> captureLoss;
    private final Wording wording;
    private final List<Cert> parsed;
    private final Optional<Cert> leaf;
    private final List<Cert> sentPath;

    /**
     * @param sent          the chain as presented, position 0 first
     * @param intermediates extra untrusted certificates that may complete a path
     * @param serverName    the name the client asked for (SNI) or the peer is reached by
     * @param when          the time that counts: the handshake's capture time, or the time a file check is made for
     * @param port          the server's port, when the chain comes from a capture (7001 traversal, 5061 SIP)
     * @param cipherSuite   the negotiated suite, when known: says whether the key signs or decrypts the key exchange
     * @param captureLoss   what the capture lost of the Certificate message that carried this chain, if it lost part of it
     * @param wording       how remedies name what to give the checker
     */
    CheckedChain(Purpose purpose, List<Sent> sent, List<Cert> intermediates, Optional<String> serverName,
                 Instant when, Optional<Integer> port, Optional<CipherSuite> cipherSuite, CheckOptions options,
                 Optional<Note> captureLoss, Wording wording) {
        this.purpose = purpose;
        this.sent = List.copyOf(sent);
        this.intermediates = List.copyOf(intermediates);
        this.serverName = serverName;
        this.when = when;
        this.port = port;
        this.cipherSuite = cipherSuite;
        this.options = options;
        this.captureLoss = captureLoss;
        this.wording = wording;
        this.parsed = this.sent.stream().flatMap(s -> s.cert().stream()).toList();
        this.leaf = findLeaf(parsed);
        this.sentPath = walk(leaf, parsed);
    }

    Purpose purpose() { return purpose; }
    List<Sent> sent() { return sent; }
    List<Cert> intermediates() { return intermediates; }
    Optional<String> serverName() { return serverName; }
    Instant when() { return when; }
    Optional<Integer> port() { return port; }
    Optional<CipherSuite> cipherSuite() { return cipherSuite; }
    CheckOptions options() { return options; }
    Optional<Note> captureLoss() { return captureLoss; }
    Wording wording() { return wording; }

    /** The certificates of the chain that read as certificates, in the order sent. */
    List<Cert> parsed() { return parsed; }

    /**
     * The certificate presented as the peer's own: entry 0, unless entry 0 issued another entry of the
     * chain (the chain is upside down), in which case the first entry that issued none.
     */
    Optional<Cert> leaf() { return leaf; }

    /** The leaf, then its issuer among the certificates sent, then that one's, as far as the chain as sent goes. */
    List<Cert> sentPath() { return sentPath; }

    /** Position of a certificate in the chain as sent, if it was sent. */
    Optional<Integer> positionOf(Cert cert) {
        return sent.stream().filter(s -> s.details().sha256().equals(cert.sha256())).map(Sent::position).findFirst();
    }

    /** "certificate 1 "Example CA"" when it was sent, else just its name. */
    String label(Cert cert) {
        return positionOf(cert).map(p -> "certificate " + p + " " + cert.label()).orElse(cert.label());
    }

    /** What the peer that presented this chain is called in messages. */
    String sender() {
        return purpose == Purpose.SERVER ? "server" : "client";
    }

    /** The peer that checks this chain. */
    String verifier() {
        return purpose == Purpose.SERVER ? "client" : "server";
    }

    private static Optional<Cert> findLeaf(List<Cert> parsed) {
        for (Cert candidate : parsed) {
            boolean issuesAnother = parsed.stream().anyMatch(c -> !c.sameAs(candidate) && c.issuedBy(candidate));
            if (!issuesAnother) return Optional.of(candidate);
        }
        return parsed.stream().findFirst();
    }

    private static List<Cert> walk(Optional<Cert> leaf, List<Cert> pool) {
        List<Cert> path = new ArrayList<>();
        Optional<Cert> next = leaf;
        while (next.isPresent()) {
            Cert current = next.get();
            path.add(current);
            if (current.selfSigned()) break;
            next = pool.stream()
                    .filter(c -> path.stream().noneMatch(p -> p.sameAs(c)) && current.issuedBy(c))
                    .findFirst();
        }
        return path;
    }
}
