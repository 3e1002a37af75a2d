package capcert.report;

import capcert.net.EapSession;
import capcert.net.IpEndpoint;
import capcert.tls.CaptureResult;
import capcert.tls.CertificateEntry;
import capcert.tls.Evidence;
import capcert.tls.Handshake;
import capcert.tls.Role;
import capcert.x509.CertificateDetails;
import capcert.x509.EvidenceContent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed in the chains peers sent between two sets of captures, e.g. before and after a
 * certificate renewal (RULES.md CH4: a renewed CA can bring an intermediate the peers do not
 * trust yet). A peer is named by the SNI it was reached by, else by its address (a supplicant by
 * its EAP identity); its chains are
 * compared as sets of distinct chains as sent.
 */
public record ChainDiff(List<Change> changes, List<String> evidenceRemoved, List<String> evidenceAdded) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One peer whose chains differ; chains are lists of SHA-256 fingerprints, leaf first. */
    public record Change(Kind kind, String peer, Set<List<String>> before, Set<List<String>> after) {

        /** Certificates sent only after, or only before. */
        public Set<String> added() {
            return difference(after, before);
        }

        public Set<String> removed() {
            return difference(before, after);
        }

        private static Set<String> difference(Set<List<String>> a, Set<List<String>> b) {
            Set<String> result = new LinkedHashSet<>();
            a.forEach(result::addAll);
            b.forEach(result::removeAll);
            return result;
        }
    }

    public ChainDiff {
        changes = List.copyOf(changes);
        evidenceRemoved = List.copyOf(evidenceRemoved);
        evidenceAdded = List.copyOf(evidenceAdded);
    }

    /** Whether anything differs: a chain, or what the evidence outside the handshakes says. */
    public boolean isEmpty() {
        return changes.isEmpty() && evidenceRemoved.isEmpty() && evidenceAdded.isEmpty();
    }

    public static ChainDiff between(List<CaptureResult> before, List<CaptureResult> after) {
        Map<String, Set<List<String>>> old = chainsByPeer(before);
        Map<String, Set<List<String>>> now = chainsByPeer(after);
        Set<String> peers = new java.util.TreeSet<>(old.keySet());
        peers.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String peer : peers) {
            Set<List<String>> a = old.getOrDefault(peer, Set.of());
            Set<List<String>> b = now.getOrDefault(peer, Set.of());
            if (a.equals(b)) continue;
            Kind kind = a.isEmpty() ? Kind.ADDED : b.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
            changes.add(new Change(kind, peer, a, b));
        }
        Set<String> oldEvidence = evidence(before);
        Set<String> newEvidence = evidence(after);
        List<String> removed = oldEvidence.stream().filter(line -> !newEvidence.contains(line)).toList();
        List<String> added = newEvidence.stream().filter(line -> !oldEvidence.contains(line)).toList();
        return new ChainDiff(changes, removed, added);
    }

    /** What the captures' evidence says, as {@link EvidenceText#meaning} words it: when it was fetched does not count. */
    private static Set<String> evidence(List<CaptureResult> results) {
        Set<String> lines = new LinkedHashSet<>();
        for (CaptureResult result : results) {
            for (Evidence e : result.evidence()) {
                EvidenceContent content = EvidenceContent.decode(e);
                List<String> names = content.certificates().stream().map(CertificateDetails::decode)
                        .map(d -> (d.subject().isEmpty() ? "unreadable certificate" : d.subject()) + " [" + d.sha256().substring(0, 16) + "]")
                        .toList();
                lines.addAll(EvidenceText.meaning(e, content, names));
            }
        }
        return lines;
    }

    /**
     * A client by its address; a supplicant (EAP) by its identity, else its station: behind one NAS,
     * the address is the NAS's.
     */
    private static String client(Handshake h) {
        if (h.eap().isPresent()) {
            EapSession eap = h.eap().get();
            return eap.identity().or(eap::callingStation).orElse(h.client().host());
        }
        return h.client() instanceof IpEndpoint ip ? ip.address().getHostAddress() : h.client().host();
    }

    private static Map<String, Set<List<String>>> chainsByPeer(List<CaptureResult> results) {
        Map<String, Set<List<String>>> chains = new TreeMap<>();
        for (CaptureResult result : results) {
            for (Handshake h : result.handshakes()) {
                for (List<CertificateEntry> message : h.certificateMessages()) {
                    Role sender = message.get(0).role();
                    String peer = sender.label() + " " + (sender == Role.SERVER
                            ? h.sni().orElse(h.server().toString())
                            : client(h));
                    List<String> chain = message.stream().map(c -> CertificateDetails.decode(c.der()).sha256()).toList();
                    chains.computeIfAbsent(peer, p -> new LinkedHashSet<>()).add(chain);
                }
            }
        }
        return chains;
    }
}
